// The SQL of `cfa export` and `cfa import` (export-import.ts): whole tables read in one snapshot,
// counted, emptied and filled. Table names are chosen at run time, so these go through a loosely
// typed view of the connection; export-import.ts keeps the column names honest against types.ts.
import type { Kysely } from "kysely";
import type { DB } from "../db/index.js";

// Parents before children: inserting in this order and deleting in reverse keeps working if
// foreign keys are added between these tables later.
// Census geographies and figures are not content: they are reference data that every start
// loads from census/ (members/census-load.ts), so they are neither exported nor imported.
export const EXPORT_TABLES = ["jurisdictions", "content_blocks", "users"] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

export type Value = string | number | null;
export type Row = Record<string, Value>;

type LooseDB = Record<ExportTable, Row>;
const loosely = (db: Kysely<DB>) => db as unknown as Kysely<LooseDB>;

/** What to read of one table: these columns, ordered by these. */
export interface TableRead {
  table: ExportTable;
  columns: readonly string[];
  orderBy: readonly string[];
}

/**
 * Reads the tables in one read-only, repeatable-read snapshot, each row in its database shape
 * (better-auth's timestamps, Dates on PostgreSQL, become ISO strings like ours).
 */
export async function readTables(
  db: Kysely<DB>,
  reads: readonly TableRead[],
): Promise<Partial<Record<ExportTable, Row[]>>> {
  return db
    .transaction()
    .setIsolationLevel("repeatable read")
    .setAccessMode("read only")
    .execute(async (trx) => {
      const out: Partial<Record<ExportTable, Row[]>> = {};
      for (const { table, columns, orderBy } of reads) {
        let query = loosely(trx).selectFrom(table).select(columns);
        for (const column of orderBy) query = query.orderBy(column);
        out[table] = (await query.execute()).map((row) =>
          Object.fromEntries(
            Object.entries(row).map(([k, v]) => [
              k,
              (v as unknown) instanceof Date ? (v as unknown as Date).toISOString() : v,
            ]),
          ),
        ) as Row[];
      }
      return out;
    });
}

/** Deletes every row of a table; how many there were. */
export async function deleteAllRows(trx: Kysely<DB>, table: ExportTable): Promise<number> {
  const result = await loosely(trx).deleteFrom(table).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** How many rows a table holds. */
export async function countRows(trx: Kysely<DB>, table: ExportTable): Promise<number> {
  const { rows } = await loosely(trx)
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as("rows"))
    .executeTakeFirstOrThrow();
  return Number(rows);
}

/** Inserts rows (as many as one statement takes: the caller batches). */
export async function insertRows(
  trx: Kysely<DB>,
  table: ExportTable,
  rows: readonly Row[],
): Promise<void> {
  await loosely(trx).insertInto(table).values(rows).execute();
}
