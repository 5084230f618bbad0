import assert from "node:assert/strict";
import { beforeEach, it } from "node:test";
import { describeEachDatabase } from "../../../test/support/app.js";
import { buildCensusFigure, buildMember, jurisdictionRow } from "../../../test/support/builders.js";
import type { NewJurisdiction } from "../../db/index.js";
import { coalitionStats } from "./coalition.service.js";

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
      overlaps: [],
    });
  });

  it("add up members' newest figures, by hand-checked numbers from census/", async () => {
    const db = ctx.database.db;
    // New York City (place 3651000) and Montgomery County, MD (county 24031), from the shipped
    // snapshots: 8,550,405 + 1,026,371 people; 3,212,500 + 334,697 (an estimate) foreign-born.
    await buildMember(db, {
      geoid: "3651000",
      slug: "nyc",
      updated_at: "2026-02-01T00:00:00.000Z",
    });
    await buildMember(db, { geoid: "24031", slug: "montgomery", kind: "county", state: "MD" });
    await buildMember(db, { geoid: "0644000", slug: "la", status: "applicant" });
    await buildMember(db, { geoid: "4835000", slug: "houston", status: "former" });
    await buildMember(db, { geoid: "0673080", slug: "south-gate", is_demo: 1 });
    /** A figure of the ACS 2015 (source "test") unless told otherwise. */
    const figure = (overrides: Parameters<typeof buildCensusFigure>[1]) =>
      buildCensusFigure(db, { vintage: "ACS 2015", year: 2015, source: "test", ...overrides });
    await figure({ geoid: "3651000", value: 8550405 });
    await figure({ geoid: "3651000", measure: "foreign_born", value: 3212500 });
    // An older vintage of the same measure is ignored in favour of the newest.
    await figure({ geoid: "3651000", value: 8175133, vintage: "Census 2010", year: 2010 });
    await figure({ geoid: "24031", value: 1026371, vintage: "ACS 5-year 2012-2016", year: 2016 });
    await figure({
      geoid: "24031",
      measure: "foreign_born",
      value: 334697,
      vintage: "ACS 5-year 2012-2016",
      year: 2016,
      is_estimate: 1,
    });
    // Applicants and former members are not counted.
    await figure({ geoid: "0644000", value: 3971896 });
    await figure({ geoid: "4835000", value: 2298628 });

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
      "overlaps",
      "population",
      "sources",
    ]);
    assert.equal(body.population, 9576776);
    assert.equal(body.foreignBorn, 3547197);
    // New York City lies in no Maryland county: nothing to take out.
    assert.deepEqual(body.overlaps, []);
  });
});

