import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { Command } from "commander";
import { describeEachDatabase } from "../../../test/support/app.js";
import { buildMember } from "../../../test/support/builders.js";
import { type FakeCensusServer, startCensusServer } from "../../../test/support/census-server.js";
import { createTestDatabase } from "../../../test/support/databases.js";
import { registerCensusCommand, runCensusRefresh } from "../../cli/census-command.js";
import { CliError } from "../../cli/errors.js";
import { openDatabase } from "../../db/index.js";
import { coalitionStats } from "../figures/coalition.service.js";
import { type CensusClient, createCensusClient } from "./census.client.js";
import { acs5Source, acs5Vintage, refreshFigures } from "./refresh.service.js";

const KEY = "SecretCensusKey0123456789";
const _VARIABLES = ["B01003_001E", "B05002_013E"] as const;

describeEachDatabase("refreshing members' Census figures", { seed: false }, (ctx) => {
  let fake: FakeCensusServer;
  let client: CensusClient;
  before(async () => {
    fake = await startCensusServer({ key: KEY });
    client = createCensusClient({ apiUrl: fake.url, apiKey: KEY, timeoutMs: 2000 });
  });
  after(() => fake.close());
  beforeEach(async () => {
    fake.behaviour = "normal";
    fake.requests.length = 0;
    const db = ctx.database.db;
    await db.deleteFrom("census_figures").where("source", "like", "%(Census Data API)%").execute();
    await db.deleteFrom("jurisdictions").execute();
    await buildMember(db, { geoid: "3651000", slug: "new-york-ny" });
    await buildMember(db, { geoid: "24031", slug: "montgomery-md", kind: "county", state: "MD" });
    await buildMember(db, { geoid: "0644000", slug: "los-angeles-ca", state: "CA" });
  });

  /** The newest figure of a measure before the refresh (from the shipped snapshots). */
  async function newestValue(geoid: string, measure: "population" | "foreign_born") {
    const row = await ctx.database.db
      .selectFrom("census_figures")
      .select(["value", "year"])
      .where("geoid", "=", geoid)
      .where("measure", "=", measure)
      .orderBy("year", "desc")
      .executeTakeFirstOrThrow();
    return row;
  }

  it("writes the figures with their vintage, goes on after failures, and the stats use them", async () => {
    const db = ctx.database.db;
    const laForeignBorn = await newestValue("0644000", "foreign_born");
    assert.ok(laForeignBorn.year < 2023, "the snapshots hold an older LA foreign-born figure");
    const seen: string[] = [];

    const results = await refreshFigures(db, client, {
      year: 2023,
      geoids: ["3651000", "1714000", "123", "24031", "0644000", "3651000"],
      delayMs: 0,
      onResult: (r) => seen.push(r.geoid),
    });
    assert.deepEqual(
      results.map((r) => [r.geoid, r.ok ? "ok" : r.kind]),
      [
        ["3651000", "ok"],
        ["1714000", "no_data"],
        ["123", "invalid_geoid"],
        ["24031", "ok"],
        ["0644000", "ok"],
      ],
    );
    assert.deepEqual(seen, ["3651000", "1714000", "123", "24031", "0644000"]);
    assert.equal(fake.requests.length, 4, "one request per valid distinct GEOID");
    const la = results[4];
    assert.ok(la?.ok);
    assert.deepEqual(la.missing, ["foreign_born"]);

    const rows = await db
      .selectFrom("census_figures")
      .selectAll()
      .where("vintage", "=", "ACS 5-year 2019-2023")
      .orderBy("geoid")
      .orderBy("measure")
      .execute();
    const source =
      "U.S. Census Bureau, ACS 5-year 2023 (Census Data API), tables B01003 and B05002";
    assert.equal(acs5Source(2023), source);
    assert.deepEqual(rows, [
      {
        geoid: "0644000",
        measure: "population",
        value: 3900000,
        vintage: acs5Vintage(2023),
        year: 2023,
        source,
        is_estimate: 0,
      },
      {
        geoid: "24031",
        measure: "foreign_born",
        value: 350000,
        vintage: "ACS 5-year 2019-2023",
        year: 2023,
        source,
        is_estimate: 0,
      },
      {
        geoid: "24031",
        measure: "population",
        value: 1060000,
        vintage: "ACS 5-year 2019-2023",
        year: 2023,
        source,
        is_estimate: 0,
      },
      {
        geoid: "3651000",
        measure: "foreign_born",
        value: 3100000,
        vintage: "ACS 5-year 2019-2023",
        year: 2023,
        source,
        is_estimate: 0,
      },
      {
        geoid: "3651000",
        measure: "population",
        value: 8500000,
        vintage: "ACS 5-year 2019-2023",
        year: 2023,
        source,
        is_estimate: 0,
      },
    ]);

    const expected = {
      population: 8500000 + 1060000 + 3900000,
      foreignBorn: 3100000 + 350000 + laForeignBorn.value,
    };
    let stats = await coalitionStats(db);
    assert.equal(stats.population, expected.population);
    assert.equal(stats.foreignBorn, expected.foreignBorn);
    const acs = stats.sources.filter((s) => s.vintage === "ACS 5-year 2019-2023");
    assert.deepEqual(
      acs.map((s) => [s.measure, s.members, s.source, s.estimated]),
      [
        ["foreign_born", 2, source, false],
        ["population", 3, source, false],
      ],
    );

    // An older vintage fetched later is stored beside, but the stats keep the newer one.
    await refreshFigures(db, client, { year: 2022, geoids: ["3651000", "24031"], delayMs: 0 });
    const older = await db
      .selectFrom("census_figures")
      .select(["geoid", "measure", "value"])
      .where("vintage", "=", "ACS 5-year 2018-2022")
      .execute();
    assert.equal(older.length, 4);
    stats = await coalitionStats(db);
    assert.equal(stats.population, expected.population);
    assert.equal(stats.foreignBorn, expected.foreignBorn);
  });

  it("updates the figures of a vintage fetched again", async () => {
    const db = ctx.database.db;
    await refreshFigures(db, client, { year: 2023, geoids: ["24031"], delayMs: 0 });
    const revised: CensusClient = {
      acs5: async (_year, query) => ({
        geoid: "24031",
        name: "Montgomery County, Maryland",
        values: Object.fromEntries(query.variables.map((v) => [v, 1234567])) as never,
      }),
    };
    const [result] = await refreshFigures(db, revised, { year: 2023, geoids: ["24031"] });
    assert.ok(result?.ok);
    const rows = await db
      .selectFrom("census_figures")
      .select(["measure", "value"])
      .where("geoid", "=", "24031")
      .where("vintage", "=", "ACS 5-year 2019-2023")
      .orderBy("measure")
      .execute();
    assert.deepEqual(rows, [
      { measure: "foreign_born", value: 1234567 },
      { measure: "population", value: 1234567 },
    ]);
  });

  it("stops asking once the key is refused, and reports every GEOID", async () => {
    const wrong = createCensusClient({ apiUrl: fake.url, apiKey: "WrongKey12345678" });
    const results = await refreshFigures(ctx.database.db, wrong, {
      year: 2023,
      geoids: ["3651000", "24031", "0644000"],
      delayMs: 0,
    });
    assert.deepEqual(
      results.map((r) => (r.ok ? "ok" : r.kind)),
      ["invalid_key", "not_tried", "not_tried"],
    );
    assert.equal(fake.requests.length, 1);
    for (const r of results) assert.doesNotMatch(JSON.stringify(r), /WrongKey12345678/);
  });

  it("refuses a year with no ACS 5-year estimates", async () => {
    await assert.rejects(
      refreshFigures(ctx.database.db, client, { year: 2008, geoids: ["24031"] }),
      RangeError,
    );
    await assert.rejects(
      refreshFigures(ctx.database.db, client, { year: 2100, geoids: ["24031"] }),
      RangeError,
    );
  });
});

