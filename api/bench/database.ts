import { connect } from "@khcn/db/connect";
import { migrateToLatest } from "@khcn/db/migrate";
import type { Kysely } from "kysely";
import postgres from "postgres";
import { hashPassword } from "../src/auth/password.ts";
import {
  BENCH_PASSWORD,
  DATASET_VERSION,
  type DatasetSize,
  datasetStatements,
  readMarker,
  writeMarker,
} from "./dataset.ts";

/*
 * The benchmark's own PostgreSQL database: created when absent, migrated with the real migrations,
 * filled once per scale and reused while its marker matches (generation takes minutes on two cores).
 */

const LOCAL_SERVER = "postgres://postgres@127.0.0.1:5432";

/** BENCH_DATABASE_URL, else one database per scale on the local server (the full scale is `khcn_bench`). */
export function benchDatabaseUrl(scale: number, env = process.env): string {
  if (env.BENCH_DATABASE_URL) return env.BENCH_DATABASE_URL;
  const name = scale === 1 ? "khcn_bench" : `khcn_bench_s${String(scale).replace(/\W/g, "_")}`;
  return `${LOCAL_SERVER}/${name}`;
}

function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`Unsupported database name "${name}" in ${url}`);
  return name;
}

function maintenanceUrl(url: string): string {
  const u = new URL(url);
  u.pathname = "/postgres";
  return u.toString();
}

async function recreateDatabase(url: string, drop: boolean) {
  const name = databaseName(url);
  const admin = postgres(maintenanceUrl(url), { max: 1, onnotice: () => {} });
  try {
    if (drop) {
      // Only a database the benchmark owns by name is ever dropped.
      if (!name.includes("bench"))
        throw new Error(`Refusing to drop "${name}": its name does not say it is a benchmark's`);
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
    }
    const [found] = await admin`select 1 as ok from pg_database where datname = ${name}`;
    if (!found) await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
}

export interface PreparedDataset {
  url: string;
  generated: boolean;
  seconds: number;
  counts: Record<string, number>;
}

export async function prepareDataset(size: DatasetSize, log: (line: string) => void): Promise<PreparedDataset> {
  const url = benchDatabaseUrl(size.scale);
  await recreateDatabase(url, false);
  let client = postgres(url, { max: 1, onnotice: () => {} });
  let marker = await readMarker(client);
  let generated = false;
  if (!marker || marker.scale !== size.scale || marker.version !== DATASET_VERSION) {
    await client.end();
    log(`Generating the data set at scale ${size.scale} in ${databaseName(url)} (a fresh database)…`);
    await recreateDatabase(url, true);
    await migrate(url);
    client = postgres(url, { max: 1, onnotice: () => {} });
    const started = performance.now();
    const passwordHash = await hashPassword(BENCH_PASSWORD);
    // Bulk load: losing the last commits in a crash only means generating again.
    await client`set synchronous_commit = off`;
    for (const step of datasetStatements(size, passwordHash)) {
      const t = performance.now();
      const result = await client.unsafe(step.sql);
      log(`  ${step.label.padEnd(24)} ${String(result.count ?? "").padStart(9)} rows ${fmtSeconds(t)}`);
    }
    log("  vacuum analyze …");
    await client.unsafe("vacuum analyze");
    const seconds = (performance.now() - started) / 1000;
    await writeMarker(client, size, seconds);
    marker = { scale: size.scale, version: DATASET_VERSION, seconds };
    generated = true;
    log(`Generated in ${seconds.toFixed(0)} s.`);
  } else {
    await client.end();
    // Later migrations (new indexes) apply to the stored data set too.
    await migrate(url);
    client = postgres(url, { max: 1, onnotice: () => {} });
    await client.unsafe("analyze");
    log(
      `Reusing the data set at scale ${size.scale} in ${databaseName(url)} (generated in ${marker.seconds.toFixed(0)} s).`,
    );
  }
  const counts: Record<string, number> = {};
  for (const table of [
    "unit",
    "app_user",
    "task",
    "report_period",
    "report_version",
    "budget_movement",
    "budget_line",
    "council",
    "council_member",
  ]) {
    const [row] = await client.unsafe<{ n: string }[]>(`select count(*)::text as n from ${table}`);
    counts[table] = Number(row?.n ?? 0);
  }
  await client.end();
  return { url, generated, seconds: marker.seconds, counts };
}

async function migrate(url: string) {
  const handle = await connect({ databaseUrl: url, maxConnections: 1 });
  try {
    await migrateToLatest(handle.db as Kysely<unknown>);
  } finally {
    await handle.close();
  }
}

const fmtSeconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1).padStart(6)} s`;
