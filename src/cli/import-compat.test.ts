// Dumps made by an earlier version of the site: columns added since (ADDED_LATER in
// export-import.ts) may be missing, and import as null on both databases.
import assert from "node:assert/strict";
import { it } from "node:test";
import { describeEachDatabase } from "../../test/support/app.js";
import { jurisdictionRow } from "../../test/support/builders.js";
import { importData, type Row } from "./export-import.js";

describeEachDatabase("cfa import of older dumps", { seed: false }, (ctx) => {
  it("imports a dump made before the office columns existed, with no office", async () => {
    const db = ctx.database.db;
    const old = jurisdictionRow({ geoid: "2507000", slug: "boston-ma" }) as Row;
    for (const column of Object.keys(old)) if (column.startsWith("office_")) delete old[column];
    const outcome = await importData(db, {
      format: "cfa-export",
      version: 1,
      exportedAt: "",
      tables: { jurisdictions: [old] },
    });
    assert.equal(outcome.inserted.jurisdictions, 1);
    const row = await db
      .selectFrom("jurisdictions")
      .select(["office_name", "office_description"])
      .where("slug", "=", "boston-ma")
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { office_name: null, office_description: null });
  });
});
