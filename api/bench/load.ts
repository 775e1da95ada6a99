import autocannon from "autocannon";

/*
 * One load run with autocannon against the running server. Latencies are collected per response
 * (autocannon's summary has p97.5 but no p95), and every status is counted: anything but 2xx is an error.
 */

export interface PlannedRequest {
  method: "GET" | "POST";
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

export interface LoadFigures {
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  /** What the errors were, e.g. `409 x3`, for the report. */
  errorKinds: string[];
}

export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

export async function runLoad(opts: {
  url: string;
  connections: number;
  durationSeconds: number;
  headers: Record<string, string>;
  /** The i-th request overall (shared by all connections, so each request can differ). */
  next: (i: number) => PlannedRequest;
  /** At most this many requests (e.g. the reports there are to submit). */
  amount?: number;
}): Promise<LoadFigures> {
  let counter = 0;
  const times: number[] = [];
  const statuses = new Map<number, number>();
  const options: autocannon.Options = {
    url: opts.url,
    connections: opts.connections,
    duration: opts.durationSeconds,
    ...(opts.amount !== undefined ? { amount: opts.amount } : {}),
    headers: opts.headers,
    timeout: 30,
    requests: [
      {
        setupRequest: (req) => {
          const planned = opts.next(counter++);
          return {
            ...req,
            method: planned.method,
            path: planned.path,
            ...(planned.body !== undefined ? { body: planned.body } : {}),
            headers: { ...opts.headers, ...planned.headers },
          };
        },
      },
    ],
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error, done) => {
      clearTimeout(timer);
      return error ? reject(error) : resolve(done);
    });
    // With `amount`, autocannon ignores the duration: the duration still bounds the run.
    const timer = setTimeout(() => instance.stop(), opts.durationSeconds * 1000);
    instance.on("response", (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      times.push(responseTime);
      statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
    });
  });
  times.sort((a, b) => a - b);
  const errorKinds = [...statuses.entries()]
    .filter(([status]) => status < 200 || status > 299)
    .map(([status, n]) => `${status} x${n}`);
  if (result.errors) errorKinds.push(`socket errors x${result.errors}`);
  if (result.timeouts) errorKinds.push(`timeouts x${result.timeouts}`);
  const non2xx = [...statuses.entries()].filter(([s]) => s < 200 || s > 299).reduce((n, [, c]) => n + c, 0);
  const elapsed = result.duration || opts.durationSeconds;
  return {
    requests: times.length,
    perSecond: times.length / elapsed,
    p50: percentile(times, 0.5),
    p95: percentile(times, 0.95),
    p99: percentile(times, 0.99),
    errors: non2xx + result.errors + result.timeouts,
    errorKinds,
  };
}
