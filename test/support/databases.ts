// A fresh database per test file (per dialect): a temporary SQLite file, or a new PostgreSQL
// database created from TEST_DATABASE_URL's server. Both are migrated before use.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { Config } from "../../src/config/config.js";
import { type DatabaseKind, migrateToLatest, openDatabase } from "../../src/db/index.js";

export const isCI = process.env.CI === "true";
const pgUrl = process.env.TEST_DATABASE_URL;

/** The dialects to run on, each with a reason when it must be skipped. */
export function testDialects(): { kind: DatabaseKind; skip: string | false }[] {
  if (!pgUrl && isCI)
    throw new Error(
      "CI=true but TEST_DATABASE_URL is not set: PostgreSQL tests cannot be skipped in CI",
    );
  return [
    { kind: "sqlite", skip: false },
    {
      kind: "postgres",
      skip: pgUrl ? false : "PostgreSQL tests skipped: TEST_DATABASE_URL is not set",
    },
  ];
}

export interface TestDatabase {
  settings: Config["database"];
  drop(): Promise<void>;
}

/** Creates and migrates an empty database of the given kind. */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  let testDb: TestDatabase;
  if (kind === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "cfa-test-"));
    testDb = {
      settings: { kind: "sqlite", path: join(dir, "test.sqlite") },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  } else {
    if (!pgUrl) throw new Error("TEST_DATABASE_URL is not set");
    // Named after the database TEST_DATABASE_URL names, so whoever made that one can find and
    // drop what an interrupted run leaves behind (.ci/run does).
    const url = new URL(pgUrl);
    const base =
      decodeURIComponent(url.pathname.slice(1))
        .replace(/[^a-z0-9_]/gi, "")
        .slice(0, 30) || "cfa";
    const name = `${base}_t${process.pid}_${randomBytes(4).toString("hex")}`.toLowerCase();
    await adminQuery(`create database ${name}`);
    url.pathname = `/${name}`;
    testDb = {
      settings: { kind: "postgres", url: url.toString() },
      drop: () => adminQuery(`drop database if exists ${name} with (force)`),
    };
  }
  const database = openDatabase(testDb.settings);
  try {
    await migrateToLatest(database.db);
  } finally {
    await database.close();
  }
  return testDb;
}

async function adminQuery(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
