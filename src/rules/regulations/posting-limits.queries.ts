// regulations_posts: its one owner. Regulations.gov lets a key post 50 comments a minute and 500
// an hour, and does not raise that on request; every process on the database keeps the limits
// together by reserving a slot here, one row per comment, before it posts.
//
// A reservation counts the rows of the last minute and hour and adds its own under a named lock
// (db/dialect.ts `lockNamed`), so two processes can never both see room for the 50th post.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { type DB, lockNamed } from "../../db/index.js";

export const POSTS_PER_MINUTE = 50;
export const POSTS_PER_HOUR = 500;
const MINUTE = 60_000;
const HOUR = 3_600_000;

export type PostingSlot = { ok: true } | { ok: false; retryAt: Date };

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * When the window of `windowMs` ending at `now` has room again: null if it has room now, else
 * when the `limit`-th newest post in it leaves it (sliding window: a post at t counts until
 * t + windowMs).
 */
async function fullUntil(
  trx: Kysely<DB>,
  now: number,
  windowMs: number,
  limit: number,
): Promise<number | null> {
  const oldestThatCounts = await trx
    .selectFrom("regulations_posts")
    .select("posted_at")
    // Rows "from the future" count too: another process's clock may run ahead of ours.
    .where("posted_at", ">", iso(now - windowMs))
    .orderBy("posted_at", "desc")
    .offset(limit - 1)
    .limit(1)
    .executeTakeFirst();
  return oldestThatCounts ? Date.parse(oldestThatCounts.posted_at) + windowMs : null;
}

/**
 * Reserves the right to post one comment at `now` (ms), within 50 a minute and 500 an hour over
 * every process sharing the database; otherwise says when to try again. Posts older than an hour
 * are deleted on the way.
 */
export async function reservePostingSlot(
  db: Kysely<DB>,
  now: number = Date.now(),
): Promise<PostingSlot> {
  return db.transaction().execute(async (trx) => {
    await lockNamed(trx, "regulations_posts");
    // Keeps the table to the hour that counts.
    await trx
      .deleteFrom("regulations_posts")
      .where("posted_at", "<=", iso(now - HOUR))
      .execute();
    const minute = await fullUntil(trx, now, MINUTE, POSTS_PER_MINUTE);
    const hour = await fullUntil(trx, now, HOUR, POSTS_PER_HOUR);
    if (minute !== null || hour !== null) {
      return { ok: false, retryAt: new Date(Math.max(minute ?? 0, hour ?? 0)) };
    }
    await trx
      .insertInto("regulations_posts")
      .values({ id: randomUUID(), posted_at: iso(now) })
      .execute();
    return { ok: true };
  });
}

/** Posts counted at `now` in the last minute and hour (for pages and tests). */
export async function postingCounts(
  db: Kysely<DB>,
  now: number = Date.now(),
): Promise<{ minute: number; hour: number }> {
  const count = async (windowMs: number) => {
    const row = await db
      .selectFrom("regulations_posts")
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .where("posted_at", ">", iso(now - windowMs))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  return { minute: await count(MINUTE), hour: await count(HOUR) };
}
