import assert from "node:assert/strict";
import { beforeEach, it } from "node:test";
import { describeEachDatabase } from "../../test/support/app.js";
import { buildFigure, buildJurisdiction } from "../../test/support/builders.js";
import { coalitionStats } from "./members.queries.js";

describeEachDatabase("coalition figures", { seed: false }, (ctx) => {
  beforeEach(async () => {
    await ctx.database.db.deleteFrom("census_figures").execute();
    await ctx.database.db.deleteFrom("jurisdictions").execute();
  });

  it("are zero with an empty roster", async () => {
    const res = await ctx.app.inject({ url: "/api/v1/coalition/stats" });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), {
      members: 0,
      population: 0,
      foreignBorn: 0,
      asOf: null,
      sources: [],
      membersWithoutFigures: 0,
      demoMembers: 0,
    });
  });

  it("add up members' newest figures, by hand-checked numbers from census/", async () => {
    const db = ctx.database.db;
    // New York City (place 3651000) and Montgomery County, MD (county 24031), from the shipped
    // snapshots: 8,550,405 + 1,026,371 people; 3,212,500 + 334,697 (an estimate) foreign-born.
    await db
      .insertInto("jurisdictions")
      .values([
        buildJurisdiction({
          geoid: "3651000",
          slug: "nyc",
          updated_at: "2026-02-01T00:00:00.000Z",
        }),
        buildJurisdiction({ geoid: "24031", slug: "montgomery", kind: "county", state: "MD" }),
        buildJurisdiction({ geoid: "0644000", slug: "la", status: "applicant" }),
        buildJurisdiction({ geoid: "4835000", slug: "houston", status: "former" }),
        buildJurisdiction({ geoid: "0673080", slug: "south-gate", is_demo: 1 }),
      ])
      .execute();
    await db
      .insertInto("census_figures")
      .values([
        buildFigure({ geoid: "3651000", value: 8550405 }),
        buildFigure({ geoid: "3651000", measure: "foreign_born", value: 3212500 }),
        // An older vintage of the same measure is ignored in favour of the newest.
        buildFigure({ geoid: "3651000", value: 8175133, vintage: "Census 2010", year: 2010 }),
        buildFigure({
          geoid: "24031",
          value: 1026371,
          vintage: "ACS 5-year 2012-2016",
          year: 2016,
        }),
        buildFigure({
          geoid: "24031",
          measure: "foreign_born",
          value: 334697,
          vintage: "ACS 5-year 2012-2016",
          year: 2016,
          is_estimate: 1,
        }),
        // Applicants and former members are not counted.
        buildFigure({ geoid: "0644000", value: 3971896 }),
        buildFigure({ geoid: "4835000", value: 2298628 }),
      ])
      .execute();

    const stats = await coalitionStats(db);
    assert.equal(stats.members, 3);
    assert.equal(stats.population, 9576776);
    assert.equal(stats.foreignBorn, 3547197);
    assert.equal(stats.membersWithoutFigures, 1, "South Gate has no figure here");
    assert.equal(stats.demoMembers, 1);
    assert.equal(stats.asOf, "2026-02-01");
    assert.deepEqual(
      stats.sources.map((s) => [s.measure, s.vintage, s.members, s.estimated]),
      [
        ["foreign_born", "ACS 2015", 1, false],
        ["foreign_born", "ACS 5-year 2012-2016", 1, true],
        ["population", "ACS 2015", 1, false],
        ["population", "ACS 5-year 2012-2016", 1, false],
      ],
    );

    const res = await ctx.app.inject({ url: "/api/v1/coalition/stats" });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers["content-type"]), /application\/json/);
    const body = res.json();
    assert.deepEqual(Object.keys(body).sort(), [
      "asOf",
      "demoMembers",
      "foreignBorn",
      "members",
      "membersWithoutFigures",
      "population",
      "sources",
    ]);
    assert.equal(body.population, 9576776);
    assert.equal(body.foreignBorn, 3547197);
  });
});
