import { OpenAPIHono } from "@hono/zod-openapi";
import type { DatabaseKind } from "@khcn/db/connect";
import type { Database } from "@khcn/db/schema";
import { bodyLimit } from "hono/body-limit";
import type { Kysely } from "kysely";
import { adjustmentRoutes } from "./adjustments/routes.ts";
import { type AuthOptions, authHttp, originCheck, sessionMiddleware } from "./auth/middleware.ts";
import { authRoutes } from "./auth/routes.ts";
import { sessionCookieName } from "./auth/session.ts";
import { budgetRoutes } from "./budget/routes.ts";
import { catalogRoutes } from "./catalog/routes.ts";
import { councilRoutes } from "./councils/routes.ts";
import { DashboardCache } from "./dashboard/cache.ts";
import { dashboardRoutes } from "./dashboard/routes.ts";
import type { Dashboard } from "./dashboard/schemas.ts";
import { docsRoutes } from "./docs/routes.ts";
import { MAX_FILE_BYTES } from "./files/content-type.ts";
import { fileRoutes } from "./files/routes.ts";
import { FileStore } from "./files/storage.ts";
import { healthRoutes } from "./health/routes.ts";
import { clientAddress } from "./http/client-address.ts";
import type { AppEnv } from "./http/context.ts";
import { drainGuard } from "./http/draining.ts";
import { DomainError, errorBody, handleError } from "./http/errors.ts";
import { isUploadRoute, requireMediaType } from "./http/media-type.ts";
import { securityHeaders } from "./http/security-headers.ts";
import { importRoutes } from "./imports/routes.ts";
import { inspectionRoutes } from "./inspections/routes.ts";
import { lifecycleRoutes } from "./lifecycle/routes.ts";
import { type Logger, silentLogger } from "./logging/logger.ts";
import { requestLogging } from "./logging/request-log.ts";
import { notificationRoutes } from "./notifications/routes.ts";
import { progressRoutes } from "./progress/routes.ts";
import { reportRoutes } from "./reports/routes.ts";
import { ruleParameterRoutes } from "./rules/routes.ts";
import { taskRoutes } from "./tasks/routes.ts";
import { userRoutes } from "./users/routes.ts";
import { worklistRoutes } from "./worklist/routes.ts";

export interface AppDeps {
  db: Kysely<Database>;
  databaseKind: DatabaseKind;
  trustedOrigins?: readonly string[];
  secureCookies?: boolean;
  isDraining?: () => boolean;
  /** Where uploaded files are kept (FILES_DIR). */
  filesDir: string;
  /** Session lifetimes, sign-in throttling, trusted proxies, clock (decision 013); defaults when absent. */
  auth?: AuthOptions;
  /** NODE_ENV=production: adds HSTS. */
  production?: boolean;
  /** JSON-lines request and audit log; silent when absent (tests). */
  logger?: Logger;
  /** How long the dashboard's figures are reused (ms; 0 or absent: computed at every read). See dashboard/cache.ts. */
  dashboardCacheMs?: number;
}

/** Builds the API from its dependencies, so tests drive the same app through `app.request`. */
export function buildApi(deps: AppDeps) {
  const auth = authHttp(deps.secureCookies ?? false, deps.auth);
  const api = new OpenAPIHono<AppEnv>();
  api.use("*", async (c, next) => {
    c.set("db", deps.db);
    await next();
  });
  const dashboardCache = new DashboardCache<Dashboard>({ ttlMs: deps.dashboardCacheMs ?? 0 });
  api.use("*", async (c, next) => {
    try {
      await next();
    } finally {
      // Any request that may have changed something drops the dashboard's figures (after its commit).
      if (!["GET", "HEAD", "OPTIONS"].includes(c.req.method)) dashboardCache.invalidate();
    }
  });
  const tooLarge = () => {
    throw new DomainError("PAYLOAD_TOO_LARGE", "Request body too large");
  };
  // JSON bodies stay small; only the upload route takes a file (20 MB plus multipart framing).
  const jsonLimit = bodyLimit({ maxSize: 1024 * 1024, onError: tooLarge });
  const uploadLimit = bodyLimit({ maxSize: MAX_FILE_BYTES + 64 * 1024, onError: tooLarge });
  api.use("*", (c, next) => (isUploadRoute(c.req.method, c.req.path) ? uploadLimit : jsonLimit)(c, next));
  api.use("*", originCheck(deps.trustedOrigins ?? []));
  api.use("*", requireMediaType());
  api.use("*", sessionMiddleware(auth));
  api.use("*", async (c, next) => {
    await next();
    // API answers carry personal data: no shared caches.
    if (!c.res.headers.has("Cache-Control")) c.header("Cache-Control", "no-store");
  });

  const routes = api
    .route("/", healthRoutes({ databaseKind: deps.databaseKind, isDraining: deps.isDraining ?? (() => false) }))
    .route("/", authRoutes(auth))
    .route("/", taskRoutes())
    .route("/", catalogRoutes())
    .route("/", lifecycleRoutes())
    .route("/", userRoutes(auth.clock))
    .route("/", reportRoutes())
    .route("/", ruleParameterRoutes())
    .route("/", notificationRoutes())
    .route("/", inspectionRoutes())
    .route("/", adjustmentRoutes())
    .route("/", budgetRoutes())
    .route("/", progressRoutes())
    .route("/", dashboardRoutes(dashboardCache))
    .route("/", worklistRoutes())
    .route("/", importRoutes(new FileStore(deps.filesDir)))
    .route("/", councilRoutes(new FileStore(deps.filesDir)))
    .route("/", fileRoutes(new FileStore(deps.filesDir)));

  api.openAPIRegistry.registerComponent("securitySchemes", "session", {
    type: "apiKey",
    in: "cookie",
    name: sessionCookieName(auth.cookie.secure),
    description: "Session cookie set by POST /api/auth/login",
  });
  api.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Quản lý nhiệm vụ KH&CN — API",
      version: "0.1.0",
      description:
        "Tracks provincial science-and-technology tasks from proposal to closeout. Errors are `{ code, message, fields? }`; money is whole đồng as a decimal string.",
    },
    servers: [{ url: "/api" }],
  });
  api.route("/", docsRoutes());
  api.onError(handleError);
  return routes;
}

export type ApiType = ReturnType<typeof buildApi>;

/** The whole HTTP surface: the API under /api. The Node entry adds the web app's files. */
export function buildApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  // Outermost: every answer, whichever layer produced it, gets a request id, a log line and the headers.
  app.use(
    "*",
    requestLogging({
      logger: deps.logger ?? silentLogger,
      db: deps.db,
      // The same address the sign-in throttle uses: X-Forwarded-For only from trusted proxies.
      clientAddress: (c) => clientAddress(c, deps.auth?.trustProxy ?? null),
    }),
  );
  app.use("*", securityHeaders({ production: deps.production ?? false }));
  app.use("*", drainGuard(deps.isDraining ?? (() => false)));
  app.route("/api", buildApi(deps));
  // Unknown API paths answer JSON here, before the web app's SPA fallback could claim them.
  app.all("/api/*", (c) => c.json(errorBody("NOT_FOUND", "No such API route"), 404));
  app.onError(handleError);
  return app;
}
