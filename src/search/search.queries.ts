// The index's state row (migration 0022): which words it was built with. The index's rows are
// written and read by db/fulltext.ts, the one place that knows both engines' full-text search.
import type { Kysely } from "kysely";
import { type DB, lockRows } from "../db/index.js";

export async function lockSearchState(trx: Kysely<DB>) {
  // A write first: on SQLite a transaction that reads and then writes cannot wait for another
  // writer ("database is locked" when several processes start at once); one that writes first
  // waits its turn. On PostgreSQL the row lock below does the same.
  await trx.updateTable("search_state").set({ id: 1 }).where("id", "=", 1).execute();
  return lockRows(
    trx,
    trx.selectFrom("search_state").select(["built_with", "built_at"]).where("id", "=", 1),
  ).executeTakeFirst();
}

export async function writeSearchState(trx: Kysely<DB>, builtWith: string, at: string) {
  await trx
    .updateTable("search_state")
    .set({ built_with: builtWith, built_at: at })
    .where("id", "=", 1)
    .execute();
}
