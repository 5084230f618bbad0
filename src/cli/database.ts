// Opening the configured database for a command, and the checks that keep a wrong SQLITE_PATH
// or an unmigrated database from surfacing as a raw SQL error.
import { existsSync } from "node:fs";
import { type Config, loadConfig } from "../config/config.js";
import { type Database, openDatabase } from "../db/index.js";
import { CliError } from "./errors.js";
import { EXPORT_TABLES } from "./export-import.js";

/** Where the data lives, for messages; a PostgreSQL URL loses its credentials. */
export function describeDatabase(settings: Config["database"]): string {
  if (settings.kind === "sqlite") return `SQLite database ${settings.path}`;
  const url = new URL(settings.url);
  return `PostgreSQL database ${url.host}${url.pathname}`;
}

export interface OpenOptions {
  /** Create an SQLite file that does not exist yet (only `migrate` and `seed` should). */
  create?: boolean;
}

/** Runs `work` on the configured database and always closes it. ConfigError passes through. */
export async function withDatabase<T>(
  options: OpenOptions,
  work: (database: Database, settings: Config["database"]) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const settings = config.database;
  if (!options.create && settings.kind === "sqlite" && settings.path !== ":memory:") {
    // Opening would silently create an empty file at a mistyped path.
    if (!existsSync(settings.path)) {
      throw new CliError(
        `no database at ${settings.path} (SQLITE_PATH); run \`cfa migrate\` to create it`,
      );
    }
  }
  const database = openDatabase(settings, config.timeouts);
  try {
    return await work(database, settings);
  } finally {
    await database.close();
  }
}

/** Throws a CliError pointing at `cfa migrate` when the content tables are not there. */
export async function ensureSchema(database: Database): Promise<void> {
  const present = new Set((await database.db.introspection.getTables()).map((t) => t.name));
  const missing = EXPORT_TABLES.filter((table) => !present.has(table));
  if (missing.length > 0) {
    throw new CliError(
      `the database lacks table(s) ${missing.join(", ")}; run \`cfa migrate\` first`,
    );
  }
}
