import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { describeEachDatabase } from "../../../test/support/app.js";
import { buildMember } from "../../../test/support/builders.js";
import { csv, found, roster, row } from "../../../test/support/roster-csv.js";
import { applyRosterImport } from "./roster.import.js";
import { previewRosterImport } from "./roster.preview.js";
import {
  EXPORT_COLUMNS,
  MAX_FILE_BYTES,
  ROSTER_COLUMNS,
  RosterImportError,
  showValue,
} from "./roster.schema.js";

// Checking a roster file: every problem with its line and field. The roster is built before
// the tests (no demo seed): one member, whose slug a row of the file tries to take.

describe("roster CSV helpers", () => {
  it("shows values without control characters", () => {
    assert.equal(showValue("a\u0007b\u009b\u202e"), '"a\\u0007b\\u009b\\u202e"');
    assert.equal(showValue("x".repeat(100), 10), `"${"x".repeat(9)}…"`);
  });
});

describeEachDatabase("roster CSV import: checking the file", { seed: false }, (ctx) => {
  const db = () => ctx.database.db;

  before(async () => {
    await buildMember(db(), { geoid: "3651000", slug: "new-york-ny", name: "New York City" });
  });

  it("checks every row, reports each problem with its line and field, and writes nothing", async () => {
    const script = "<script>alert(1)</script>";
    const text = csv([
      row(), // 2: good
      row({ geoid: "9999999", name: "Nowhere" }), // 3
      row({ geoid: "2743000", name: "Minneapolis", state: "MN" }), // 4
      row({ geoid: "2743000", name: "Minneapolis again", state: "MN" }), // 5
      row({
        geoid: "4805000",
        name: "Austin",
        state: "TX",
        executive_name: "",
        executive_title: "",
      }), // 6
      row({ geoid: "55025", name: "Dane\u0007 County", kind: "county", state: "WI" }), // 7
      row({
        geoid: "17031",
        name: "Cook County",
        kind: "county",
        state: "IL",
        executive_name: '=HYPERLINK("https://evil.example","Click me")',
      }), // 8
      row({ geoid: "1701010", name: "A".repeat(10_000), state: "IL" }), // 9
      row({ geoid: "5506300", name: `${script}${"x".repeat(96)}`, state: "WI" }), // 10: 121 chars
      row({ geoid: "0668000", name: `${script} San Jose`, website: "" }), // 11: good, HTML as text
      row({
        geoid: "1235000",
        name: "+Jacksonville",
        state: "GA",
        joined_on: "2015-02-30",
        website: "javascript:alert(1)",
      }), // 12: several problems in one row
    ]);
    const before = await roster(db());
    const preview = await previewRosterImport(db(), text);

    assert.equal(preview.total, 11);
    assert.equal(preview.fileProblem, false);
    assert.deepEqual(preview.badLines, [3, 4, 5, 6, 7, 8, 9, 10, 12]);
    assert.deepEqual(
      preview.rows.map((r) => [r.line, r.action, r.values.slug]),
      [
        [2, "insert", "oakland-ca"],
        [11, "insert", "script-alert-1-script-san-jose-ca"],
      ],
    );
    assert.deepEqual(found(preview), [
      "3:geoid:unknown_geoid",
      "4:geoid:duplicate_geoid",
      "5:geoid:duplicate_geoid",
      "6:executive_title:required",
      "6:executive_name:required",
      "7:name:control_characters",
      "8:executive_name:formula",
      "9:name:too_long",
      "10:name:too_long",
      "12:name:formula",
      "12:joined_on:invalid_date",
      "12:website:invalid_website",
      "12:state:state_mismatch",
    ]);
    const messages = new Map(preview.problems.map((p) => [`${p.line}:${p.field}`, p.message]));
    assert.match(messages.get("4:geoid") ?? "", /lines 4, 5/);
    assert.match(messages.get("9:name") ?? "", /10000 characters long; at most 120/);
    assert.match(messages.get("12:state") ?? "", /Jacksonville city, FL\) is in FL, not GA/);
    for (const p of preview.problems) assert.doesNotMatch(p.message, /\p{Cc}/u);

    await assert.rejects(
      applyRosterImport(db(), preview),
      (error: Error) =>
        error instanceof RosterImportError &&
        /9 rows have problems; nothing was written/.test(error.message) &&
        error.problems.length === preview.problems.length,
    );
    assert.deepEqual(await roster(db()), before, "nothing is written");

    // --skip-bad-rows: the two good rows, nothing else.
    const onRoster = (await db().selectFrom("jurisdictions").select("geoid").execute()).map(
      (j) => j.geoid,
    );
    const outcome = await applyRosterImport(db(), preview, {
      skipBadRows: true,
      now: new Date("2026-02-01T00:00:00Z"),
    });
    assert.deepEqual(outcome, { inserted: 2, updated: 0, unchanged: 0, skipped: 9 });
    const added = await db()
      .selectFrom("jurisdictions")
      .selectAll()
      .where("geoid", "not in", onRoster)
      .orderBy("geoid")
      .execute();
    assert.deepEqual(
      added.map((j) => [j.geoid, j.name, j.created_at, j.updated_at, j.website]),
      [
        [
          "0653000",
          "Oakland",
          "2026-02-01T00:00:00.000Z",
          "2026-02-01T00:00:00.000Z",
          "https://www.oaklandca.gov",
        ],
        [
          "0668000",
          `${script} San Jose`,
          "2026-02-01T00:00:00.000Z",
          "2026-02-01T00:00:00.000Z",
          null,
        ],
      ],
    );
    assert.equal((await roster(db())).length, before.length + 2);
  });

  it("checks formats, the Census geography and slugs", async () => {
    const text = csv(
      [
        row({ geoid: "653000" }), // 2: a spreadsheet dropped the zero
        row({ geoid: "4805000", name: "Austin", kind: "county", state: "tx" }), // 3
        row({ geoid: "17031", name: "Cook", kind: "city", state: "IL" }), // 4
        row({ geoid: "17031", name: "Cook", kind: "city_county", state: "IL", slug: "Cook" }), // 5
        row({ geoid: "55025", name: "Dane", kind: "County", state: "WI", status: "pending" }), // 6
        row({ geoid: "2743000", name: "Minneapolis", state: "MN", slug: "new-york-ny" }), // 7
        row({
          geoid: "5506300",
          name: "Belleville\u202e",
          state: "WI",
          website: "https://a.gov@evil.example",
        }), // 8
        row({
          geoid: "1701010",
          name: "Alsip",
          state: "IL",
          status: "applicant",
          executive_name: "",
        }), // 9: fine
        row({ geoid: "4865000", name: "Bexar", kind: "town", state: "TX", joined_on: "1/2/2015" }), // 10
      ],
      EXPORT_COLUMNS,
    );
    const preview = await previewRosterImport(db(), text);
    assert.deepEqual(found(preview), [
      "2:geoid:invalid_geoid",
      "3:kind:kind_mismatch",
      "4:kind:kind_mismatch",
      "4:geoid:duplicate_geoid",
      "5:slug:invalid_slug",
      "5:geoid:duplicate_geoid",
      "6:status:invalid_status",
      "7:slug:slug_taken",
      "8:name:control_characters",
      "8:website:invalid_website",
      "10:kind:invalid_kind",
      "10:joined_on:invalid_date",
    ]);
    assert.match(preview.problems[0]?.message ?? "", /leading zero \("0653000"\?\)/);
    assert.deepEqual(
      preview.rows.map((r) => [r.line, r.values.slug, r.values.status, r.values.executive_name]),
      [[9, "alsip-il", "applicant", null]],
    );
  });

  it("refuses a whole file that is too large, not CSV or lacks columns", async () => {
    const cases: [string, string][] = [
      ["x".repeat(MAX_FILE_BYTES + 1), "0::file_too_large"],
      ["", "0::missing_columns"],
      ["geoid;name;kind\n1;2;3\n", "1::missing_columns"],
      ["geoid,name,name\n", "1::duplicate_column"],
      [`${ROSTER_COLUMNS.join(",")}\n"0653000,Oakland\n`, "2::csv_syntax"],
    ];
    for (const [text, expected] of cases) {
      const preview = await previewRosterImport(db(), text);
      assert.equal(preview.fileProblem, true, expected);
      assert.ok(found(preview).includes(expected), `${expected}: ${found(preview).join(" ")}`);
      await assert.rejects(
        applyRosterImport(db(), preview, { skipBadRows: true }),
        RosterImportError,
      );
    }
    const semicolons = await previewRosterImport(db(), "geoid;name;kind\n");
    assert.match(semicolons.problems[0]?.message ?? "", /not semicolons/);
  });

  it("reads what spreadsheets write: BOM, CRLF, quoted lines, blank and empty rows, extra columns", async () => {
    const text =
      "\uFEFFnotes,geoid,name,kind,state,executive_name,executive_title,website,status,joined_on\r\n" +
      `"two\r\nlines",2743000,Minneapolis,city,MN,Jacob Frey,Mayor,,member,\r\n` +
      "\r\n" +
      ",,,,,,,,,\r\n" +
      "x,9999999,Nowhere,city,MN,A,Mayor,,member,\r\n";
    const preview = await previewRosterImport(db(), text);
    assert.deepEqual(preview.ignoredColumns, ["notes"]);
    assert.equal(preview.total, 2);
    assert.deepEqual(found(preview), ["6:geoid:unknown_geoid"]);
    assert.equal(preview.rows[0]?.line, 2);
  });
});
