// The PostgreSQL pool's statement timeout is set, and what it raises counts as "unavailable"
// (a 503 with Retry-After through the error handler), not as a bug.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "kysely";
import {
  createTestDatabase,
  type TestDatabase,
  testDialects,
} from "../../test/support/databases.js";
import { DEFAULT_TIMEOUTS } from "../config/config.js";
import { type Database, openDatabase } from "./database.js";
import { isDatabaseUnavailable } from "./dialect.js";

const postgres = testDialects().find((d) => d.kind === "postgres");

describe("PostgreSQL timeouts", { skip: postgres?.skip ?? "no PostgreSQL" }, () => {
  let testDb: TestDatabase;
  let database: Database;
  before(async () => {
    testDb = await createTestDatabase("postgres");
    database = openDatabase(testDb.settings, { ...DEFAULT_TIMEOUTS, databaseStatementMs: 200 });
  });
  after(async () => {
    await database?.close();
    await testDb?.drop();
  });

  it("cancels a statement that runs past the statement timeout", async () => {
    const started = Date.now();
    const error = await sql`select pg_sleep(3)`.execute(database.db).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.equal((error as { code?: string } | undefined)?.code, "57014");
    assert.equal(isDatabaseUnavailable(error), true);
    assert.ok(Date.now() - started < 2000);
    // The connection is still good for the next statement.
    await database.ping();
  });
});
