// What an audit entry changed, read from its before and after JSON: the fields whose values
// differ, each with its old and new value. Shared by the page and the CSV export.

export interface FieldChange {
  /** The field's name; "" when before or after is not an object of fields (a list, a number). */
  field: string;
  /** The value before, or undefined when the field (or the whole record) did not exist. */
  before: unknown;
  after: unknown;
}

/** Parses stored JSON; text that is not JSON is kept as it is (the column is plain text). */
export function parseStored(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Deep equality of JSON values (key order ignored). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => sameJson(a[k], b[k]));
  }
  return false;
}

/**
 * The fields that differ between before and after, in the order they first appear. A record
 * created (no before) or deleted (no after) lists all its fields; values that are not records
 * (a list, for instance) are compared whole.
 */
export function diffEntry(before: unknown, after: unknown): FieldChange[] {
  const asRecord = (v: unknown) => (v === undefined ? {} : v);
  const b = asRecord(before);
  const a = asRecord(after);
  if (!isRecord(b) || !isRecord(a)) {
    return sameJson(before, after) ? [] : [{ field: "", before, after }];
  }
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return fields
    .filter((field) => !sameJson(b[field], a[field]))
    .map((field) => ({ field, before: b[field], after: a[field] }));
}

/**
 * A value as staff read it: text as is, anything else as JSON on one line with a space after
 * each comma and colon, so that a long value can wrap; undefined as "".
 */
export function showJson(value: unknown): string {
  if (value === undefined) return "";
  if (typeof value === "string") return value;
  // Line breaks inside JSON strings are escaped (\n), so every real one is layout.
  return JSON.stringify(value, null, 1).replace(/\n\s*/g, " ");
}
