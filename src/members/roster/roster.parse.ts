// Reading a roster file: the text split into rows keyed by column, or why the file as a whole
// cannot be read (too large, not CSV, a wrong header).
import { parse } from "csv-parse/sync";
import {
  CONTROL_GLOBAL,
  EXPORT_COLUMNS,
  MAX_FILE_BYTES,
  ROSTER_COLUMNS,
  type RosterField,
  type RosterProblem,
  showValue,
} from "./roster.schema.js";

// What the export writes in front of such a cell, removed again on import so that the check
// above still refuses the value.
const NEUTRALISED = /^'(?=[=+\-@\t\r])/;

const lineBreaks = (text: string) => text.match(/\r\n|\r|\n/g)?.length ?? 0;

export type Cells = Partial<Record<RosterField, string>>;

/** A cell less surrounding spaces and the export's formula guard; case where it does not matter. */
function normalise(field: string, cell: string): string {
  const value = cell.trim().replace(NEUTRALISED, "");
  if (field === "kind" || field === "status") return value.toLowerCase();
  if (field === "state") return value.toUpperCase();
  return value;
}

export interface ParsedRow {
  line: number;
  cells: Cells;
}

export interface ParsedFile {
  rows: ParsedRow[];
  problems: RosterProblem[];
  ignoredColumns: string[];
  fileProblem: boolean;
}

/** Splits the text into rows keyed by column, or says why the file as a whole is unreadable. */
export function parseFile(csvText: string): ParsedFile {
  const fail = (problem: RosterProblem): ParsedFile => ({
    rows: [],
    problems: [problem],
    ignoredColumns: [],
    fileProblem: true,
  });
  const bytes = Buffer.byteLength(csvText, "utf8");
  if (bytes > MAX_FILE_BYTES) {
    return fail({
      line: 0,
      code: "file_too_large",
      message: `the file is ${(bytes / 1024 / 1024).toFixed(1)} MB; at most ${MAX_FILE_BYTES / 1024 / 1024} MB is accepted`,
    });
  }
  let records: { record: string[]; raw: string }[];
  try {
    records = parse(csvText, {
      bom: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
    });
  } catch (error) {
    const e = error as Error & { lines?: number; code?: string };
    // csv-parse's message may quote the file: keep it printable.
    const message = e.message.replace(CONTROL_GLOBAL, "?").slice(0, 200);
    return fail({ line: e.lines ?? 0, code: "csv_syntax", message: `not valid CSV: ${message}` });
  }

  const [head, ...body] = records;
  const header = (head?.record ?? []).map((h) => h.trim().toLowerCase());
  const problems: RosterProblem[] = [];
  const seen = new Set<string>();
  for (const name of header) {
    if (name && seen.has(name)) {
      problems.push({
        line: 1,
        code: "duplicate_column",
        message: `the header names column ${showValue(name)} twice`,
      });
    }
    seen.add(name);
  }
  const missing = ROSTER_COLUMNS.filter((c) => !seen.has(c));
  if (missing.length > 0) {
    const semicolons = header.length === 1 && (header[0] ?? "").includes(";");
    problems.push({
      line: head ? 1 : 0,
      code: "missing_columns",
      message: head
        ? `the header lacks column(s) ${missing.join(", ")}; the first line must name the columns ${EXPORT_COLUMNS.join(",")}${semicolons ? " (separated by commas, not semicolons)" : ""}`
        : `the file is empty; its first line must name the columns ${EXPORT_COLUMNS.join(",")}`,
    });
  }
  if (problems.length > 0) return { rows: [], problems, ignoredColumns: [], fileProblem: true };

  const known = new Set<string>(EXPORT_COLUMNS);
  const ignoredColumns = header.filter((h) => h !== "" && !known.has(h));
  const rows: ParsedRow[] = [];
  // Lines are counted here: csv-parse counts a CRLF inside a quoted value as two. Each record's
  // raw text starts with the blank lines skipped before it and ends with its line break.
  let next = 1 + lineBreaks(head?.raw ?? "");
  for (const { record, raw } of body) {
    const line = next + lineBreaks(/^[\r\n]*/.exec(raw)?.[0] ?? "");
    next += lineBreaks(raw);
    if (record.every((cell) => cell.trim() === "")) continue;
    const extra = record.slice(header.length);
    if (record.length < header.length || extra.some((cell) => cell.trim() !== "")) {
      problems.push({
        line,
        code: "field_count",
        message: `the row has ${record.length} cells but the header names ${header.length} columns (a comma inside a value needs the value in double quotes)`,
      });
      rows.push({ line, cells: {} });
      continue;
    }
    const cells: Cells = {};
    header.forEach((name, i) => {
      if (known.has(name)) cells[name as RosterField] = normalise(name, record[i] ?? "");
    });
    rows.push({ line, cells });
  }
  return { rows, problems, ignoredColumns, fileProblem: false };
}
