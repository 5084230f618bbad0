import assert from "node:assert/strict";
import { it } from "node:test";
import { describeEachDatabase } from "../../test/support/app.js";
import { figureRow, jurisdictionRow } from "../../test/support/builders.js";
import { openDatabase } from "./database.js";

describeEachDatabase("data revision", { seed: false }, (ctx) => {
  it("rises on every insert, update and delete of a tracked table, from any connection", async () => {
    const db = ctx.database.db;
    const other = openDatabase(ctx.app.config.database); // as another process would
    try {
      const steps: [string, () => Promise<unknown>][] = [
        [
          "insert jurisdiction",
          () =>
            db
              .insertInto("jurisdictions")
              .values(jurisdictionRow({ geoid: "3651000" }))
              .execute(),
        ],
        [
          "insert figure",
          () =>
            db
              .insertInto("census_figures")
              .values(figureRow({ geoid: "9999999" }))
              .execute(),
        ],
        [
          "update from another connection",
          () => other.db.updateTable("jurisdictions").set({ name: "NYC" }).execute(),
        ],
        [
          "insert block",
          () =>
            other.db
              .insertInto("content_blocks")
              .values({ key: "k", locale: "en", body: "b", is_demo: 0, updated_at: "x" })
              .execute(),
        ],
        ["delete figure", () => db.deleteFrom("census_figures").execute()],
      ];
      let last = await ctx.database.revision();
      for (const [label, step] of steps) {
        await step();
        const now = await ctx.database.revision();
        assert.ok(now > last, `${label}: ${now} > ${last}`);
        assert.equal(await other.revision(), now, `${label}: both connections agree`);
        last = now;
      }
      await db.selectFrom("jurisdictions").selectAll().execute();
      assert.equal(await ctx.database.revision(), last, "reads do not change it");
    } finally {
      await other.close();
    }
  });
});
