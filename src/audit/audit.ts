// The audit log: every change staff make is recorded in the same transaction as the change.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB } from "../db/index.js";

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
