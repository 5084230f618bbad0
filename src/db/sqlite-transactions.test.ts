// Transactions on SQLite when another process writes too (the CLI beside the server, or a second
// server on one file): a transaction that reads and then writes must wait for the other writer,
// not fail when it comes to write.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, it } from "node:test";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { openDatabase } from "./database.js";

const dir = mkdtempSync(join(tmpdir(), "cfa-sqlite-trx-"));
after(() => rmSync(dir, { recursive: true, force: true }));

it("a transaction holds the write lock from its start, so reading then writing commits", async () => {
  const path = join(dir, "race.sqlite");
  const database = openDatabase({ kind: "sqlite", path });
  // The other process: its own connection, which gives up at once instead of waiting.
  const other = new SQLite(path);
  try {
    await sql`create table counter (id integer primary key, value integer not null)`.execute(
      database.db,
    );
    await sql`insert into counter values (1, 0)`.execute(database.db);
    other.pragma("busy_timeout = 0");
    let otherWrote = "";
    await database.db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ value: number }>`select value from counter`.execute(trx);
      // Another process writes between our read and our write. With a plain `begin` it would
      // succeed, and our write would fail with SQLITE_BUSY_SNAPSHOT: our read is out of date.
      try {
        other.prepare("update counter set value = value + 100").run();
        otherWrote = "wrote";
      } catch (error) {
        otherWrote = (error as { code?: string }).code ?? String(error);
      }
      await sql`update counter set value = ${(rows[0]?.value ?? 0) + 1}`.execute(trx);
    });
    assert.equal(otherWrote, "SQLITE_BUSY", "the other process waits for our transaction");
    assert.equal(other.prepare("select value from counter").pluck().get(), 1);
    // Once ours is committed, the other process writes.
    other.prepare("update counter set value = value + 100").run();
    assert.equal(other.prepare("select value from counter").pluck().get(), 101);
  } finally {
    other.close();
    await database.close();
  }
});
