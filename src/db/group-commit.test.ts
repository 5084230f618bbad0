import assert from "node:assert/strict";
import { it } from "node:test";
import type { Kysely } from "kysely";
import { describeEachDatabase } from "../../test/support/app.js";
import { openDatabase } from "./database.js";
import { groupedTransaction } from "./group-commit.js";
import type { DB } from "./types.js";

describeEachDatabase("grouped transactions", { seed: false }, (ctx) => {
  const db = () => ctx.database.db;
  const write = (trx: Kysely<DB>, key: string, body: string) =>
    trx
      .insertInto("content_blocks")
      .values({ key, locale: "en", body, is_demo: 0, updated_at: "t" })
      .execute();
  const bodies = async (prefix: string) =>
    (
      await db()
        .selectFrom("content_blocks")
        .select(["key", "body"])
        .where("key", "like", `${prefix}%`)
        .orderBy("key")
        .execute()
    ).map((r) => `${r.key}=${r.body}`);

  it("answers each with its own result or error; a failing one leaves the others written", async () => {
    await write(db(), "g1-0", "there before");
    const outcomes = await Promise.allSettled([
      groupedTransaction(db(), async (trx) => {
        await write(trx, "g1-a", "one");
        return "first";
      }),
      groupedTransaction(db(), async (trx) => {
        await write(trx, "g1-b", "two");
        // Written, then refused: none of it may stay.
        throw new Error("refused after writing");
      }),
      groupedTransaction(db(), async (trx) => {
        // Sees what the one before it in the group wrote.
        const seen = await trx
          .selectFrom("content_blocks")
          .select("key")
          .where("key", "=", "g1-a")
          .executeTakeFirst();
        await write(trx, "g1-c", seen ? "saw a" : "saw nothing");
        return "third";
      }),
      // A constraint broken by a statement of its own: rolled back alone.
      groupedTransaction(db(), (trx) => write(trx, "g1-0", "duplicate")),
    ]);
    assert.deepEqual(
      outcomes.map((o) => (o.status === "fulfilled" ? o.value : "rejected")),
      ["first", "rejected", "third", "rejected"],
    );
    const refused = outcomes[1];
    assert.equal(
      refused?.status === "rejected" && (refused.reason as Error).message,
      "refused after writing",
    );
    const written = await bodies("g1-");
    assert.deepEqual(written.slice(0, 2), ["g1-0=there before", "g1-a=one"]);
    // SQLite runs them one after another in one transaction; PostgreSQL side by side.
    if (ctx.kind === "sqlite") assert.equal(written[2], "g1-c=saw a");
    assert.equal(written.length, 3);
  });

  it("writes many at once, each committed when it is answered", async (t) => {
    const keys = Array.from({ length: 150 }, (_, i) => `g2-${String(i).padStart(3, "0")}`);
    const other = openDatabase(ctx.app.config.database); // as another process would
    t.after(() => other.close());
    await Promise.all(
      keys.map((key) =>
        groupedTransaction(db(), async (trx) => {
          await write(trx, key, "x");
          // Answered only once committed: another connection already sees it.
          return key;
        }).then(async (answered) => {
          const seen = await other.db
            .selectFrom("content_blocks")
            .select("key")
            .where("key", "=", answered)
            .executeTakeFirst();
          assert.equal(seen?.key, answered);
        }),
      ),
    );
    assert.equal((await bodies("g2-")).length, keys.length);
  });
});
