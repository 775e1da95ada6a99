import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import type { LoadFigures } from "./load.ts";
import type { RawFigures } from "./raw-sql.ts";

/* The printed figures and the targets of issue 6, judged per run; nothing here fails the command. */

export interface Row {
  db: string;
  scenario: string;
  connections: number;
  figures: LoadFigures;
  rssMiB: number;
  peakMiB: number;
  raw: RawFigures | null;
}

const TARGETS = {
  listP95: 30,
  dashboardP95: 100,
  overhead: 1.5,
  rssMiB: 300,
};

export function printMachine() {
  const cpu = /model name\s*:\s*(.+)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? cpus()[0]?.model ?? "?";
  let pg = "?";
  try {
    pg = execFileSync("psql", ["--version"], { encoding: "utf8" }).trim();
  } catch {
    // psql is optional: the server's version is what matters and the data set step names it.
  }
  console.log(
    `Machine: ${cpu}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM; Node ${process.version}; ${pg}\n`,
  );
}

const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "–");

export function printResults(
  results: { label: string; rows: Row[]; peakMiB: number; dataset?: string }[],
  opts: { duration: number; levels: number[] },
) {
  for (const result of results) {
    console.log(`\n## ${result.label}`);
    if (result.dataset) console.log(`Data set: ${result.dataset}`);
    console.log(`Each run ${opts.duration} s; latency in ms; raw = the same SQL through the driver alone.\n`);
    console.log(
      [
        "scenario".padEnd(18),
        "conns".padStart(5),
        "req/s".padStart(8),
        "p50".padStart(7),
        "p95".padStart(7),
        "p99".padStart(7),
        "errors".padStart(6),
        "raw p50".padStart(8),
        "raw p95".padStart(8),
        "API/raw".padStart(8),
        "RSS MiB".padStart(8),
      ].join(" "),
    );
    for (const r of result.rows) {
      console.log(
        [
          r.scenario.padEnd(18),
          String(r.connections).padStart(5),
          r.figures.perSecond.toFixed(0).padStart(8),
          ms(r.figures.p50).padStart(7),
          ms(r.figures.p95).padStart(7),
          ms(r.figures.p99).padStart(7),
          String(r.figures.errors).padStart(6),
          (r.raw ? ms(r.raw.p50) : "").padStart(8),
          (r.raw ? ms(r.raw.p95) : "").padStart(8),
          (r.raw ? `${ratio(r).toFixed(2)}×` : "").padStart(8),
          r.rssMiB.toFixed(0).padStart(8),
        ].join(" "),
      );
    }
    const errors = result.rows.filter((r) => r.figures.errors > 0);
    for (const r of errors)
      console.log(`  errors in ${r.scenario} ×${r.connections}: ${r.figures.errorKinds.join(", ")}`);
    console.log(`Server memory: peak ${result.peakMiB.toFixed(0)} MiB resident (VmHWM)\n`);
    console.log("Targets:");
    for (const line of judge(result.rows, result.peakMiB)) console.log(`  ${line}`);
  }
}

const ratio = (r: Row) => (r.raw ? r.figures.p50 / r.raw.p50 : Number.NaN);

function judge(rows: Row[], peakMiB: number): string[] {
  const lines: string[] = [];
  const verdict = (ok: boolean) => (ok ? "PASS" : "MISS");
  const per = (scenario: string, limit: number) => {
    const figures = rows.filter((r) => r.scenario === scenario);
    if (figures.length === 0) return;
    const parts = figures.map((r) => `×${r.connections} ${ms(r.figures.p95)} ms ${verdict(r.figures.p95 <= limit)}`);
    lines.push(`${scenario} p95 ≤ ${limit} ms: ${parts.join("; ")}`);
  };
  per("task list", TARGETS.listP95);
  per("dashboard", TARGETS.dashboardP95);
  const withRaw = rows.filter((r) => r.raw);
  if (withRaw.length) {
    lines.push(
      `API overhead ≤ ${TARGETS.overhead}× raw SQL (p50): ${withRaw
        .map((r) => `${r.scenario} ×${r.connections} ${ratio(r).toFixed(2)}× ${verdict(ratio(r) <= TARGETS.overhead)}`)
        .join("; ")}`,
    );
  }
  lines.push(`server RSS ≤ ${TARGETS.rssMiB} MB: peak ${peakMiB.toFixed(0)} MiB ${verdict(peakMiB <= TARGETS.rssMiB)}`);
  const errors = rows.reduce((n, r) => n + r.figures.errors, 0);
  lines.push(`zero errors under load: ${errors} ${verdict(errors === 0)}`);
  return lines;
}
