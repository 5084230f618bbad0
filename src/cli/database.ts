// Opening the configured database for a command, made ready the way the server makes it ready
// before it listens: the schema up to date, the shipped Census snapshots loaded. Done here, for
// every command, so none can meet a database that was migrated but never served (where the
// roster import refused every real GEOID, the geographies not being there yet).
import { existsSync } from "node:fs";
import { type Config, loadConfig } from "../config/config.js";
import { type Database, migrateToLatest, openDatabase, pendingMigrations } from "../db/index.js";
import { loadCensusSnapshots } from "../members/index.js";
import { CliError } from "./errors.js";

/** Where the data lives, for messages; a PostgreSQL URL loses its credentials. */
export function describeDatabase(settings: Config["database"]): string {
  if (settings.kind === "sqlite") return `SQLite database ${settings.path}`;
  const url = new URL(settings.url);
  return `PostgreSQL database ${url.host}${url.pathname}`;
}

export interface OpenOptions {
  /**
   * Create an SQLite file that does not exist yet and apply the pending migrations (only
   * `migrate` and `seed` should); without it, a database that is not up to date is refused.
   */
  migrate?: boolean;
  /** The database to open instead of the configured one (the tests' own). */
  settings?: Config["database"];
  /**
   * Told which snapshots were loaded, when any were (the first command on a new database takes
   * a few seconds longer). Standard error by default: standard output may be an export.
   */
  notice?: (line: string) => void;
}

export interface Prepared {
  settings: Config["database"];
  /** The migrations applied by this command. */
  migrations: string[];
  /** The Census snapshot files loaded by this command: none once the database holds them. */
  snapshots: string[];
}

const toStderr = (line: string) => void process.stderr.write(`${line}\n`);

/**
 * Runs `work` on the configured database, migrated (or checked to be) and holding the Census
 * snapshots, and always closes it. ConfigError passes through.
 */
export async function withDatabase<T>(
  options: OpenOptions,
  work: (database: Database, prepared: Prepared) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const settings = options.settings ?? config.database;
  if (!options.migrate && settings.kind === "sqlite" && settings.path !== ":memory:") {
    // Opening would silently create an empty file at a mistyped path.
    if (!existsSync(settings.path)) {
      throw new CliError(
        `no database at ${settings.path} (SQLITE_PATH); run \`cfa migrate\` to create it`,
      );
    }
  }
  const database = openDatabase(settings, config.timeouts);
  try {
    let migrations: string[] = [];
    if (options.migrate) migrations = (await migrateToLatest(database.db)).applied;
    else await ensureSchema(database);
    // A no-op once loaded (census_loads remembers each file), and safe beside a running server.
    const snapshots = await loadCensusSnapshots(database.db);
    if (snapshots.length > 0) {
      (options.notice ?? toStderr)(
        `loaded the Census snapshots ${describeDatabase(settings)} lacked: ${snapshots.join(", ")}`,
      );
    }
    return await work(database, { settings, migrations, snapshots });
  } finally {
    await database.close();
  }
}

/** Throws a CliError pointing at `cfa migrate` when a migration is not applied yet. */
async function ensureSchema(database: Database): Promise<void> {
  const pending = await pendingMigrations(database.db);
  if (pending.length > 0) {
    throw new CliError(
      `the database schema is not up to date (${pending.length} migration(s) not applied, ` +
        `from ${pending[0]}); run \`cfa migrate\` first`,
    );
  }
}
