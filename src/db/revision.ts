// A data revision: one counter that database triggers raise on every change to a tracked table,
// whoever makes it (this process, another app process, the CLI). Anything derived from the data,
// such as a rendered page, stays valid exactly as long as the revision is unchanged, so caches
// in one process never serve what another process has changed.
import { type Kysely, type QueryExecutorProvider, sql } from "kysely";
import { dialectOf } from "./dialect.js";

export const REVISION_TABLE = "data_revision";

function isPostgres(db: Kysely<unknown>): boolean {
  return dialectOf(db) === "postgres";
}

/** Creates the counter (migration helper). */
export async function createRevisionCounter(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable(REVISION_TABLE)
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("value", "bigint", (c) => c.notNull())
    .execute();
  await sql`insert into ${sql.table(REVISION_TABLE)} (id, value) values (1, 0)`.execute(db);
  if (isPostgres(db)) {
    await sql
      .raw(
        `create function bump_data_revision() returns trigger language plpgsql as $$
         begin update ${REVISION_TABLE} set value = value + 1 where id = 1; return null; end $$`,
      )
      .execute(db);
  }
}

/** Makes every insert, update and delete on `table` raise the revision (migration helper). */
export async function trackRevisions(db: Kysely<unknown>, table: string): Promise<void> {
  if (isPostgres(db)) {
    // One bump per statement, however many rows it touches.
    await sql
      .raw(
        `create trigger ${table}_revision after insert or update or delete or truncate on ${table}
         for each statement execute function bump_data_revision()`,
      )
      .execute(db);
    return;
  }
  // SQLite has row-level triggers only; a bump is one small update.
  for (const event of ["insert", "update", "delete"]) {
    await sql
      .raw(
        `create trigger ${table}_revision_${event} after ${event} on ${table}
         begin update ${REVISION_TABLE} set value = value + 1 where id = 1; end`,
      )
      .execute(db);
  }
}

/**
 * Raises the revision as the first write of a transaction, which takes the revision row's write
 * lock (a row lock on PostgreSQL, the database write lock on SQLite): transactions that start
 * this way run one after another, even across processes. For check-then-write work such as
 * seeding an empty database.
 */
export async function lockRevision(trx: QueryExecutorProvider): Promise<void> {
  await sql`update ${sql.table(REVISION_TABLE)} set value = value + 1 where id = 1`.execute(trx);
}
