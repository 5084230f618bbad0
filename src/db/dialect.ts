// The seam between the two databases: everything that differs between SQLite and PostgreSQL and
// that code outside db/ needs is asked here, once. Nothing outside db/ imports a dialect class
// (test/architecture.test.ts checks it).
import { type Kysely, PostgresAdapter } from "kysely";

/** Any Kysely instance or transaction, whatever its table types. */
type AnyDb = Pick<Kysely<unknown>, "getExecutor">;

import type { AuthFlag, AuthTime } from "./types.js";

export type Dialect = "sqlite" | "postgres";

/** Which database a Kysely instance (or transaction) talks to. */
export function dialectOf(db: AnyDb): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}

/** True for a duplicate-key error of a unique index or primary key, on either database. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === "23505" ||
    code === "SQLITE_CONSTRAINT_UNIQUE" ||
    code === "SQLITE_CONSTRAINT_PRIMARYKEY"
  );
}

/**
 * Locks the rows a "check, then write" reads (is this the last admin?), so two transactions
 * cannot both pass the check. PostgreSQL: `for update`. SQLite has one writer at a time: a
 * concurrent write makes the later transaction fail instead, so there is nothing to add.
 */
export function lockRows<Q extends { forUpdate(): Q }>(db: AnyDb, query: Q): Q {
  return dialectOf(db) === "postgres" ? query.forUpdate() : query;
}

/**
 * A flag as better-auth's tables store it: boolean on PostgreSQL, 0/1 on SQLite (db/types.ts,
 * `AuthFlag`). Our own tables use integers 0/1 on both.
 */
export function authFlag(db: AnyDb, value: boolean): AuthFlag {
  return dialectOf(db) === "postgres" ? value : value ? 1 : 0;
}

/**
 * A time as better-auth's tables store it: timestamptz on PostgreSQL (a Date), ISO text on
 * SQLite.
 */
export function authTime(db: AnyDb, value: Date): AuthTime {
  return dialectOf(db) === "postgres" ? value : value.toISOString();
}
