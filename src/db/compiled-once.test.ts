import assert from "node:assert/strict";
import { it } from "node:test";
import { sql } from "kysely";
import { describeEachDatabase } from "../../test/support/app.js";
import { compiledOnce } from "./compiled-once.js";

describeEachDatabase("queries compiled once", { seed: false }, (ctx) => {
  const db = () => ctx.database.db;

  it("runs with each call's values, an argument used twice and constants kept", async () => {
    const blocks = compiledOnce((d, key: string, body: string) =>
      d
        .insertInto("content_blocks")
        .values({ key, locale: "en", body, is_demo: 0, updated_at: "t" })
        .onConflict((oc) => oc.columns(["key", "locale"]).doUpdateSet({ body }))
        .returning(["key", "locale", "body"]),
    );
    assert.deepEqual(await blocks(db(), "a", "first"), [{ key: "a", locale: "en", body: "first" }]);
    assert.deepEqual(await blocks(db(), "b", "second"), [
      { key: "b", locale: "en", body: "second" },
    ]);
    assert.deepEqual(await blocks(db(), "a", "again"), [{ key: "a", locale: "en", body: "again" }]);
    // In a transaction too, with the same compiled text.
    await db()
      .transaction()
      .execute(async (trx) => {
        await blocks(trx, "c", "in a transaction");
      });
    const rows = await db()
      .selectFrom("content_blocks")
      .select(["key", "body"])
      .where("key", "in", ["a", "b", "c"])
      .orderBy("key")
      .execute();
    assert.deepEqual(rows, [
      { key: "a", body: "again" },
      { key: "b", body: "second" },
      { key: "c", body: "in a transaction" },
    ]);
  });

  it("refuses a query whose argument is not a whole parameter of its own", async () => {
    const joined = compiledOnce((d, key: string) =>
      d.selectFrom("content_blocks").select("key").where("key", "=", `prefix-${key}`),
    );
    await assert.rejects(joined(db(), "a"), /argument 0 is not a parameter/);
    const inlined = compiledOnce((d, key: string) =>
      d.selectFrom("content_blocks").select("key").where("key", "=", sql.lit(key)),
    );
    await assert.rejects(inlined(db(), "a"), /not a parameter/);
  });
});
