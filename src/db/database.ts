// The one place that knows SQLite from PostgreSQL. Everything else takes a Kysely<DB>.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, sql } from "kysely";
import type pg from "pg";
import { type Config, DEFAULT_TIMEOUTS, type Timeouts } from "../config/config.js";
import { REVISION_TABLE } from "./revision.js";
import type { DB } from "./types.js";

export type DatabaseKind = Config["database"]["kind"];

export interface Database {
  readonly db: Kysely<DB>;
  readonly kind: DatabaseKind;
  /** Resolves when a trivial query answers; rejects otherwise. */
  ping(): Promise<void>;
  /** The data revision (db/revision.ts): changes whenever a tracked table does. */
  revision(): Promise<number>;
  close(): Promise<void>;
}

// PostgreSQL answers bigint (count, sum) and numeric as strings; our figures stay far below 2^53,
// so this pool reads them as numbers, leaving the global pg parsers alone.
const PG_INT8 = 20;
const PG_NUMERIC = 1700;
const pgTypes = (types: typeof pg.types) => ({
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === PG_INT8 || oid === PG_NUMERIC) return (value: string) => Number(value);
    return types.getTypeParser(oid, format);
  },
});

const REVISION_QUERY = `select value from ${REVISION_TABLE} where id = 1`;

/**
 * A server that stops answering must fail requests within seconds, not hang them (decision 0011):
 * a bounded wait for a connection, a statement cancelled by the server after its time, and a
 * client-side limit a little above it for a server that no longer answers at all.
 */
function pgTimeouts(timeouts: Timeouts) {
  return {
    connectionTimeoutMillis: timeouts.databaseConnectMs,
    statement_timeout: timeouts.databaseStatementMs,
    query_timeout: timeouts.databaseStatementMs + timeouts.databaseConnectMs,
    // A transaction left open (a stuck handler) would hold its locks and its connection.
    idle_in_transaction_session_timeout: Math.max(60_000, timeouts.databaseStatementMs),
    // Notices a peer that vanished (a failover, a dropped network) on an idle connection.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  };
}

/** Statements kept per connection: the app's queries are a few hundred distinct texts. */
const STATEMENT_CACHE_SIZE = 1000;

/**
 * The connection as Kysely's SQLite driver sees it, preparing each distinct SQL text once.
 * Kysely prepares every query it runs afresh, which was a tenth of a signature's CPU time in
 * the write bench; better-sqlite3 statements are reusable (each run is synchronous, so two
 * queries never share one mid-run; nothing here streams rows) and are prepared again by SQLite
 * itself after a schema change. The oldest entry is dropped past the limit, since queries with
 * `in (...)` lists make a new text per list length.
 */
function preparedOnce(sqlite: SQLite.Database) {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sqlText: string) {
      // Kysely begins transactions with a plain `begin`, which takes the write lock only at the
      // first write: a transaction that reads and then writes, while another process (the CLI, a
      // second server) writes in between, then fails at once with SQLITE_BUSY_SNAPSHOT, the busy
      // timeout notwithstanding. `begin immediate` takes it first, waiting for the other writer,
      // so "check, then write" holds across processes (dialect.ts `lockRows`). In this process
      // the one connection runs one transaction at a time anyway.
      const text = sqlText === "begin" ? "begin immediate" : sqlText;
      let statement = statements.get(text);
      if (!statement) {
        statement = sqlite.prepare(text);
        if (statements.size >= STATEMENT_CACHE_SIZE) {
          const oldest = statements.keys().next().value;
          if (oldest !== undefined) statements.delete(oldest);
        }
        statements.set(text, statement);
      }
      return statement;
    },
  };
}

export function openDatabase(
  settings: Config["database"],
  timeouts: Timeouts = DEFAULT_TIMEOUTS,
): Database {
  if (settings.kind === "postgres") {
    // pg is loaded with the first connection: on SQLite it is never loaded (60 ms of start-up).
    let opened: Promise<pg.Pool> | undefined;
    const pool = () =>
      (opened ??= import("pg").then(({ default: { Pool, types } }) => {
        const created = new Pool({
          connectionString: settings.url,
          types: pgTypes(types),
          max: 10,
          ...pgTimeouts(timeouts),
        });
        // An idle connection the server drops (restart, failover) emits 'error' on the pool;
        // unhandled, it would end the process. The pool discards that client; the next query
        // opens a new one, and /readyz reports the database while it is away.
        created.on("error", () => {});
        return created;
      }));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      kind: "postgres",
      ping: async () => {
        await sql`select 1`.execute(db);
      },
      revision: async () => {
        const { rows } = await (await pool()).query(REVISION_QUERY);
        return Number(rows[0]?.value ?? 0);
      },
      close: async () => {
        await db.destroy();
        // Kysely ends the pool it opened; one only revision() opened is ended here.
        const created = await opened;
        if (created && !created.ending) await created.end();
      },
    };
  }
  if (settings.path !== ":memory:") mkdirSync(dirname(settings.path), { recursive: true });
  const sqlite = new SQLite(settings.path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  // A write waits this long for another process's write, then fails with SQLITE_BUSY (a 503).
  sqlite.pragma("busy_timeout = 5000");
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: preparedOnce(sqlite) }) });
  // Read on every cached page view: a prepared statement on the driver, without query building.
  let revisionStatement: SQLite.Statement<[], number> | undefined;
  return {
    db,
    kind: "sqlite",
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    revision: async () => {
      revisionStatement ??= sqlite.prepare<[], number>(REVISION_QUERY).pluck();
      return revisionStatement.get() ?? 0;
    },
    close: () => db.destroy(),
  };
}
