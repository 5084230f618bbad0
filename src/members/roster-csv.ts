// The coalition roster as CSV, for staff who keep it in a spreadsheet: a preview that checks a
// whole file and says what is wrong with every row, an all-or-nothing import of the rows that are
// right, and an export in the same format that a spreadsheet opens safely. No console output
// here: the CLI (cli/members-command.ts) and, later, an admin page present the results.
import { randomUUID } from "node:crypto";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import type { Kysely } from "kysely";
import { recordAudit } from "../audit/index.js";
import {
  type DB,
  type JurisdictionKind,
  type JurisdictionStatus,
  lockRevision,
} from "../db/index.js";
import { webAddressProblem } from "./web-address.js";

/** The columns a file must have, in the order the export writes them. */
export const ROSTER_COLUMNS = [
  "geoid",
  "name",
  "kind",
  "state",
  "executive_name",
  "executive_title",
  "website",
  "status",
  "joined_on",
] as const;
/** Optional: when a file has no slug (or an empty cell), one is derived or kept. */
export const OPTIONAL_COLUMNS = ["slug"] as const;
export const EXPORT_COLUMNS = [...ROSTER_COLUMNS, ...OPTIONAL_COLUMNS] as const;
export type RosterField = (typeof EXPORT_COLUMNS)[number];

/** Files above this are refused whole (about 15,000 rows; the coalition has a few hundred). */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
/** Longest accepted values, in characters (code points), HTML and all. */
export const MAX_LENGTH: Readonly<Partial<Record<RosterField, number>>> = {
  name: 120,
  executive_name: 120,
  executive_title: 120,
  website: 300,
  slug: 100,
};

const KINDS: readonly JurisdictionKind[] = ["city", "county", "city_county"];
const STATUSES: readonly JurisdictionStatus[] = ["applicant", "member", "former"];

export type ProblemCode =
  | "file_too_large"
  | "csv_syntax"
  | "missing_columns"
  | "duplicate_column"
  | "field_count"
  | "required"
  | "control_characters"
  | "not_utf8"
  | "formula"
  | "too_long"
  | "invalid_geoid"
  | "unknown_geoid"
  | "kind_mismatch"
  | "state_mismatch"
  | "duplicate_geoid"
  | "duplicate_slug"
  | "slug_taken"
  | "invalid_kind"
  | "invalid_state"
  | "invalid_status"
  | "invalid_date"
  | "invalid_website"
  | "invalid_slug";

export interface RosterProblem {
  /** 1-based line in the file where the row starts (the header is line 1); 0 for the file. */
  line: number;
  field?: RosterField;
  code: ProblemCode;
  /** English, for staff; quoted values are escaped so they cannot steer a terminal. */
  message: string;
}

/** A jurisdiction's roster columns as stored: empty optional cells are null. */
export interface RosterValues {
  geoid: string;
  slug: string;
  name: string;
  kind: JurisdictionKind;
  state: string;
  executive_name: string | null;
  executive_title: string | null;
  website: string | null;
  status: JurisdictionStatus;
  joined_on: string | null;
}

/** The stored row a valid row updates, as the preview saw it. */
export interface ExistingRow extends RosterValues {
  id: string;
  is_demo: number;
}

export interface ValidRow {
  line: number;
  /** A GEOID already on the roster is an update of that jurisdiction (staff re-import an edited export). */
  action: "insert" | "update" | "unchanged";
  values: RosterValues;
  /** The row on the roster with this GEOID (update and unchanged), as the preview read it. */
  existing: ExistingRow | null;
  /** Columns an update changes; `is_demo` when a demo row becomes a real one. */
  changes: (keyof RosterValues | "is_demo")[];
}

