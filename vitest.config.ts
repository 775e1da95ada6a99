import { defineConfig } from "vitest/config";

/*
 * Unit tests sit beside their source. The API integration tests run once on an embedded PGlite
 * and, when a PostgreSQL server is given (TEST_DATABASE_URL or DATABASE_URL), once more on it.
 */
const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
const integration = ["api/test/**/*.test.ts"];

export default defineConfig({
  test: {
    setupFiles: ["./vitest.setup.ts"],
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["api/src/**/*.test.ts", "db/**/*.test.ts", "web/src/**/*.test.ts"] },
      },
      {
        extends: true,
        test: {
          name: "api-pglite",
          include: integration,
          env: { TEST_DB: "pglite" },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      ...(serverUrl
        ? [
            {
              extends: true as const,
              test: {
                name: "api-postgres",
                include: integration,
                env: { TEST_DB: "postgres", TEST_DATABASE_URL: serverUrl },
                testTimeout: 30_000,
                hookTimeout: 60_000,
              },
            },
          ]
        : []),
    ],
  },
});
