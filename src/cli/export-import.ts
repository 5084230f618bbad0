// The portable dump of the platform's content: written by `cfa export`, read by `cfa import`.
// Rows keep their database shape (snake_case columns, ISO strings, 0/1 flags) so a dump moves
// between SQLite and PostgreSQL unchanged.
import { readFile } from "node:fs/promises";
import type { Kysely } from "kysely";
import type { DB } from "../db/index.js";
import { CliError, quote } from "./errors.js";
import {
  countRows,
  deleteAllRows,
  EXPORT_TABLES,
  type ExportTable,
  insertRows,
  type Row,
  readTables,
} from "./export-import.queries.js";

// The tables, in the order they are written (parents first): export-import.queries.ts.
export { EXPORT_TABLES, type ExportTable, type Row, type Value } from "./export-import.queries.js";

export const EXPORT_FORMAT = "cfa-export";
export const EXPORT_VERSION = 1;

// Users are exported for reference only; without their sign-in accounts they cannot be restored.
export const SKIPPED_ON_IMPORT: readonly ExportTable[] = ["users"];

// PostgreSQL allows 65535 parameters per statement; 200 rows of ~14 columns stays far below.
const BATCH_SIZE = 200;

export interface ExportDump {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  tables: Partial<Record<ExportTable, Row[]>>;
}

/** Lists a table's columns; the compiler rejects a missing or extra one against types.ts. */
function columnsOf<T>(spec: Record<keyof T & string, true>): (keyof T & string)[] {
  return Object.keys(spec) as (keyof T & string)[];
}

const COLUMNS: { readonly [T in ExportTable]: readonly string[] } = {
  jurisdictions: columnsOf<DB["jurisdictions"]>({
    id: true,
    slug: true,
    name: true,
    kind: true,
    state: true,
    geoid: true,
    executive_name: true,
    executive_title: true,
    website: true,
    office_name: true,
    office_address: true,
    office_phone: true,
    office_email: true,
    office_languages: true,
    office_description: true,
    status: true,
    joined_on: true,
    is_demo: true,
    created_at: true,
    updated_at: true,
  }),
  content_blocks: columnsOf<DB["content_blocks"]>({
    key: true,
    locale: true,
    body: true,
    is_demo: true,
    updated_at: true,
  }),
  // Who the people are, never how they sign in: better-auth's accounts, sessions, verifications
  // and two_factors tables (secrets all) are neither exported nor imported.
  users: columnsOf<Pick<DB["users"], "id" | "email" | "name" | "coalition_role" | "created_at">>({
    id: true,
    email: true,
    name: true,
    coalition_role: true,
    created_at: true,
  }),
};

// Primary keys, so that two exports of the same data are byte-for-byte comparable.
const ORDER: { readonly [T in ExportTable]: readonly string[] } = {
  jurisdictions: ["id"],
  content_blocks: ["key", "locale"],
  users: ["id"],
};

/** Reads every content table in one snapshot; users come without their password hashes. */
export async function exportData(db: Kysely<DB>, now = new Date()): Promise<ExportDump> {
  const tables = await readTables(
    db,
    EXPORT_TABLES.map((table) => ({ table, columns: COLUMNS[table], orderBy: ORDER[table] })),
  );
  return { format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: now.toISOString(), tables };
}

