import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";

describe("loadConfig", () => {
  it("defaults to the embedded database in ./data on port 3000 with the demo", () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect("dataDir" in config.database && config.database.dataDir.endsWith("/data")).toBe(true);
    expect(config.seedDemo).toBe(true);
  });

  it("uses a PostgreSQL server when DATABASE_URL is set, and treats an empty one as unset", () => {
    expect(loadConfig({ DATABASE_URL: "postgres://u@db:5432/khcn" }).database).toEqual({
      databaseUrl: "postgres://u@db:5432/khcn",
    });
    expect("dataDir" in loadConfig({ DATABASE_URL: "" }).database).toBe(true);
  });

  it("never seeds demo accounts in production", () => {
    expect(loadConfig({ NODE_ENV: "production" }).seedDemo).toBe(false);
    expect(() => loadConfig({ NODE_ENV: "production", SEED_DEMO: "true" })).toThrow(ConfigError);
  });

  it("stops on a bad value with a message naming the variable", () => {
    expect(() => loadConfig({ PORT: "eighty" })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: "not a url" })).toThrow(/DATABASE_URL/);
  });
});
