// The audit log as CSV, in the roster export's format (members/roster-csv.ts): UTF-8 with a byte
// order mark so that Excel reads accents right, a header row, and every cell a spreadsheet would
// run as a formula neutralised with a leading quote.
import { stringify } from "csv-stringify/sync";
import type { AuditLogTable } from "../db/index.js";
import { diffEntry, parseStored } from "./audit.diff.js";

export const AUDIT_CSV_COLUMNS = [
  "at",
  "actor_email",
  "actor_id",
  "action",
  "entity",
  "entity_id",
  "changed_fields",
  "before",
  "after",
] as const;

/** OWASP's advice for CSV injection, as the roster export applies it: a leading quote. */
export function safeCell(value: string | null): string {
  if (value === null) return "";
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Entries as CSV, one row each in the order given; before and after as stored (JSON). */
export function auditCsv(entries: AuditLogTable[]): string {
  const rows = entries.map((e) => {
    const changed = diffEntry(parseStored(e.before), parseStored(e.after))
      .map((c) => c.field)
      .filter(Boolean)
      .join(" ");
    const cells: Record<(typeof AUDIT_CSV_COLUMNS)[number], string | null> = {
      at: e.at,
      actor_email: e.actor_email,
      actor_id: e.actor_id,
      action: e.action,
      entity: e.entity,
      entity_id: e.entity_id,
      changed_fields: changed,
      before: e.before,
      after: e.after,
    };
    return AUDIT_CSV_COLUMNS.map((c) => safeCell(cells[c]));
  });
  return stringify(rows, {
    bom: true,
    header: true,
    columns: [...AUDIT_CSV_COLUMNS],
    record_delimiter: "\n",
  });
}
