import type { MiddlewareHandler } from "hono";

/*
 * Response headers every answer carries: API JSON, errors, 404s, the API reference, static files
 * and the web app's shell. Set after the handler, on whatever response it produced, so no path
 * (an error thrown in a middleware, a not-found, a static file) slips past.
 */

const common = [
  "default-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
];

/**
 * The web app: Vite's build emits only external module scripts and stylesheets, and Solid sets
 * dynamic styles through the CSSOM (element.style), which CSP does not govern, so neither scripts
 * nor styles need 'unsafe-inline'. Chart.js draws on canvas; images may be inline SVG data URLs.
 */
export const APP_CSP = [...common, "script-src 'self'", "style-src 'self'", "img-src 'self' data:"].join("; ");

/**
 * The API reference (Swagger UI, served locally): its React components write style attributes and
 * its stylesheet uses data: images, so styles are relaxed there, and only there. Scripts stay 'self'.
 */
export const DOCS_CSP = [
  ...common,
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
].join("; ");

export const HSTS = "max-age=31536000; includeSubDomains";

export interface SecurityHeaderOptions {
  /** HSTS only in production: on plain-HTTP development servers it would pin browsers to HTTPS on localhost. */
  production: boolean;
}

export function securityHeaders(options: SecurityHeaderOptions): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const path = c.req.path;
    const headers: Record<string, string> = {
      "Content-Security-Policy": path === "/api/docs" || path.startsWith("/api/docs/") ? DOCS_CSP : APP_CSP,
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
      "X-Frame-Options": "DENY",
      "Cross-Origin-Opener-Policy": "same-origin",
      "Cross-Origin-Resource-Policy": "same-origin",
      "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    };
    if (options.production) headers["Strict-Transport-Security"] = HSTS;
    // API answers carry personal data: no shared cache keeps them, whichever layer produced them.
    if (path.startsWith("/api/") && !path.startsWith("/api/docs") && !c.res.headers.has("Cache-Control")) {
      headers["Cache-Control"] = "no-store";
    }
    for (const [name, value] of Object.entries(headers)) c.header(name, value);
  };
}
