import {
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  PostgresQueryCompiler,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from "kysely";
import { percentile } from "./load.ts";

/*
 * "The same SQL through the driver alone": the API's own code runs in-process once per sample
 * request with a plugin that records every statement it sends (text, parameters, when it started
 * and finished). Statements that were in flight together form a wave; the replay sends each wave
 * at once and waits for it, as the API did, so the raw figure is the database's share of a request.
 */

export interface CapturedQuery {
  sql: string;
  parameters: readonly unknown[];
  start: number;
  end: number;
}

/** The statements of one request, grouped into waves that ran concurrently. */
export type RequestPlan = CapturedQuery[][];

export class QueryCapture implements KyselyPlugin {
  private readonly compiler = new PostgresQueryCompiler();
  private readonly open = new WeakMap<object, CapturedQuery>();
  private recorded: CapturedQuery[] | null = null;

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (this.recorded) {
      const compiled = this.compiler.compileQuery(args.node, args.queryId);
      const query: CapturedQuery = {
        sql: compiled.sql,
        parameters: compiled.parameters,
        start: performance.now(),
        end: Number.POSITIVE_INFINITY,
      };
      this.recorded.push(query);
      this.open.set(args.queryId, query);
    }
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const query = this.open.get(args.queryId);
    if (query) query.end = performance.now();
    return args.result;
  }

  /** Runs `request` and returns the statements it sent, in waves. */
  async record(request: () => Promise<unknown>): Promise<RequestPlan> {
    this.recorded = [];
    try {
      await request();
      // A subquery builder passes through the plugin too, but is never sent on its own: no result, not kept.
      return toWaves(this.recorded.filter((q) => Number.isFinite(q.end)));
    } finally {
      this.recorded = null;
    }
  }
}

function toWaves(queries: readonly CapturedQuery[]): RequestPlan {
  const waves: CapturedQuery[][] = [];
  let current: CapturedQuery[] = [];
  let firstEnd = Number.POSITIVE_INFINITY;
  for (const q of [...queries].sort((a, b) => a.start - b.start)) {
    // A statement sent before any of the wave finished was not waiting for it: same wave.
    if (current.length > 0 && q.start >= firstEnd) {
      waves.push(current);
      current = [];
      firstEnd = Number.POSITIVE_INFINITY;
    }
    current.push(q);
    firstEnd = Math.min(firstEnd, q.end);
  }
  if (current.length > 0) waves.push(current);
  return waves;
}

export interface RawFigures {
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  statementsPerRequest: number;
}

/** Replays the plans round-robin from `connections` workers for the duration; latency per plan. */
export async function replay(
  plans: readonly RequestPlan[],
  run: (sql: string, parameters: readonly unknown[]) => Promise<unknown>,
  connections: number,
  durationSeconds: number,
): Promise<RawFigures> {
  const deadline = performance.now() + durationSeconds * 1000;
  const times: number[] = [];
  let next = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      const plan = plans[next++ % plans.length] ?? [];
      const started = performance.now();
      for (const wave of plan) await Promise.all(wave.map((q) => run(q.sql, q.parameters)));
      times.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  times.sort((a, b) => a - b);
  const statements = plans.reduce((n, p) => n + p.reduce((m, w) => m + w.length, 0), 0) / Math.max(1, plans.length);
  return {
    requests: times.length,
    p50: percentile(times, 0.5),
    p95: percentile(times, 0.95),
    p99: percentile(times, 0.99),
    statementsPerRequest: statements,
  };
}
