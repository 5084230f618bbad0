import { after, before, describe } from "node:test";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/app.js";
import { type Config, loadConfig } from "../../src/config/config.js";
import { type Database, type DatabaseKind, openDatabase } from "../../src/db/index.js";
import { seedDemo } from "../../src/seed-demo.js";
import { createTestDatabase, testDialects } from "./databases.js";

/** Configuration for tests: quiet logs, a fixed public URL, and any overrides given. */
export function testConfig(
  env: Record<string, string> = {},
  database?: Config["database"],
): Config {
  const config = loadConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    PUBLIC_URL: "https://cfa.test",
    ...env,
  });
  return database ? { ...config, database } : config;
}

export interface TestContext {
  kind: DatabaseKind;
  app: FastifyInstance;
  database: Database;
}

export interface SuiteOptions {
  /** Load the demo content (default true). */
  seed?: boolean;
  env?: Record<string, string>;
}

/**
 * Runs `body` once per database dialect, each with its own fresh database and app, closed after.
 * `ctx` is filled in before the suite's tests run.
 */
export function describeEachDatabase(
  name: string,
  options: SuiteOptions,
  body: (ctx: TestContext) => void,
): void {
  for (const { kind, skip } of testDialects()) {
    describe(`${name} [${kind}]`, { skip }, () => {
      const ctx = { kind } as TestContext;
      let drop: (() => Promise<void>) | undefined;
      before(async () => {
        const testDb = await createTestDatabase(kind);
        drop = testDb.drop;
        const config = testConfig(options.env, testDb.settings);
        ctx.database = openDatabase(config.database);
        if (options.seed !== false) await seedDemo(ctx.database.db);
        ctx.app = await buildApp(config, { database: ctx.database });
        await ctx.app.ready();
      });
      after(async () => {
        await ctx.app?.close();
        await ctx.database?.close();
        await drop?.();
      });
      body(ctx);
    });
  }
}
