// What staff read of the outbox (mail.ts writes and delivers it): the latest messages, and how
// many failed for good.
import type { Kysely, Selectable } from "kysely";
import type { DB, OutboxTable } from "../db/index.js";

/** One message as the outbox page reads it. */
export type OutboxMessage = Selectable<OutboxTable>;

/** How many messages the outbox page shows, newest first. */
export const OUTBOX_PAGE_SIZE = 200;

/** The latest messages, newest first. */
export async function latestMessages(
  db: Kysely<DB>,
  limit = OUTBOX_PAGE_SIZE,
): Promise<OutboxMessage[]> {
  return db.selectFrom("outbox").selectAll().orderBy("created_at", "desc").limit(limit).execute();
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