export interface RosterPreview {
  /** The rows without problems, in file order. */
  rows: ValidRow[];
  /** Every problem found, in file order; several per row and per field where they apply. */
  problems: RosterProblem[];
  /** Data rows read (blank rows, and rows of empty cells that spreadsheets append, not counted). */
  total: number;
  /** The lines of rows with at least one problem. */
  badLines: number[];
  /** The file as a whole cannot be imported (too large, not CSV, wrong header); rows is empty. */
  fileProblem: boolean;
  /** Header columns this format does not know; their cells are ignored. */
  ignoredColumns: string[];
}

export interface ApplyOptions {
  /** Import the valid rows of a file that also has bad ones (never when the file itself is bad). */
  skipBadRows?: boolean;
  now?: Date;
  /** Called after each write inside the transaction; throwing from it rolls everything back. */
  onProgress?: (done: number, total: number) => void;
  /** Who imports: recorded in the audit log in the import's transaction (the CLI has no one). */
  actor?: { id: string; email: string };
}

export interface ApplyOutcome {
  inserted: number;
  updated: number;
  unchanged: number;
  skipped: number;
}

/** Refused import: nothing was written. `problems` holds the reasons when they are row problems. */
export class RosterImportError extends Error {
  readonly problems: readonly RosterProblem[];
  constructor(message: string, problems: readonly RosterProblem[] = [], options?: ErrorOptions) {
    super(message, options);
    this.name = "RosterImportError";
    this.problems = problems;
  }
}

// C0 and C1 controls (tab and newline included: no roster field has several lines), DEL, and
// the bidirectional overrides and isolates that can make text read differently than it sorts.
const CONTROL = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;
const CONTROL_GLOBAL = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu;
// A spreadsheet treats a cell starting with one of these as a formula (OWASP "CSV injection");
// tab and carriage return are covered by CONTROL.
const FORMULA_START = /^[=+\-@]/;
// What the export writes in front of such a cell, removed again on import so that the check
// above still refuses the value.
const NEUTRALISED = /^'(?=[=+\-@\t\r])/;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// Rows per INSERT: PostgreSQL takes at most 65,535 parameters a statement, SQLite 32,766.
const INSERT_BATCH = 200;
const LOOKUP_BATCH = 500;

/** A value for a message: JSON-quoted, controls escaped (JSON leaves DEL, C1 and bidi), cut short. */
export function showValue(value: string, max = 40): string {
  const cut = [...value].length > max ? `${[...value].slice(0, max - 1).join("")}…` : value;
  return JSON.stringify(cut).replace(
    CONTROL_GLOBAL,
    (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, "0")}`,
  );
}

const length = (value: string) => [...value].length;

/** `<name>-<state>` in lowercase ASCII words joined by hyphens, e.g. "San José" → "san-jose-ca". */
export function deriveSlug(name: string, state: string): string {
  const words = (text: string) =>
    text
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/&/g, " and ")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "");
  const st = words(state);
  let base = words(name).slice(0, 80).replace(/-+$/, "");
  // "Washington, DC" in DC is washington-dc, not washington-dc-dc.
  if (st && (base === st || base.endsWith(`-${st}`))) base = base.slice(0, -st.length - 1);
  return [base, st].filter(Boolean).join("-") || "jurisdiction";
}

function realDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return (
    y >= 1000 &&
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === mo - 1 &&
    date.getUTCDate() === d
  );
}

function webAddress(text: string): string | null {
  switch (webAddressProblem(text)) {
    case null:
      return null;
    case "not_a_url":
      return "is not a web address; write it in full, e.g. https://www.example.gov";
    case "scheme":
      return `must start with https:// or http://, not ${showValue(new URL(text).protocol)}`;
    case "no_domain":
      return "has no domain name";
    case "credentials":
      return "must not hold a user name or password";
  }
}

const lineBreaks = (text: string) => text.match(/\r\n|\r|\n/g)?.length ?? 0;

type Cells = Partial<Record<RosterField, string>>;

/** A cell less surrounding spaces and the export's formula guard; case where it does not matter. */
function normalise(field: string, cell: string): string {
  const value = cell.trim().replace(NEUTRALISED, "");
  if (field === "kind" || field === "status") return value.toLowerCase();
  if (field === "state") return value.toUpperCase();
  return value;
}

