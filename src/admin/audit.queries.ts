// The audit log as coalition admins read it: filters from a query string, checked one by one so
// each bad value gets its own message, and the matching entries, newest first.
import { type Kysely, type SelectQueryBuilder, sql } from "kysely";
import type { AuditLogTable, DB } from "../db/index.js";

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

/** The distinct actions and entities in the log: what the filter lists offer, and accept. */
export async function auditChoices(db: Kysely<DB>): Promise<AuditChoices> {
  const [actions, entities] = await Promise.all([
    db.selectFrom("audit_log").select("action").distinct().orderBy("action").execute(),
    db.selectFrom("audit_log").select("entity").distinct().orderBy("entity").execute(),
  ]);
  return { actions: actions.map((r) => r.action), entities: entities.map((r) => r.entity) };
}

/**
 * Reads the filters and page number of a query string. A missing or empty field is no filter; a
 * repeated, too long or malformed value, or a choice the log does not have, is reported.
 */
export function parseAuditQuery(
  query: Record<string, unknown>,
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

/** The day after a YYYY-MM-DD date, as an ISO instant: the end (exclusive) of an inclusive range. */
function dayAfter(date: string): string {
  const next = new Date(`${date}T00:00:00.000Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString();
}

/** `%` and `_` match themselves in a LIKE pattern (with `escape '\'`). */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function filtered(
  db: Kysely<DB>,
  filters: AuditFilters,
): SelectQueryBuilder<DB, "audit_log", Record<never, never>> {
  let query = db.selectFrom("audit_log");
  if (filters.actor) {
    const pattern = `%${likeLiteral(filters.actor.toLowerCase())}%`;
    query = query.where(sql<boolean>`lower(actor_email) like ${pattern} escape '\\'`);
  }
  if (filters.action) query = query.where("action", "=", filters.action);
  if (filters.entity) query = query.where("entity", "=", filters.entity);
  if (filters.entityId) query = query.where("entity_id", "=", filters.entityId);
  // `at` is an ISO 8601 instant in UTC on both engines, so text order is time order.
  if (filters.from) query = query.where("at", ">=", `${filters.from}T00:00:00.000Z`);
  if (filters.to) query = query.where("at", "<", dayAfter(filters.to));
  return query;
}

export interface AuditPageResult {
  entries: AuditLogTable[];
  hasNext: boolean;
}

/** One page of matching entries, newest first. */
export async function listAuditEntries(
  db: Kysely<DB>,
  filters: AuditFilters,
  page: number,
): Promise<AuditPageResult> {
  const rows = await filtered(db, filters)
    .selectAll()
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .limit(AUDIT_PAGE_SIZE + 1)
    .offset((page - 1) * AUDIT_PAGE_SIZE)
    .execute();
  return { entries: rows.slice(0, AUDIT_PAGE_SIZE), hasNext: rows.length > AUDIT_PAGE_SIZE };
}

/** Every matching entry, newest first (for the CSV export). */
export async function allAuditEntries(
  db: Kysely<DB>,
  filters: AuditFilters,
): Promise<AuditLogTable[]> {
  return filtered(db, filters).selectAll().orderBy("at", "desc").orderBy("id", "desc").execute();
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