// Each resident is counted once. These use the figures loaded from census/ as they
// are; every number below was computed by hand from the CSV files, the arithmetic beside it:
//   2020 population of a place or county = Σ pop2020_in_part of its rows in
//     place_county_relationship_2020.csv (a county's rows include its 99999 "not in a place" row);
//   foreign-born of a place = foreign_born in places_65k_acs2015_foreign_born.csv (ACS 2015);
//   foreign-born of a county = foreign_born_est in counties_acs2012_2016_foreign_born.csv.
describeEachDatabase("coalition figures, each resident counted once", { seed: false }, (ctx) => {
  /** The row of a member with the real GEOID given (5 digits: a county), not inserted. */
  const row = (geoid: string, name: string, overrides: Partial<NewJurisdiction> = {}) =>
    jurisdictionRow({ geoid, name, slug: `m-${geoid}`, ...overrides });
  /** Puts a member with the real GEOID given on the roster (5 digits: a county). */
  const member = (geoid: string, name: string, overrides: Partial<NewJurisdiction> = {}) =>
    buildMember(ctx.app, {
      geoid,
      name,
      kind: geoid.length === 5 ? "county" : "city",
      slug: `m-${geoid}`,
      ...overrides,
    });

  beforeEach(async () => {
    await ctx.database.db.deleteFrom("jurisdictions").execute();
    await ctx.database.db.deleteFrom("census_figures").where("source", "=", "test").execute();
  });

  it("take a member city out of the member county it lies in (Los Angeles)", async () => {
    const db = ctx.database.db;
    await member("0644000", "Los Angeles");
    await member("06037", "Los Angeles County", { state: "CA" });
    const stats = await coalitionStats(db);
    // Los Angeles city 0644000: one part, in county 06037, 3,898,747 people, share 1.
    // Los Angeles County 06037, 2020: Σ parts = 10,014,009.
    // People: 3,898,747 + 10,014,009 − 3,898,747 (the part's 2020 count) = 10,014,009.
    assert.equal(stats.population, 10014009);
    // Foreign-born: 1,485,425 (city, ACS 2015) + 3,474,305 (county, ACS 2012-2016)
    //   − 1,485,425 × 1 = 3,474,305.
    assert.equal(stats.foreignBorn, 3474305);
    assert.deepEqual(stats.overlaps, [
      {
        placeGeoid: "0644000",
        placeName: "Los Angeles",
        countyGeoid: "06037",
        countyName: "Los Angeles County",
        shareOfPlace: 1,
        population: 3898747,
        foreignBorn: 1485425,
        method: "census_2020_part",
        capped: false,
      },
    ]);
    // The newest figure per member: the 2020 Census for people, the ACS for foreign-born.
    assert.deepEqual(
      stats.sources.map((s) => [s.measure, s.vintage, s.members, s.estimated]),
      [
        ["foreign_born", "ACS 2015", 1, false],
        ["foreign_born", "ACS 5-year 2012-2016", 1, true],
        ["population", "2020 Census", 2, false],
      ],
    );
    const res = await ctx.app.inject({ url: "/api/v1/coalition/stats" });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().population, 10014009);
    assert.deepEqual(res.json().overlaps, stats.overlaps);
  });

  it("take out only the part of a city split across counties that lies in a member county (Houston)", async () => {
    const db = ctx.database.db;
    await member("4835000", "Houston", { state: "TX" });
    await member("48157", "Fort Bend County", { state: "TX" });
    // Houston 4835000, 2020: Fort Bend 48157 42,369 (share 0.0184) + Harris 48201 2,255,442
    //   (0.9787) + Montgomery 48339 6,769 (0.0029) = 2,304,580. Fort Bend County 2020: 822,779.
    // People: 2,304,580 + 822,779 − 42,369 = 3,084,990.
    // Foreign-born: 696,210 (Houston) + 185,044 (Fort Bend) − round(696,210 × 0.0184 =
    //   12,810.264) = 881,254 − 12,810 = 868,444.
    let stats = await coalitionStats(db);
    assert.equal(stats.population, 3084990);
    assert.equal(stats.foreignBorn, 868444);
    assert.deepEqual(
      stats.overlaps.map((o) => [o.countyGeoid, o.shareOfPlace, o.population, o.foreignBorn]),
      [["48157", 0.0184, 42369, 12810]],
    );

    // Harris County joins too: its part of Houston comes out as well.
    await member("48201", "Harris County", { state: "TX" });
    // Harris County 2020: 4,731,145; foreign-born 1,138,017.
    // People: 2,304,580 + 822,779 + 4,731,145 − 42,369 − 2,255,442 = 5,560,693.
    // Foreign-born: 696,210 + 185,044 + 1,138,017 − 12,810 − round(696,210 × 0.9787 =
    //   681,380.727) = 2,019,271 − 12,810 − 681,381 = 1,325,080.
    stats = await coalitionStats(db);
    assert.equal(stats.population, 5560693);
    assert.equal(stats.foreignBorn, 1325080);
    assert.deepEqual(
      stats.overlaps.map((o) => [o.countyGeoid, o.population, o.foreignBorn, o.method]),
      [
        ["48157", 42369, 12810, "census_2020_part"],
        ["48201", 2255442, 681381, "census_2020_part"],
      ],
    );
  });

  it("apply the 2020 share to a city's newer figure from another survey", async () => {
    const db = ctx.database.db;
    await member("4835000", "Houston", { state: "TX" });
    await member("48157", "Fort Bend County", { state: "TX" });
    // A made-up newer figure for Houston (source "test"), so the newest is not the 2020 Census.
    await buildCensusFigure(db, {
      geoid: "4835000",
      value: 2300000,
      vintage: "Test 2023",
      year: 2023,
      source: "test",
    });
    // People: 2,300,000 + 822,779 − round(2,300,000 × 0.0184 = 42,320) = 3,080,459.
    const stats = await coalitionStats(db);
    assert.equal(stats.population, 3080459);
    assert.deepEqual(
      stats.overlaps.map((o) => [o.population, o.method]),
      [[42320, "share_of_place"]],
    );
  });

  it("count a consolidated city-county once (San Francisco)", async () => {
    const db = ctx.database.db;
    await member("0667000", "San Francisco", { kind: "city_county", state: "CA" });
    await member("06075", "San Francisco County", { state: "CA" });
    // San Francisco city 0667000 = county 06075: one part, 873,965 people, share 1 (both ways).
    // People: 873,965 + 873,965 − 873,965 = 873,965, the city's people once.
    // Foreign-born: city 297,199 (ACS 2015), county 296,849 (ACS 2012-2016 estimate). The overlap
    //   297,199 × 1 is more than the county's own 296,849, so only 296,849 is removed:
    //   297,199 + 296,849 − 296,849 = 297,199.
    const stats = await coalitionStats(db);
    assert.equal(stats.population, 873965);
    assert.equal(stats.foreignBorn, 297199);
    assert.deepEqual(
      stats.overlaps.map((o) => [o.population, o.foreignBorn, o.capped]),
      [[873965, 296849, true]],
    );
  });

  it("are the plain sum when no member city lies in a member county", async () => {
    const db = ctx.database.db;
    await member("0668000", "San Jose", { state: "CA" });
    await member("06037", "Los Angeles County", { state: "CA" });
    await member("0644000", "Los Angeles", { status: "applicant" });
    // San Jose 0668000 lies wholly in Santa Clara County 06085 (1,013,240 people in 2020).
    // People: 1,013,240 + 10,014,009 = 11,027,249. Foreign-born: 401,493 + 3,474,305 = 3,875,798.
    const stats = await coalitionStats(db);
    assert.equal(stats.population, 11027249);
    assert.equal(stats.foreignBorn, 3875798);
    assert.deepEqual(stats.overlaps, []);
  });

  it("compute a roster of 500 in a few queries, not one per member", async () => {
    const db = ctx.database.db;
    // 450 places of 65,000+ and 50 counties, as many overlaps as the data gives.
    const places = await db
      .selectFrom("census_figures")
      .select("geoid")
      .where("vintage", "=", "ACS 2015")
      .where("measure", "=", "population")
      .orderBy("geoid")
      .limit(450)
      .execute();
    const counties = await db
      .selectFrom("place_county_parts")
      .select("county_geoid")
      .where(
        "place_geoid",
        "in",
        places.map((p) => p.geoid),
      )
      .groupBy("county_geoid")
      .orderBy("county_geoid")
      .limit(50)
      .execute();
    await db
      .insertInto("jurisdictions")
      .values([
        ...places.map((p) => row(p.geoid, p.geoid)),
        ...counties.map((c) => row(c.county_geoid, c.county_geoid)),
      ])
      .execute();
    let queries = 0;
    const counted = db.withPlugin({
      transformQuery: (args) => {
        queries += 1;
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    const started = performance.now();
    const stats = await coalitionStats(counted);
    const elapsed = performance.now() - started;
    assert.equal(stats.members, 500);
    assert.ok(stats.overlaps.length >= 50, `${stats.overlaps.length} overlaps`);
    assert.ok(queries <= 3, `${queries} queries`);
    // A generous bound (it takes a few ms on SQLite): it catches a query per member, not noise.
    if (ctx.kind === "sqlite") assert.ok(elapsed < 250, `${elapsed.toFixed(1)} ms`);
  });
});
