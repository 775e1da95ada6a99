import { readFile } from "node:fs/promises";
import path from "node:path";
import { serve } from "@hono/node-server";
import { serveStatic } from "@hono/node-server/serve-static";
import { connect } from "@khcn/db/connect";
import { DataFolderLockedError } from "@khcn/db/data-lock";
import { migrateToLatest } from "@khcn/db/migrate";
import type { Kysely } from "kysely";
import { buildApp } from "./app.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { prepareData } from "./startup.ts";

const DEMO_PASSWORD = "demo-2025-khcn";

async function main() {
  const config = loadConfig();
  const handle = await connect(config.database);
  console.log(
    `Database: ${handle.kind === "pglite" ? `embedded PostgreSQL (PGlite) in ${handle.location}` : `PostgreSQL at ${handle.location}`}`,
  );
  const applied = await migrateToLatest(handle.db as Kysely<unknown>);
  if (applied.length) console.log(`Migrations applied: ${applied.join(", ")}`);
  const prepared = await prepareData(handle.db, { seedDemo: config.seedDemo });
  if (prepared.demoTasks > 0) console.log(`Demo portfolio loaded: ${prepared.demoTasks} tasks`);

  let draining = false;
  const app = buildApp({
    db: handle.db,
    databaseKind: handle.kind,
    trustedOrigins: config.trustedOrigins,
    secureCookies: config.secureCookies,
    isDraining: () => draining,
    filesDir: config.filesDir,
  });

  // The built web app: hashed assets cached for good, every other path falls back to the SPA shell.
  const root = path.relative(process.cwd(), config.webDist) || ".";
  // Read per request: a rebuild replaces the hashed assets the shell points at.
  const indexHtml = () => readFile(path.join(config.webDist, "index.html"), "utf8").catch(() => null);
  if (!(await indexHtml())) console.warn(`No built web app in ${config.webDist}: run "pnpm build" (pnpm start does).`);
  app.use(
    "/assets/*",
    serveStatic({ root, onFound: (_p, c) => c.header("Cache-Control", "public, max-age=31536000, immutable") }),
  );
  app.use("*", serveStatic({ root }));
  app.get("*", async (c) => {
    const html = await indexHtml();
    return html ? c.html(html, 200, { "Cache-Control": "no-cache" }) : c.text("Web app not built", 503);
  });

  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    const url = `http://localhost:${info.port}`;
    console.log(`\nQuản lý nhiệm vụ KH&CN is running at ${url}`);
    console.log(`API reference: ${url}/api/docs`);
    if (config.seedDemo) {
      console.log(`\nDemo accounts (password: ${DEMO_PASSWORD}):`);
      for (const role of ["admin", "staff", "head", "pi", "council"])
        console.log(`  ${role.padEnd(8)} ${role}@demo.khcn.vn`);
      // The other six seats of the demo acceptance council.
      console.log(`  ${"".padEnd(8)} council2@demo.khcn.vn … council7@demo.khcn.vn`);
    }
    console.log("\nPress Ctrl+C to stop.");
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    draining = true;
    console.log(`\n${signal}: finishing requests in flight, then closing the database…`);
    const force = setTimeout(() => {
      if ("closeAllConnections" in server) server.closeAllConnections();
    }, 10_000);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    if ("closeIdleConnections" in server) server.closeIdleConnections();
    clearTimeout(force);
    await handle.close();
    console.log("Stopped cleanly.");
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  if (error instanceof DataFolderLockedError || error instanceof ConfigError) {
    console.error(`Cannot start: ${error.message}`);
  } else {
    console.error("Cannot start:", error);
  }
  process.exit(1);
});
