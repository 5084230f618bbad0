// The roster CSV format: its columns, limits, the problems a file can have, and what a preview
// and an import answer. parse → validate → preview → import; export writes the same format.
import type { JurisdictionKind, JurisdictionStatus } from "../../db/index.js";

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

export const KINDS: readonly JurisdictionKind[] = ["city", "county", "city_county"];
export const STATUSES: readonly JurisdictionStatus[] = ["applicant", "member", "former"];

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
export const CONTROL = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;
export const CONTROL_GLOBAL = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu;

/** A value for a message: JSON-quoted, controls escaped (JSON leaves DEL, C1 and bidi), cut short. */
export function showValue(value: string, max = 40): string {
  const cut = [...value].length > max ? `${[...value].slice(0, max - 1).join("")}…` : value;
  return JSON.stringify(cut).replace(
    CONTROL_GLOBAL,
    (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, "0")}`,
  );
}

export const length = (value: string) => [...value].length;
