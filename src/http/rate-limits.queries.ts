// The rate_limits table (owned by http/): one counter per route, client and window.
import { type Kysely, sql } from "kysely";
import type { DB } from "../db/index.js";

/** Counts one hit in `key`'s window (starting a new window when the last one is over). */
export async function hit(db: Kysely<DB>, key: string, timeWindow: number, now = Date.now()) {
  const resetAt = now + timeWindow;
  const row = await db
    .insertInto("rate_limits")
    .values({ key, hits: 1, reset_at: resetAt })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({
        hits: sql<number>`case when rate_limits.reset_at <= ${now} then 1 else rate_limits.hits + 1 end`,
        reset_at: sql<number>`case when rate_limits.reset_at <= ${now} then ${resetAt} else rate_limits.reset_at end`,
      }),
    )
    .returning(["hits", "reset_at"])
    .executeTakeFirstOrThrow();
  // Windows long over are of no use to anyone: cleared now and then, not on every hit.
  if (Math.random() < 0.02) {
    await db.deleteFrom("rate_limits").where("reset_at", "<", now).execute();
  }
  return { current: Number(row.hits), ttl: Math.max(0, Number(row.reset_at) - now) };
}
