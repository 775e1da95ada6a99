import { readFile } from "node:fs/promises";
import path from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import type { Hono } from "hono";
import type { AppEnv } from "./context.ts";

/**
 * The built web app behind the API: hashed assets cached for good, other files as they are, and
 * every other GET answered with the SPA shell. Added after buildApp's middleware, so the security
 * headers and the request log cover these answers as they cover the API's.
 * Returns whether a built app was found.
 */
export async function serveWebApp(app: Hono<AppEnv>, webDist: string): Promise<boolean> {
  const root = path.relative(process.cwd(), webDist) || ".";
  // Read per request: a rebuild replaces the hashed assets the shell points at.
  const indexHtml = () => readFile(path.join(webDist, "index.html"), "utf8").catch(() => null);
  app.use(
    "/assets/*",
    serveStatic({ root, onFound: (_p, c) => c.header("Cache-Control", "public, max-age=31536000, immutable") }),
  );
  app.use("*", serveStatic({ root }));
  app.get("*", async (c) => {
    const html = await indexHtml();
    return html ? c.html(html, 200, { "Cache-Control": "no-cache" }) : c.text("Web app not built", 503);
  });
  return (await indexHtml()) !== null;
}