describe("cfa census refresh", () => {
  let fake: FakeCensusServer;
  let drop: (() => Promise<void>) | undefined;
  const saved = { ...process.env };
  before(async () => {
    fake = await startCensusServer({ key: KEY });
    const testDb = await createTestDatabase("sqlite");
    drop = testDb.drop;
    const settings = testDb.settings;
    assert.equal(settings.kind, "sqlite");
    const database = openDatabase(settings);
    await buildMember(database.db, { geoid: "3651000", slug: "new-york-ny" });
    await buildMember(database.db, { geoid: "1714000", slug: "chicago-il", state: "IL" });
    await buildMember(database.db, {
      geoid: "24031",
      slug: "montgomery-md",
      kind: "county",
      status: "applicant",
    });
    await database.close();
    delete process.env.DATABASE_URL;
    delete process.env.CENSUS_API_KEY;
    process.env.SQLITE_PATH = settings.kind === "sqlite" ? settings.path : "";
    process.env.CENSUS_API_URL = fake.url;
  });
  after(async () => {
    process.env = saved;
    await fake.close();
    await drop?.();
  });

  it("needs CENSUS_API_KEY", async () => {
    const program = new Command("cfa").exitOverride();
    registerCensusCommand(program);
    await assert.rejects(
      program.parseAsync(["census", "refresh"], { from: "user" }),
      (e: unknown) => e instanceof CliError && /CENSUS_API_KEY is not set/.test(e.message),
    );
    assert.equal(fake.requests.length, 0);
  });

  it("refreshes every member, printing a line each, and fails when one failed", async () => {
    process.env.CENSUS_API_KEY = KEY;
    const lines: string[] = [];
    await assert.rejects(
      runCensusRefresh({ year: 2023, member: [], delay: 0 }, (line) => lines.push(line)),
      (e: unknown) => e instanceof CliError && /1 of 2 GEOID\(s\) not refreshed/.test(e.message),
    );
    assert.deepEqual(lines, [
      "refreshing 2 member(s) from the Census ACS 5-year 2019-2023 estimates",
      "  chicago-il (1714000): failed: the Census API has no data for ACS 5-year 2023 for place 1714000",
      "  new-york-ny (3651000): population 8,500,000; foreign-born 3,100,000",
    ]);
    assert.doesNotMatch(lines.join("\n"), new RegExp(KEY));
  });

  it("refreshes the members named, of any status, and refuses unknown slugs", async () => {
    process.env.CENSUS_API_KEY = KEY;
    const lines: string[] = [];
    const results = await runCensusRefresh(
      { year: 2023, member: ["montgomery-md"], delay: 0 },
      (line) => lines.push(line),
    );
    assert.equal(results.length, 1);
    assert.equal(lines.at(-1), "refreshed 1 GEOID(s)");
    await assert.rejects(
      runCensusRefresh({ year: 2023, member: ["atlantis"], delay: 0 }, () => {}),
      /no member with slug "atlantis"/,
    );
  });

  it("parses its options", async () => {
    const program = new Command("cfa").exitOverride().configureOutput({ writeErr: () => {} });
    registerCensusCommand(program);
    await assert.rejects(
      program.parseAsync(["census", "refresh", "--year", "twenty"], { from: "user" }),
      /--year takes a whole number/,
    );
    await assert.rejects(
      program.parseAsync(["census", "refresh", "--year", "2001"], { from: "user" }),
      /--year: the ACS 5-year year must be from 2009/,
    );
  });
});
