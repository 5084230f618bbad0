// The audit log's one owner: entries written in the transaction of each staff change, and read
// back as coalition admins filter them, newest first.
import { randomUUID } from "node:crypto";
import { type Kysely, type SelectQueryBuilder, sql } from "kysely";
import type { AuditLogTable, DB } from "../db/index.js";
import { AUDIT_PAGE_SIZE, type AuditChoices, type AuditFilters } from "./audit.schema.js";

export interface AuditEntry {
  actor: { id: string; email: string } | null;
  /** What was done, e.g. "application.accept". */
  action: string;
  /** The table or concept changed, e.g. "membership_application". */
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** Writes one entry; pass the transaction of the change so both commit or neither does. */
export async function recordAudit(
  trx: Kysely<DB>,
  entry: AuditEntry,
  now = new Date(),
): Promise<void> {
  await trx
    .insertInto("audit_log")
    .values({
      id: randomUUID(),
      at: now.toISOString(),
      actor_id: entry.actor?.id ?? null,
      actor_email: entry.actor?.email ?? null,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .execute();
}

/** The distinct actions and entities in the log: what the filter lists offer, and accept. */
export async function auditChoices(db: Kysely<DB>): Promise<AuditChoices> {
  const [actions, entities] = await Promise.all([
    db.selectFrom("audit_log").select("action").distinct().orderBy("action").execute(),
    db.selectFrom("audit_log").select("entity").distinct().orderBy("entity").execute(),
  ]);
  return { actions: actions.map((r) => r.action), entities: entities.map((r) => r.entity) };
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

/** When the newest entry of `action` on `entityId` was written (ISO), if there is one. */
export async function latestAuditAt(
  db: Kysely<DB>,
  action: string,
  entityId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom("audit_log")
    .select("at")
    .where("action", "=", action)
    .where("entity_id", "=", entityId)
    .orderBy("at", "desc")
    .limit(1)
    .executeTakeFirst();
  return row?.at;
}
