import { serve } from "@hono/node-server";
import { connect } from "@khcn/db/connect";
import { DataFolderLockedError } from "@khcn/db/data-lock";
import { migrateToLatest } from "@khcn/db/migrate";
import type { Kysely } from "kysely";
import { buildApp } from "./app.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { RequestTracker } from "./http/draining.ts";
import { serveWebApp } from "./http/web-app.ts";
import { createLogger } from "./logging/logger.ts";
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
    auth: config.auth,
    isDraining: () => draining,
    filesDir: config.filesDir,
    production: config.env === "production",
    // One JSON line per request and per audited event on stdout; the start-up messages stay plain.
    logger: createLogger(config.logLevel),
    dashboardCacheMs: config.dashboardCacheSeconds * 1000,
  });

  // The built web app: hashed assets cached for good, every other path falls back to the SPA shell.
  if (!(await serveWebApp(app, config.webDist))) {
    console.warn(`No built web app in ${config.webDist}: run "pnpm build" (pnpm start does).`);
  }

  // Counted so that shutdown closes the database only after the last request in flight is done.
  const requests = new RequestTracker();
  const fetch: typeof app.fetch = (request, env, ctx) => requests.track(() => app.fetch(request, env, ctx));
  const server = serve({ fetch, port: config.port, hostname: config.host }, (info) => {
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
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    if ("closeIdleConnections" in server) server.closeIdleConnections();
    await closed;
    clearTimeout(force);
    // A client that hung up mid-request leaves its handler running: let it commit or roll back first.
    await requests.idle(10_000);
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
