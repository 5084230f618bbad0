// The rate_limits table (owned by http/): one counter per route, client and window.
import { type Kysely, sql } from "kysely";
import { compiledOnce, type DB, groupedWrites } from "../db/index.js";

/** The counting upsert, built once (db/compiled-once.ts): it runs on every form post. */
const countHit = compiledOnce((db: Kysely<DB>, key: string, now: number, resetAt: number) =>
  db
    .insertInto("rate_limits")
    .values({ key, hits: 1, reset_at: resetAt })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({
        hits: sql<number>`case when rate_limits.reset_at <= ${now} then 1 else rate_limits.hits + 1 end`,
        reset_at: sql<number>`case when rate_limits.reset_at <= ${now} then ${resetAt} else rate_limits.reset_at end`,
      }),
    )
    .returning(["hits", "reset_at"]),
);

/** Counts one hit in `key`'s window (starting a new window when the last one is over). */
export async function hit(db: Kysely<DB>, key: string, timeWindow: number, now = Date.now()) {
  const resetAt = now + timeWindow;
  // On SQLite, hits made at the same moment share one commit (db/group-commit.ts).
  const row = await groupedWrites(db, async (writer) => {
    const [counted] = await countHit(writer, key, now, resetAt);
    // Windows long over are of no use to anyone: cleared now and then, not on every hit.
    if (Math.random() < 0.02) {
      await writer.deleteFrom("rate_limits").where("reset_at", "<", now).execute();
    }
    return counted;
  });
  if (!row) throw new Error("rate_limits: the upsert returned no row");
  return { current: Number(row.hits), ttl: Math.max(0, Number(row.reset_at) - now) };
}
