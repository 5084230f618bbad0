// Every query on the `outbox` table (mail/ owns it): what mail.ts writes as it accepts and
// delivers messages, and what staff read of it (the latest messages, those that failed for good).
import type { Insertable, Kysely, Selectable } from "kysely";
import type { DB, OutboxStatus, OutboxTable } from "../db/index.js";

/** One message as the outbox page reads it: never its sealed copy, secret included. */
export type OutboxMessage = Omit<Selectable<OutboxTable>, "sealed_body">;

const PAGE_COLUMNS = [
  "id",
  "kind",
  "to_address",
  "subject",
  "text_body",
  "secret_removed_at",
  "locale",
  "status",
  "attempts",
  "last_error",
  "created_at",
  "sent_at",
] as const;

/** How many messages the outbox page shows, newest first. */
export const OUTBOX_PAGE_SIZE = 200;

/** Writes one message, in `db` or the caller's transaction. */
export async function insertMessage(db: Kysely<DB>, row: Insertable<OutboxTable>): Promise<void> {
  await db.insertInto("outbox").values(row).execute();
}

/** What a delivery needs of message `id`; undefined when there is none. */
export async function messageToDeliver(db: Kysely<DB>, id: string) {
  return db
    .selectFrom("outbox")
    .select([
      "to_address",
      "subject",
      "text_body",
      "sealed_body",
      "secret_removed_at",
      "locale",
      "status",
      "attempts",
    ])
    .where("id", "=", id)
    .executeTakeFirst();
}

/**
 * Records the outcome (or the start) of a delivery attempt on message `id`; `wipeSecret` drops
 * its encrypted copy with the one-time secret, for good.
 */
export async function updateDelivery(
  db: Kysely<DB>,
  id: string,
  change: {
    status: OutboxStatus;
    attempts?: number;
    lastError?: string;
    sentAt?: string;
    wipeSecret?: boolean;
  },
): Promise<void> {
  await db
    .updateTable("outbox")
    .set((eb) => ({
      status: change.status,
      ...(change.attempts !== undefined ? { attempts: change.attempts } : {}),
      ...(change.lastError !== undefined ? { last_error: change.lastError } : {}),
      ...(change.sentAt !== undefined ? { sent_at: change.sentAt } : {}),
      ...(change.wipeSecret
        ? {
            sealed_body: null,
            secret_removed_at: eb.fn.coalesce(
              "secret_removed_at",
              eb.val(new Date().toISOString()),
            ),
          }
        : {}),
    }))
    .where("id", "=", id)
    .execute();
}

/** How many messages of `kind` to `to` were written after `since` (an ISO instant). */
export async function countRecentMails(
  db: Kysely<DB>,
  { to, kind, since }: { to: string; kind: string; since: Date },
): Promise<number> {
  const row = await db
    .selectFrom("outbox")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("to_address", "=", to)
    .where("kind", "=", kind)
    .where("created_at", ">", since.toISOString())
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The latest messages, newest first. */
export async function latestMessages(
  db: Kysely<DB>,
  limit = OUTBOX_PAGE_SIZE,
): Promise<OutboxMessage[]> {
  return db
    .selectFrom("outbox")
    .select(PAGE_COLUMNS)
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
}

/** Messages given up on (status `failed`), newest first. */
export async function failedMessages(
  db: Kysely<DB>,
  limit = OUTBOX_PAGE_SIZE,
): Promise<OutboxMessage[]> {
  return db
    .selectFrom("outbox")
    .select(PAGE_COLUMNS)
    .where("status", "=", "failed")
    .orderBy("created_at", "desc")
    .orderBy("id")
    .limit(limit)
    .execute();
}

/** Messages given up on (status `failed`): what the admin front page counts as needing attention. */
export async function countFailedMessages(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom("outbox")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("status", "=", "failed")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Puts failed message `id` back in the queue; false unless it was `failed` (so of two submits
 * only one re-queues it).
 */
export async function requeueFailedMessage(db: Kysely<DB>, id: string): Promise<boolean> {
  const result = await db
    .updateTable("outbox")
    .set({ status: "queued" })
    .where("id", "=", id)
    .where("status", "=", "failed")
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}
