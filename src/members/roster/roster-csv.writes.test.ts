import assert from "node:assert/strict";
import { before, it } from "node:test";
import { parse } from "csv-parse/sync";
import { describeEachDatabase } from "../../../test/support/app.js";
import { buildMember } from "../../../test/support/builders.js";
import { type Cells, csv, found, roster, row } from "../../../test/support/roster-csv.js";
import { exportRosterCsv } from "./roster.export.js";
import { applyRosterImport } from "./roster.import.js";
import { previewRosterImport } from "./roster.preview.js";
import { EXPORT_COLUMNS, RosterImportError } from "./roster.schema.js";

// Writing a roster file: updates, exports re-imported, formulas, all-or-nothing. The roster is
// built before the tests (no demo seed): three demo members (titles only, no executive's name,
// as the demo roster has them) and one real member.

describeEachDatabase("roster CSV import and export: writing", { seed: false }, (ctx) => {
  const db = () => ctx.database.db;

  before(async () => {
    const demo = { is_demo: 1, joined_on: "2015-01-01" };
    await buildMember(db(), {
      ...demo,
      geoid: "2507000",
      slug: "boston-ma",
      name: "Boston",
      state: "MA",
    });
    await buildMember(db(), {
      ...demo,
      geoid: "1714000",
      slug: "chicago-il",
      name: "Chicago",
      state: "IL",
    });
    await buildMember(db(), {
      ...demo,
      geoid: "5363000",
      slug: "seattle-wa",
      name: "Seattle",
      state: "WA",
    });
    await buildMember(db(), {
      geoid: "0820000",
      slug: "denver-co",
      name: "Denver",
      state: "CO",
      executive_name: "Mike Johnston",
      website: "https://www.denvergov.org",
    });
  });

  it("treats a GEOID on the roster as an update and derives unique slugs for new rows", async () => {
    const boston = await db()
      .selectFrom("jurisdictions")
      .selectAll()
      .where("geoid", "=", "2507000")
      .executeTakeFirstOrThrow();
    const text = csv([
      row({
        geoid: "2507000",
        name: "Boston",
        state: "MA",
        executive_name: "Michelle Wu",
        website: "https://www.boston.gov",
        joined_on: "2015-01-01",
      }),
      row({ geoid: "2743000", name: "Oakland", state: "MN" }), // the name gives oakland-mn
      row({ geoid: "2799999", name: "Nowhere", state: "MN" }), // not a Census place
    ]);
    const preview = await previewRosterImport(db(), text);
    assert.deepEqual(
      preview.rows.map((r) => [r.line, r.action, r.values.slug, r.changes.join(" ")]),
      [
        [2, "update", "boston-ma", "executive_name website is_demo"],
        [3, "insert", "oakland-mn", ""],
      ],
    );
    // Names that give the same slug: the later rows are numbered; a slug the file names is kept.
    const same = await previewRosterImport(
      db(),
      csv(
        [
          row({ geoid: "2706616", name: "Oakland", state: "MN" }),
          row({ geoid: "2707948", name: "Oakland!", state: "MN" }),
          row({ geoid: "2707966", name: "Brooklyn Park", state: "MN", slug: "oakland-mn-2" }),
        ],
        EXPORT_COLUMNS,
      ),
    );
    assert.deepEqual(
      same.rows.map((r) => r.values.slug),
      ["oakland-mn", "oakland-mn-3", "oakland-mn-2"],
    );
    const now = new Date("2026-03-01T00:00:00Z");
    const outcome = await applyRosterImport(db(), preview, { skipBadRows: true, now });
    assert.deepEqual(outcome, { inserted: 1, updated: 1, unchanged: 0, skipped: 1 });
    const after = await db()
      .selectFrom("jurisdictions")
      .selectAll()
      .where("geoid", "=", "2507000")
      .executeTakeFirstOrThrow();
    assert.deepEqual(after, {
      ...boston,
      executive_name: "Michelle Wu",
      website: "https://www.boston.gov",
      is_demo: 0,
      updated_at: now.toISOString(),
    });
  });

  it("re-importing an export changes nothing", async () => {
    const text = await exportRosterCsv(db());
    assert.ok(text.startsWith(`\uFEFF${EXPORT_COLUMNS.join(",")}\n`));
    const records: Cells[] = parse(text, { bom: true, columns: true });
    const order = records.map((r) => `${r.state} ${r.name}`);
    assert.deepEqual(order, [...order].sort());

    const before = await roster(db());
    const revision = await ctx.database.revision();
    const preview = await previewRosterImport(db(), text);
    // Demo members have no executive's name, so only they are reported; the rest are unchanged.
    const demo = await db()
      .selectFrom("jurisdictions")
      .select("geoid")
      .where("is_demo", "=", 1)
      .execute();
    assert.ok(demo.length > 0);
    assert.equal(preview.badLines.length, demo.length);
    assert.ok(preview.problems.every((p) => p.field === "executive_name" && p.code === "required"));
    assert.equal(preview.rows.length, records.length - demo.length);
    assert.ok(preview.rows.every((r) => r.action === "unchanged"));
    const outcome = await applyRosterImport(db(), preview, { skipBadRows: true });
    assert.deepEqual(outcome, {
      inserted: 0,
      updated: 0,
      unchanged: records.length - demo.length,
      skipped: demo.length,
    });
    assert.deepEqual(await roster(db()), before);
    assert.equal(await ctx.database.revision(), revision, "not even the data revision moves");
  });

  it("neutralises formulas on export and refuses them again on import", async () => {
    await buildMember(db(), {
      geoid: "4159000",
      slug: "hostile-or",
      name: "=1+2",
      state: "OR",
      executive_name: "@SUM(A1)",
      executive_title: "-Mayor",
      website: null,
    });
    try {
      const text = await exportRosterCsv(db());
      const line = text.split("\n").find((l) => l.startsWith("4159000,"));
      assert.equal(line, "4159000,'=1+2,city,OR,'@SUM(A1),'-Mayor,,member,2015-01-01,hostile-or");
      const preview = await previewRosterImport(db(), text);
      const lineNo = text.split("\n").indexOf(line) + 1;
      assert.deepEqual(
        found(preview).filter((p) => p.startsWith(`${lineNo}:`)),
        [
          `${lineNo}:name:formula`,
          `${lineNo}:executive_name:formula`,
          `${lineNo}:executive_title:formula`,
        ],
      );
    } finally {
      await db().deleteFrom("jurisdictions").where("geoid", "=", "4159000").execute();
    }
  });

  it("rolls back every write when one fails midway", async () => {
    const text = csv([
      row({ geoid: "1714000", name: "Chicago", state: "IL", executive_name: "Brandon Johnson" }),
      row({ geoid: "5363000", name: "Seattle", state: "WA", executive_name: "Katie Wilson" }),
      row({ geoid: "1701010", name: "Alsip", state: "IL" }),
    ]);
    const preview = await previewRosterImport(db(), text);
    assert.deepEqual(
      preview.rows.map((r) => r.action),
      ["update", "update", "insert"],
    );
    // The updates are written first; then the insert breaks the status CHECK constraint.
    const last = preview.rows[2];
    assert.ok(last);
    last.values = { ...last.values, status: "suspended" as never };
    const before = await roster(db());
    const progress: number[] = [];
    await assert.rejects(
      applyRosterImport(db(), preview, { onProgress: (done) => progress.push(done) }),
      (error: Error) =>
        error instanceof RosterImportError &&
        /could not write.*nothing was written/s.test(error.message),
    );
    assert.deepEqual(progress, [1, 2], "both updates ran before the failure");
    assert.deepEqual(await roster(db()), before);
  });

  it("refuses to write when the roster changed after the preview", async () => {
    const preview = await previewRosterImport(
      db(),
      csv([row({ geoid: "1701010", name: "Alsip", state: "IL" })]),
    );
    assert.equal(preview.rows[0]?.action, "insert");
    await buildMember(db(), { geoid: "1701010", slug: "alsip-elsewhere", state: "IL" });
    try {
      const before = await roster(db());
      await assert.rejects(applyRosterImport(db(), preview), /changed since the file was checked/);
      assert.deepEqual(await roster(db()), before);
    } finally {
      await db().deleteFrom("jurisdictions").where("geoid", "=", "1701010").execute();
    }
  });
});
