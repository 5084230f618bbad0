// The audit log's filters as they arrive in a query string: declared for the route (every field
// optional, any shape), then checked one by one here so that each bad value gets its own message
// on the filter form (a repeated field, a malformed date, an action the log does not have).
import { Type } from "typebox";

export const AUDIT_PAGE_SIZE = 50;
/** Far beyond any real log's length in pages; a larger number is refused, not run. */
const MAX_PAGE = 100_000;

export const AUDIT_FILTER_FIELDS = [
  "actor",
  "action",
  "entity",
  "entity_id",
  "from",
  "to",
] as const;
export type AuditFilterField = (typeof AUDIT_FILTER_FIELDS)[number] | "page";

export interface AuditFilters {
  /** Part of the actor's e-mail address, any case. */
  actor: string;
  /** One of the actions present in the log, exactly. */
  action: string;
  /** One of the entities present in the log, exactly. */
  entity: string;
  entityId: string;
  /** First and last day (UTC, YYYY-MM-DD) of the entries shown, inclusive. */
  from: string;
  to: string;
}

export interface AuditChoices {
  actions: string[];
  entities: string[];
}

export interface ParsedAuditQuery {
  filters: AuditFilters;
  page: number;
  /** Fields whose value was refused, in form order; nothing is listed while there are any. */
  errors: AuditFilterField[];
}

/**
 * The query string of /admin/audit and /admin/audit.csv: every field optional and left unchecked
 * by the route, because parseAuditQuery checks each against the log's own choices and says what is
 * wrong with it on the form (a repeated field arrives as a list and is refused there).
 */
export const AuditQuery = Type.Object({
  actor: Type.Optional(Type.Unknown({ description: "Part of the actor's e-mail address" })),
  action: Type.Optional(Type.Unknown({ description: "An action present in the log" })),
  entity: Type.Optional(Type.Unknown({ description: "A kind of record present in the log" })),
  entity_id: Type.Optional(Type.Unknown({ description: "A record's id, exactly" })),
  from: Type.Optional(Type.Unknown({ description: "First day, YYYY-MM-DD (UTC)" })),
  to: Type.Optional(Type.Unknown({ description: "Last day, YYYY-MM-DD (UTC)" })),
  page: Type.Optional(Type.Unknown({ description: "Page number, from 1" })),
});

// C0 and C1 control characters: never part of an address or id that staff type.
const CONTROL = /\p{Cc}/u;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD. */
function realDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return (
    y >= 1970 &&
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === mo - 1 &&
    date.getUTCDate() === d
  );
}

/**
 * Reads the filters and page number of a query string. A missing or empty field is no filter; a
 * repeated, too long or malformed value, or a choice the log does not have, is reported.
 */
export function parseAuditQuery(
  query: Partial<Record<AuditFilterField, unknown>>,
  choices: AuditChoices,
): ParsedAuditQuery {
  const errors: AuditFilterField[] = [];
  const read = (field: AuditFilterField, ok: (value: string) => boolean): string => {
    const raw = query[field];
    if (raw === undefined) return "";
    const value = typeof raw === "string" ? raw.trim() : undefined;
    if (value === undefined || (value !== "" && (CONTROL.test(value) || !ok(value)))) {
      errors.push(field);
      return "";
    }
    return value;
  };
  const filters: AuditFilters = {
    actor: read("actor", (v) => [...v].length <= 254),
    action: read("action", (v) => choices.actions.includes(v)),
    entity: read("entity", (v) => choices.entities.includes(v)),
    entityId: read("entity_id", (v) => [...v].length <= 200),
    from: read("from", realDate),
    to: read("to", realDate),
  };
  if (filters.from && filters.to && filters.to < filters.from) errors.push("to");
  const pageText = read("page", (v) => /^[1-9][0-9]{0,5}$/.test(v) && Number(v) <= MAX_PAGE);
  return { filters, page: pageText ? Number(pageText) : 1, errors };
}

/** The query string of these filters (empty ones left out), with a page number when above 1. */
export function auditQueryString(filters: AuditFilters, page = 1): string {
  const params = new URLSearchParams();
  const named: Record<Exclude<AuditFilterField, "page">, string> = {
    actor: filters.actor,
    action: filters.action,
    entity: filters.entity,
    entity_id: filters.entityId,
    from: filters.from,
    to: filters.to,
  };
  for (const [key, value] of Object.entries(named)) if (value) params.set(key, value);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `?${query}` : "";
}
