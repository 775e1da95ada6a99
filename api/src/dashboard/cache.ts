/*
 * The head's dashboard sums a whole unit's portfolio (at national size some 8,000 tasks, 160,000
 * money movements): ten heads opening it at once would each pay for the same aggregates. Figures
 * are kept per scope and day for a few seconds, and dropped whenever this server changes anything
 * (any non-GET request that finished): a change made here is visible at the next read, a change
 * made elsewhere (another server on the same database, the CLI) within the time to live.
 */

export interface DashboardCacheOptions {
  /** How long figures are served before being computed again; 0 turns the cache off. */
  ttlMs: number;
  now?: () => number;
}

interface Entry<T> {
  generation: number;
  at: number;
  value: Promise<T>;
}

export class DashboardCache<T = unknown> {
  private readonly ttlMs: number;
  private readonly now: () => number;
  private generation = 0;
  private readonly entries = new Map<string, Entry<T>>();

  constructor(options: DashboardCacheOptions) {
    this.ttlMs = options.ttlMs;
    this.now = options.now ?? Date.now;
  }

  /** Something changed: figures computed before now (or still being computed) are not served again. */
  invalidate(): void {
    this.generation++;
    this.entries.clear();
  }

  /**
   * The figures for `key`, computed at most once per time to live: requests arriving while they
   * are computed share the one computation. A failed computation is not kept.
   */
  get(key: string, compute: () => Promise<T>): Promise<T> {
    if (this.ttlMs <= 0) return compute();
    const now = this.now();
    const hit = this.entries.get(key);
    if (hit && hit.generation === this.generation && now - hit.at < this.ttlMs) return hit.value;
    const entry: Entry<T> = { generation: this.generation, at: now, value: compute() };
    this.entries.set(key, entry);
    entry.value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return entry.value;
  }
}