interface ParsedRow {
  line: number;
  cells: Cells;
}

interface ParsedFile {
  rows: ParsedRow[];
  problems: RosterProblem[];
  ignoredColumns: string[];
  fileProblem: boolean;
}

/** Splits the text into rows keyed by column, or says why the file as a whole is unreadable. */
function parseFile(csvText: string): ParsedFile {
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

/** The checks that need no database: text hygiene, required cells and formats. */
function checkCells(row: ParsedRow, problems: RosterProblem[]): void {
  const { line, cells } = row;
  const add = (field: RosterField, code: ProblemCode, message: string) =>
    problems.push({ line, field, code, message });

  for (const field of EXPORT_COLUMNS) {
    const value = cells[field];
    if (value === undefined || value === "") continue;
    const control = CONTROL.exec(value);
    if (control) {
      const code = (control[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0");
      add(field, "control_characters", `contains a control character (U+${code})`);
    }
    if (value.includes("\uFFFD")) {
      add(
        field,
        "not_utf8",
        "contains an unreadable character: save the file as CSV UTF-8 (Excel: “CSV UTF-8 (Comma delimited)”)",
      );
    }
    if (FORMULA_START.test(value)) {
      add(
        field,
        "formula",
        `starts with ${showValue(value.charAt(0))}, which a spreadsheet runs as a formula; remove it`,
      );
    }
    const max = MAX_LENGTH[field];
    if (max !== undefined && length(value) > max) {
      add(field, "too_long", `is ${length(value)} characters long; at most ${max} are accepted`);
    }
  }

  const { geoid = "", name = "", kind = "", state = "", status = "" } = cells;
  if (!geoid) add("geoid", "required", "the GEOID is missing");
  else if (!/^\d{5}$|^\d{7}$/.test(geoid)) {
    const hint = /^\d{4}$|^\d{6}$/.test(geoid)
      ? `; a spreadsheet may have dropped a leading zero (${showValue(`0${geoid}`)}?)`
      : "";
    add(
      "geoid",
      "invalid_geoid",
      `${showValue(geoid)} is not a Census GEOID: 7 digits for a place, 5 for a county${hint}`,
    );
  }
  if (!name) add("name", "required", "the name is missing");
  if (!kind) add("kind", "required", `the kind is missing (${KINDS.join(", ")})`);
  else if (!KINDS.includes(kind as JurisdictionKind))
    add("kind", "invalid_kind", `${showValue(kind)} is not one of ${KINDS.join(", ")}`);
  if (!state) add("state", "required", "the state is missing");
  else if (!/^[A-Z]{2}$/.test(state))
    add("state", "invalid_state", `${showValue(state)} is not a two-letter USPS code such as NY`);
  if (!status) add("status", "required", `the status is missing (${STATUSES.join(", ")})`);
  else if (!STATUSES.includes(status as JurisdictionStatus))
    add("status", "invalid_status", `${showValue(status)} is not one of ${STATUSES.join(", ")}`);
  // Every jurisdiction has an executive office, whatever its status. A member's executive is
  // also named: the public roster presents members with their mayor or county executive, and
  // an import makes a row real (is_demo = 0), so it must be complete. Applicants and former
  // members may not have a named contact. The demo roster has titles but no names, so an export
  // of it re-imports only once staff fill the names in, which is the point of importing it.
  if (!cells.executive_title)
    add("executive_title", "required", "the executive's title (e.g. Mayor) is missing");
  if (!cells.executive_name && status === "member")
    add("executive_name", "required", "a member's executive must be named");
  if (cells.joined_on && !realDate(cells.joined_on)) {
    add(
      "joined_on",
      "invalid_date",
      `${showValue(cells.joined_on)} is not a date written YYYY-MM-DD, e.g. 2015-01-31`,
    );
  }
  if (cells.website) {
    const wrong = webAddress(cells.website);
    if (wrong) add("website", "invalid_website", `${showValue(cells.website)} ${wrong}`);
  }
  if (cells.slug && !SLUG.test(cells.slug)) {
    add(
      "slug",
      "invalid_slug",
      `${showValue(cells.slug)} is not a slug: lowercase letters and digits joined by single hyphens`,
    );
  }
}

async function readRoster(db: Kysely<DB>): Promise<ExistingRow[]> {
  return db
    .selectFrom("jurisdictions")
    .select(["id", "is_demo", ...EXPORT_COLUMNS])
    .execute();
}

async function readGeographies(db: Kysely<DB>, geoids: string[]) {
  const found = new Map<string, { kind: "place" | "county"; name: string; state: string }>();
  for (let i = 0; i < geoids.length; i += LOOKUP_BATCH) {
    const batch = geoids.slice(i, i + LOOKUP_BATCH);
    const rows = await db
      .selectFrom("census_geographies")
      .select(["geoid", "kind", "name", "state"])
      .where("geoid", "in", batch)
      .execute();
    for (const row of rows) found.set(row.geoid, row);
  }
  return found;
}

/** Lines per value, for values used by more than one row. */
function repeats(entries: [string, number][]): Map<string, number[]> {
  const lines = new Map<string, number[]>();
  for (const [value, line] of entries) lines.set(value, [...(lines.get(value) ?? []), line]);
  return new Map([...lines].filter(([, l]) => l.length > 1));
}

const COMPARED: (keyof RosterValues)[] = [
  "slug",
  "name",
  "kind",
  "state",
  "executive_name",
  "executive_title",
  "website",
  "status",
  "joined_on",
];

/**
 * Checks every row of a roster file against the format, the Census geographies and the roster,
 * writing nothing. Rows whose GEOID is on the roster are updates of that jurisdiction.
 */
export async function previewRosterImport(db: Kysely<DB>, csvText: string): Promise<RosterPreview> {
  const parsed = parseFile(csvText);
  const problems = [...parsed.problems];
  if (parsed.fileProblem) {
    return { rows: [], problems, total: 0, badLines: [], fileProblem: true, ignoredColumns: [] };
  }
  for (const row of parsed.rows) checkCells(row, problems);

  const wellFormed = parsed.rows.filter((r) => /^\d{5}$|^\d{7}$/.test(r.cells.geoid ?? ""));
  const geographies = await readGeographies(db, [
    ...new Set(wellFormed.map((r) => r.cells.geoid ?? "")),
  ]);
  const roster = await readRoster(db);
  const byGeoid = new Map(roster.map((j) => [j.geoid, j]));
  const bySlug = new Map(roster.map((j) => [j.slug, j]));

  for (const { line, cells } of wellFormed) {
    const geoid = cells.geoid ?? "";
    const place = geographies.get(geoid);
    if (!place) {
      problems.push({
        line,
        field: "geoid",
        code: "unknown_geoid",
        message: `GEOID ${geoid} is not a 2020 Census place or county`,
      });
      continue;
    }
    const described = `GEOID ${geoid} (${place.name}, ${place.state})`;
    if (cells.kind === "county" && geoid.length !== 5) {
      problems.push({
        line,
        field: "kind",
        code: "kind_mismatch",
        message: `a county needs a 5-digit county GEOID; ${described} is a place`,
      });
    } else if (cells.kind === "city" && geoid.length !== 7) {
      problems.push({
        line,
        field: "kind",
        code: "kind_mismatch",
        message: `a city needs a 7-digit place GEOID; ${described} is a county (use city_county for a consolidated city-county)`,
      });
    }
    if (cells.state && /^[A-Z]{2}$/.test(cells.state) && cells.state !== place.state) {
      problems.push({
        line,
        field: "state",
        code: "state_mismatch",
        message: `${described} is in ${place.state}, not ${cells.state}`,
      });
    }
  }

  for (const [geoid, lines] of repeats(parsed.rows.map((r) => [r.cells.geoid ?? "", r.line]))) {
    if (!geoid) continue;
    for (const line of lines) {
      problems.push({
        line,
        field: "geoid",
        code: "duplicate_geoid",
        message: `GEOID ${showValue(geoid)} is on lines ${lines.join(", ")}; keep one of them`,
      });
    }
  }
  for (const [slug, lines] of repeats(parsed.rows.map((r) => [r.cells.slug ?? "", r.line]))) {
    if (!slug) continue;
    for (const line of lines) {
      problems.push({
        line,
        field: "slug",
        code: "duplicate_slug",
        message: `slug ${showValue(slug)} is on lines ${lines.join(", ")}`,
      });
    }
  }
  for (const { line, cells } of parsed.rows) {
    const holder = cells.slug ? bySlug.get(cells.slug) : undefined;
    if (holder && holder.geoid !== cells.geoid) {
      problems.push({
        line,
        field: "slug",
        code: "slug_taken",
        message: `slug ${showValue(cells.slug ?? "")} already belongs to ${holder.name}, ${holder.state} (GEOID ${holder.geoid})`,
      });
    }
  }

  const demo = new Set(
    parsed.rows.filter((r) => byGeoid.get(r.cells.geoid ?? "")?.is_demo).map((r) => r.line),
  );
  for (const p of problems) {
    if (p.code === "required" && p.field === "executive_name" && demo.has(p.line))
      p.message += " (the demo roster has titles only: fill in the name to make this row real)";
  }

  const bad = new Set(problems.map((p) => p.line));
  // Slugs in use once this file is imported: the roster's, and every slug the file names.
  const taken = new Set([...bySlug.keys(), ...parsed.rows.map((r) => r.cells.slug ?? "")]);
  const rows: ValidRow[] = [];
  for (const { line, cells } of parsed.rows) {
    if (bad.has(line)) continue;
    const existing = byGeoid.get(cells.geoid ?? "") ?? null;
    let slug = cells.slug || existing?.slug;
    if (!slug) {
      const base = deriveSlug(cells.name ?? "", cells.state ?? "");
      slug = base;
      for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
      taken.add(slug);
    }
    const values: RosterValues = {
      geoid: cells.geoid ?? "",
      slug,
      name: cells.name ?? "",
      kind: cells.kind as JurisdictionKind,
      state: cells.state ?? "",
      executive_name: cells.executive_name || null,
      executive_title: cells.executive_title || null,
      website: cells.website || null,
      status: cells.status as JurisdictionStatus,
      joined_on: cells.joined_on || null,
    };
    const changes: ValidRow["changes"] = existing
      ? COMPARED.filter((c) => (existing[c] ?? null) !== values[c])
      : [];
    if (existing && existing.is_demo !== 0) changes.push("is_demo");
    rows.push({
      line,
      action: !existing ? "insert" : changes.length > 0 ? "update" : "unchanged",
      values,
      existing,
      changes,
    });
  }
  problems.sort((a, b) => a.line - b.line);
  return {
    rows,
    problems,
    total: parsed.rows.length,
    badLines: [...bad].sort((a, b) => a - b),
    fileProblem: false,
    ignoredColumns: parsed.ignoredColumns,
  };
}

function countRows(n: number): string {
  return n === 1 ? "1 row has" : `${n} rows have`;
}

/**
 * Writes a preview's valid rows in one transaction: all of them or, on any error, none. Refuses
 * (throwing RosterImportError, writing nothing) a file with problems unless skipBadRows, and a
 * roster that changed since the preview. Unchanged rows are not written.
 */
export async function applyRosterImport(
  db: Kysely<DB>,
  preview: RosterPreview,
  options: ApplyOptions = {},
): Promise<ApplyOutcome> {
  if (preview.fileProblem) {
    throw new RosterImportError(
      "the file cannot be imported; nothing was written",
      preview.problems,
    );
  }
  if (preview.problems.length > 0 && !options.skipBadRows) {
    throw new RosterImportError(
      `${countRows(preview.badLines.length)} problems; nothing was written`,
      preview.problems,
    );
  }
  const inserts = preview.rows.filter((r) => r.action === "insert");
  const updates = preview.rows.filter((r) => r.action === "update");
  const outcome: ApplyOutcome = {
    inserted: inserts.length,
    updated: updates.length,
    unchanged: preview.rows.length - inserts.length - updates.length,
    skipped: preview.badLines.length,
  };
  const total = inserts.length + updates.length;
  if (total === 0) return outcome;
  const now = (options.now ?? new Date()).toISOString();

  try {
    await db.transaction().execute(async (trx) => {
      // Serialises with other writers that start this way, so the check below stays true.
      await lockRevision(trx);
      assertUnchangedSince(preview, await readRoster(trx));
      let done = 0;
      for (const row of updates) {
        const result = await trx
          .updateTable("jurisdictions")
          .set({ ...row.values, is_demo: 0, updated_at: now })
          .where("id", "=", row.existing?.id ?? "")
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) throw stale(row);
        options.onProgress?.(++done, total);
      }
      for (let i = 0; i < inserts.length; i += INSERT_BATCH) {
        const batch = inserts.slice(i, i + INSERT_BATCH);
        await trx
          .insertInto("jurisdictions")
          .values(
            batch.map((row) => ({
              id: randomUUID(),
              ...row.values,
              is_demo: 0,
              created_at: now,
              updated_at: now,
            })),
          )
          .execute();
        done += batch.length;
        options.onProgress?.(done, total);
      }
      await recordAudit(trx, {
        actor: options.actor ?? null,
        action: "roster.import",
        entity: "roster",
        entityId: "csv",
        before: updates.map((row) => row.existing),
        after: { ...outcome, rows: [...updates, ...inserts].map((row) => row.values) },
      });
    });
  } catch (error) {
    if (error instanceof RosterImportError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new RosterImportError(
      `could not write the roster (${message}); nothing was written`,
      [],
      {
        cause: error,
      },
    );
  }
  return outcome;
}

function stale(row: ValidRow): RosterImportError {
  return new RosterImportError(
    `the roster changed since the file was checked (line ${row.line}, GEOID ${row.values.geoid}); nothing was written, check the file again`,
  );
}

/** Refuses to write over changes made by someone else between the preview and the import. */
function assertUnchangedSince(preview: RosterPreview, roster: ExistingRow[]): void {
  const byGeoid = new Map(roster.map((j) => [j.geoid, j]));
  const bySlug = new Map(roster.map((j) => [j.slug, j]));
  for (const row of preview.rows) {
    const now = byGeoid.get(row.values.geoid);
    if (row.action === "insert") {
      if (now || bySlug.has(row.values.slug)) throw stale(row);
      continue;
    }
    const then = row.existing;
    if (!now || !then || now.id !== then.id || now.is_demo !== then.is_demo) throw stale(row);
    if (COMPARED.some((c) => (now[c] ?? null) !== (then[c] ?? null))) throw stale(row);
    const holder = bySlug.get(row.values.slug);
    if (holder && holder.id !== now.id) throw stale(row);
  }
}

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
  const rows = await db
    .selectFrom("jurisdictions")
    .select([...EXPORT_COLUMNS])
    .orderBy("state")
    .orderBy("name")
    .orderBy("geoid")
    .execute();
  const csv = stringify(
    rows.map((row) => EXPORT_COLUMNS.map((c) => safeCell(row[c]))),
    { bom: true, header: true, columns: [...EXPORT_COLUMNS], record_delimiter: "\n" },
  );
  return { csv, count: rows.length };
}

export async function exportRosterCsv(db: Kysely<DB>): Promise<string> {
  return (await exportRoster(db)).csv;
}