export function serializeDump(dump: ExportDump): string {
  return `${JSON.stringify(dump, null, 2)}\n`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isExportTable(name: string): name is ExportTable {
  return (EXPORT_TABLES as readonly string[]).includes(name);
}

/** Checks a parsed dump's envelope and rows, throwing a CliError that says where it is wrong. */
export function parseDump(value: unknown): ExportDump {
  if (!isObject(value)) throw new CliError("not a cfa export: expected a JSON object");
  if (value.format !== EXPORT_FORMAT) {
    throw new CliError(
      `not a cfa export: "format" is ${quote(value.format)}, expected "${EXPORT_FORMAT}"`,
    );
  }
  if (value.version !== EXPORT_VERSION) {
    throw new CliError(
      `unsupported export version ${quote(value.version)}: this cfa reads version ${EXPORT_VERSION}`,
    );
  }
  if (!isObject(value.tables)) throw new CliError('"tables" must be an object of table → rows');
  const tables: Partial<Record<ExportTable, Row[]>> = {};
  for (const [name, rows] of Object.entries(value.tables)) {
    if (!isExportTable(name)) {
      throw new CliError(
        `unknown table ${quote(name)} in the export (known: ${EXPORT_TABLES.join(", ")})`,
      );
    }
    if (!Array.isArray(rows)) throw new CliError(`tables.${name} must be an array of rows`);
    rows.forEach((row: unknown, index) => {
      if (!isObject(row)) throw new CliError(`tables.${name}[${index}] is not an object`);
      if (!SKIPPED_ON_IMPORT.includes(name)) checkRow(name, row, index);
    });
    tables[name] = rows as Row[];
  }
  const exportedAt = typeof value.exportedAt === "string" ? value.exportedAt : "";
  return { format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt, tables };
}

/**
 * Optional columns added after the dump format was first written: a dump made before them (the
 * same format version) imports with null in each, written out so both databases store the same.
 */
const ADDED_LATER: { readonly [T in ExportTable]?: readonly string[] } = {
  // Migration 0015: the member's office.
  jurisdictions: [
    "office_name",
    "office_address",
    "office_phone",
    "office_email",
    "office_languages",
    "office_description",
  ],
};

// Every other column is required, so SQLite (which fills a missing column with NULL) and
// PostgreSQL (which uses its default) cannot end up with different data from the same dump.
function checkRow(table: ExportTable, row: Record<string, unknown>, index: number): void {
  const where = `tables.${table}[${index}]`;
  const columns = COLUMNS[table];
  for (const column of ADDED_LATER[table] ?? [])
    if (!Object.hasOwn(row, column)) row[column] = null;
  for (const [column, value] of Object.entries(row)) {
    if (!columns.includes(column))
      throw new CliError(`${where} has unknown column ${quote(column)}`);
    if (value !== null && typeof value !== "string" && typeof value !== "number") {
      throw new CliError(`${where}.${column} must be a string, a number or null`);
    }
  }
  const missing = columns.filter((column) => !Object.hasOwn(row, column));
  if (missing.length > 0) throw new CliError(`${where} lacks column(s) ${missing.join(", ")}`);
}

export async function readDumpFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${path} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
}

export interface ImportOptions {
  /** Delete the rows of the tables being imported first, instead of refusing when they hold any. */
  replace?: boolean;
}

export interface ImportOutcome {
  inserted: Partial<Record<ExportTable, number>>;
  deleted: Partial<Record<ExportTable, number>>;
  skipped: ExportTable[];
}

/**
 * Writes a dump in one transaction: on any error nothing is changed. Tables absent from the
 * dump are left alone; the users table is always skipped.
 */
export async function importData(
  db: Kysely<DB>,
  input: unknown,
  options: ImportOptions = {},
): Promise<ImportOutcome> {
  const dump = parseDump(input);
  const targets = EXPORT_TABLES.filter(
    (table) => dump.tables[table] !== undefined && !SKIPPED_ON_IMPORT.includes(table),
  );
  const skipped = SKIPPED_ON_IMPORT.filter((table) => dump.tables[table] !== undefined);
  return db.transaction().execute(async (trx) => {
    const deleted: ImportOutcome["deleted"] = {};
    if (options.replace) {
      for (const table of [...targets].reverse()) {
        deleted[table] = await deleteAllRows(trx, table);
      }
    } else {
      const occupied: string[] = [];
      for (const table of targets) {
        const rows = await countRows(trx, table);
        if (rows > 0) occupied.push(`${table} (${rows})`);
      }
      if (occupied.length > 0) {
        throw new CliError(
          `the database already holds rows in ${occupied.join(", ")}; use --replace to delete them first`,
        );
      }
    }
    const inserted: ImportOutcome["inserted"] = {};
    for (const table of targets) {
      const rows = dump.tables[table] ?? [];
      for (let start = 0; start < rows.length; start += BATCH_SIZE) {
        const batch = rows.slice(start, start + BATCH_SIZE);
        try {
          await insertRows(trx, table, batch);
        } catch (error) {
          throw new CliError(
            `could not import ${table} rows ${start + 1}-${start + batch.length}: ${(error as Error).message}; nothing was written`,
            { cause: error },
          );
        }
      }
      inserted[table] = rows.length;
    }
    return { inserted, deleted, skipped };
  });
}
