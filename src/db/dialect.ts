// The seam between the two databases: everything that differs between SQLite and PostgreSQL and
// that code outside db/ needs is asked here, once. Nothing outside db/ imports a dialect class
// (test/architecture.test.ts checks it).
import { type Kysely, PostgresAdapter, sql } from "kysely";

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
 * Runs `write`; when a unique index refuses it (a double click, two people at once: the check
 * before the write cannot see the other), answers `taken` instead of throwing. Undefined when
 * it was written.
 */
export async function unlessUnique<T>(
  write: () => Promise<unknown>,
  taken: T,
): Promise<T | undefined> {
  try {
    await write();
    return undefined;
  } catch (error) {
    if (isUniqueViolation(error)) return taken;
    throw error;
  }
}

/** Network errors of a connection that could not be made or was lost. */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
]);
/** PostgreSQL: query_canceled (statement_timeout), admin shutdown, cannot connect now. */
const PG_UNAVAILABLE = new Set(["57014", "57P01", "57P02", "57P03", "53300"]);
/** pg's and pg-pool's own errors, which carry no code. */
const PG_MESSAGES =
  /^(timeout exceeded when trying to connect|Connection terminated|Query read timeout|Client has encountered a connection error)/;

/**
 * True when the database did not answer in time or could not be reached (refused, timed out,
 * connection lost, busy), on either database: a passing condition, answered with 503 and
 * Retry-After rather than 500 (docs/decisions/0011). Looks through `cause` and AggregateError's
 * `errors` (a host with several addresses).
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (error === null || typeof error !== "object" || depth > 3) return false;
  const { code, message, cause, errors } = error as {
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof code === "string") {
    if (NETWORK_CODES.has(code) || PG_UNAVAILABLE.has(code)) return true;
    if (code === "SQLITE_BUSY" || code.startsWith("SQLITE_BUSY_")) return true;
  }
  if (typeof message === "string" && PG_MESSAGES.test(message)) return true;
  if (Array.isArray(errors) && errors.some((e) => isDatabaseUnavailable(e, depth + 1))) return true;
  return isDatabaseUnavailable(cause, depth + 1);
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

/**
 * Makes transactions that take the lock named `name` run one after another, even across
 * processes, until they end (count-then-write work over many rows, such as posting limits).
 * PostgreSQL: a transaction-scoped advisory lock. SQLite: nothing to take, every transaction
 * begins `immediate` (database.ts) and so holds the one write lock from its start.
 */
export async function lockNamed(trx: AnyDb, name: string): Promise<void> {
  if (dialectOf(trx) !== "postgres") return;
  await sql`select pg_advisory_xact_lock(hashtext(${name}))`.execute(trx);
}
