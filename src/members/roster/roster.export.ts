// The roster as CSV, in the format the import reads, safe to open in a spreadsheet.
import { stringify } from "csv-stringify/sync";
import type { Kysely } from "kysely";
import type { DB } from "../../db/index.js";
import { rosterExportRows } from "../jurisdictions.queries.js";
import { EXPORT_COLUMNS } from "./roster.schema.js";

/** Neutralises a cell a spreadsheet would run as a formula (OWASP's advice: a leading quote). */
function safeCell(value: string | null): string {
  if (value === null) return "";
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * The whole roster as CSV (EXPORT_COLUMNS, ordered by state and name), in UTF-8 with a byte order
 * mark so that Excel reads accented names right. Re-importing it unchanged changes nothing.
 */
export async function exportRoster(db: Kysely<DB>): Promise<{ csv: string; count: number }> {
  const rows = await rosterExportRows(db);
  const csv = stringify(
    rows.map((row) => EXPORT_COLUMNS.map((c) => safeCell(row[c]))),
    { bom: true, header: true, columns: [...EXPORT_COLUMNS], record_delimiter: "\n" },
  );
  return { csv, count: rows.length };
}

export async function exportRosterCsv(db: Kysely<DB>): Promise<string> {
  return (await exportRoster(db)).csv;
}
