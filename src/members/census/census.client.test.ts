import assert from "node:assert/strict";
import { createServer } from "node:net";
import { after, before, beforeEach, describe, it } from "node:test";
import { inspect } from "node:util";
import { type FakeCensusServer, startCensusServer } from "../../../test/support/census-server.js";
import {
  CensusApiError,
  type CensusClient,
  type CensusErrorKind,
  createCensusClient,
} from "./census.client.js";

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
