import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { connect } from "@khcn/db/connect";
import { migrateToLatest } from "@khcn/db/migrate";
import type { Kysely } from "kysely";
import { buildApp } from "../src/app.ts";
import { prepareData } from "../src/startup.ts";

/*
 * Prints latency figures for the task list on the demo portfolio (embedded database, or the
 * server in DATABASE_URL). Figures only: targets are read by people, never asserted by tests.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);

const handle = await connect(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : { memory: true });
await migrateToLatest(handle.db as Kysely<unknown>);
await prepareData(handle.db, { seedDemo: true });
const app = buildApp({
  db: handle.db,
  databaseKind: handle.kind,
  filesDir: mkdtempSync(path.join(tmpdir(), "khcn-bench-")),
});
const login = await app.request("/api/auth/login", {
  method: "POST",
  headers: { "Content-Type": "application/json", Origin: "http://localhost" },
  body: JSON.stringify({ email: "staff@demo.khcn.vn", password: "demo-2025-khcn" }),
});
const cookie = (login.headers.get("Set-Cookie") ?? "").split(";")[0] ?? "";

const cases: Record<string, string> = {
  "list, first page": "/api/tasks",
  "list, 100 per page": "/api/tasks?pageSize=100",
  "search without diacritics": "/api/tasks?q=giong%20lua",
  "filters combined": "/api/tasks?stage=in_progress,acceptance&year=2024&sort=totalBudget&order=desc",
  "task detail": "/api/tasks/1",
};

console.log(`database: ${handle.kind}; ${ROUNDS} requests per case\n`);
console.log("case".padEnd(30), "p50 ms".padStart(8), "p95 ms".padStart(8), "max ms".padStart(8));
for (const [name, path] of Object.entries(cases)) {
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    const res = await app.request(path, { headers: { Cookie: cookie } });
    await res.arrayBuffer();
    times.push(performance.now() - start);
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => (times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0).toFixed(2);
  console.log(name.padEnd(30), at(0.5).padStart(8), at(0.95).padStart(8), at(1).padStart(8));
}
const memory = process.memoryUsage();
console.log(`\nresident memory: ${(memory.rss / 1024 / 1024).toFixed(0)} MiB`);
await handle.close();
