import assert from "node:assert/strict";
import { createServer } from "node:net";
import { after, before, beforeEach, describe, it } from "node:test";
import { inspect } from "node:util";
import { Command } from "commander";
import { describeEachDatabase } from "../../../test/support/app.js";
import { buildJurisdiction } from "../../../test/support/builders.js";
import { type FakeCensusServer, startCensusServer } from "../../../test/support/census-server.js";
import { createTestDatabase } from "../../../test/support/databases.js";
import { registerCensusCommand, runCensusRefresh } from "../../cli/census-command.js";
import { CliError } from "../../cli/errors.js";
import { openDatabase } from "../../db/index.js";
import { coalitionStats } from "../figures/coalition.service.js";
import {
  CensusApiError,
  type CensusClient,
  type CensusErrorKind,
  createCensusClient,
} from "./census.client.js";
import { acs5Source, acs5Vintage, refreshFigures } from "./refresh.service.js";

const KEY = "SecretCensusKey0123456789";
const VARIABLES = ["B01003_001E", "B05002_013E"] as const;

/** Every message and property of an error, as a log line would show it. */
function everything(error: unknown): string {
  return `${String(error)}\n${inspect(error, { depth: 5 })}\n${JSON.stringify(error)}`;
}

async function censusError(
  promise: Promise<unknown>,
  kind: CensusErrorKind,
  retryable: boolean,
): Promise<CensusApiError> {
  const error = await promise.then(
    () => assert.fail("expected a CensusApiError"),
    (e: unknown) => e,
  );
  assert.ok(error instanceof CensusApiError, String(error));
  assert.equal(error.kind, kind, error.message);
  assert.equal(error.retryable, retryable);
  assert.doesNotMatch(everything(error), new RegExp(KEY), "the key never shows in an error");
  return error;
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("the Census ACS 5-year client", () => {
  let fake: FakeCensusServer;
  let client: CensusClient;
  before(async () => {
    fake = await startCensusServer({ key: KEY });
    client = createCensusClient({ apiUrl: fake.url, apiKey: KEY, timeoutMs: 2000 });
  });
  after(() => fake.close());
  beforeEach(() => {
    fake.behaviour = "normal";
    fake.requests.length = 0;
  });

  it("asks for a place by GEOID as the contract says and parses the numbers", async () => {
    const record = await client.acs5(2023, { variables: VARIABLES, geography: "3651000" });
    assert.deepEqual(record, {
      geoid: "3651000",
      name: "New York city, New York",
      values: { B01003_001E: 8500000, B05002_013E: 3100000 },
    });
    assert.deepEqual(fake.requests, [
      `/data/2023/acs/acs5?get=NAME,B01003_001E,B05002_013E&for=place:51000&in=state:36&key=${KEY}`,
    ]);
  });

  it("asks for a county by GEOID, keeping the leading zeros", async () => {
    const record = await client.acs5(2022, {
      variables: VARIABLES,
      geography: { kind: "county", state: "24", county: "031" },
    });
    assert.equal(record.name, "Montgomery County, Maryland");
    assert.deepEqual(record.values, { B01003_001E: 1050000, B05002_013E: 340000 });
    assert.match(fake.requests[0] ?? "", /&for=county:031&in=state:24&/);
  });

  it("treats the Census's negative sentinels as missing", async () => {
    const record = await client.acs5(2023, { variables: VARIABLES, geography: "0644000" });
    assert.deepEqual(record.values, { B01003_001E: 3900000, B05002_013E: null });
  });

  it("reports an unknown variable with the API's plain-text message", async () => {
    const error = await censusError(
      client.acs5(2023, { variables: ["B99999_001E"], geography: "3651000" }),
      "bad_request",
      false,
    );
    assert.equal(error.status, 400);
    assert.match(error.message, /unknown variable 'B99999_001E'/);
  });

  it("reports a geography without data (204)", async () => {
    const error = await censusError(
      client.acs5(2023, { variables: VARIABLES, geography: "1714000" }),
      "no_data",
      false,
    );
    assert.match(error.message, /no data for ACS 5-year 2023 for place 1714000/);
  });

  it("reports a year without a dataset (404)", async () => {
    await censusError(
      client.acs5(2015, { variables: VARIABLES, geography: "3651000" }),
      "unknown_dataset",
      false,
    );
  });

  it("reports a wrong key (a web page) and a missing one (a redirect) as an invalid key", async () => {
    const wrongKey = `${KEY}x`;
    const wrong = createCensusClient({ apiUrl: fake.url, apiKey: wrongKey });
    const error = await censusError(
      wrong.acs5(2023, { variables: VARIABLES, geography: "3651000" }),
      "invalid_key",
      false,
    );
    assert.match(error.message, /refused the key.*CENSUS_API_KEY/);
    assert.doesNotMatch(everything(error), new RegExp(wrongKey));

    const missing = createCensusClient({ apiUrl: fake.url, apiKey: "" });
    const redirected = await censusError(
      missing.acs5(2023, { variables: VARIABLES, geography: "3651000" }),
      "invalid_key",
      false,
    );
    assert.equal(redirected.status, 302);
    assert.equal(fake.requests.length, 2, "the redirect is not followed");
  });

  it("flags 429 and 5xx as retryable", async () => {
    fake.behaviour = "rate-limited";
    const limited = await censusError(
      client.acs5(2023, { variables: VARIABLES, geography: "3651000" }),
      "rate_limited",
      true,
    );
    assert.equal(limited.retryAfterSeconds, 30);
    fake.behaviour = "server-error";
    const failed = await censusError(
      client.acs5(2023, { variables: VARIABLES, geography: "3651000" }),
      "unavailable",
      true,
    );
    assert.equal(failed.status, 500);
  });

  it("gives up on an API that does not answer", async () => {
    fake.behaviour = "hang";
    const impatient = createCensusClient({ apiUrl: fake.url, apiKey: KEY, timeoutMs: 200 });
    const error = await censusError(
      impatient.acs5(2023, { variables: VARIABLES, geography: "3651000" }),
      "timeout",
      true,
    );
    assert.match(error.message, /did not answer within 0\.2 s/);
  });

  it("reports an unreachable API", async () => {
    const port = await closedPort();
    const unreachable = createCensusClient({
      apiUrl: `http://127.0.0.1:${port}/data`,
      apiKey: KEY,
    });
    const error = await censusError(
      unreachable.acs5(2023, { variables: VARIABLES, geography: "3651000" }),
      "network",
      true,
    );
    assert.match(error.message, /ECONNREFUSED/);
  });

  it("reports other non-JSON answers as an invalid key and odd tables as bad answers", async () => {
    const answering = (body: string, status = 200) =>
      createCensusClient({
        apiUrl: "http://127.0.0.1:9/data",
        apiKey: KEY,
        fetch: async () => new Response(body, { status }),
      });
    await censusError(
      answering("Sorry, something went wrong").acs5(2023, {
        variables: VARIABLES,
        geography: "24031",
      }),
      "invalid_key",
      false,
    );
    await censusError(
      answering("").acs5(2023, { variables: VARIABLES, geography: "24031" }),
      "no_data",
      false,
    );
    await censusError(
      answering('{"error": "x"}').acs5(2023, { variables: VARIABLES, geography: "24031" }),
      "bad_response",
      false,
    );
    await censusError(
      answering('[["NAME","B01003_001E","state","county"],["X County","many","24","031"]]').acs5(
        2023,
        { variables: ["B01003_001E"], geography: "24031" },
      ),
      "bad_response",
      false,
    );
    await censusError(
      answering('[["NAME","B01003_001E","state","county"]]').acs5(2023, {
        variables: ["B01003_001E"],
        geography: "24031",
      }),
      "no_data",
      false,
    );
    // The API's text is quoted in a 400, but never a key it might echo.
    const echoed = await censusError(
      answering(`error: bad key=${KEY}`, 400).acs5(2023, {
        variables: VARIABLES,
        geography: "24031",
      }),
      "bad_request",
      false,
    );
    assert.match(echoed.message, /bad key=\[key\]/);
  });

  it("refuses malformed input without asking", async () => {
    for (const geography of ["123", "36510001", "36-5100", ""]) {
      await assert.rejects(client.acs5(2023, { variables: VARIABLES, geography }), RangeError);
    }
    await assert.rejects(
      client.acs5(2023, {
        variables: VARIABLES,
        geography: { kind: "place", state: "36", place: "510" },
      }),
      RangeError,
    );
    await assert.rejects(
      client.acs5(2023, { variables: ["B01003_001E&x=1"], geography: "24031" }),
      RangeError,
    );
    await assert.rejects(
      client.acs5(1999, { variables: VARIABLES, geography: "24031" }),
      RangeError,
    );
    assert.equal(fake.requests.length, 0);
  });
});

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
    await db
      .insertInto("jurisdictions")
      .values([
        buildJurisdiction({ geoid: "3651000", slug: "new-york-ny" }),
        buildJurisdiction({ geoid: "24031", slug: "montgomery-md", kind: "county", state: "MD" }),
        buildJurisdiction({ geoid: "0644000", slug: "los-angeles-ca", state: "CA" }),
      ])
      .execute();
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
    await database.db
      .insertInto("jurisdictions")
      .values([
        buildJurisdiction({ geoid: "3651000", slug: "new-york-ny" }),
        buildJurisdiction({ geoid: "1714000", slug: "chicago-il", state: "IL" }),
        buildJurisdiction({ geoid: "24031", slug: "montgomery-md", status: "applicant" }),
      ])
      .execute();
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
