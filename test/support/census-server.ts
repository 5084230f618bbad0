// A local stand-in for the Census ACS 5-year API (shared/reference/government-apis.md), on
// 127.0.0.1 only. It answers as the real API does: a JSON table of strings with a header row;
// a redirect to a web page without a key and a web page for a wrong one; plain text with
// HTTP 400 for an unknown variable or geography; HTTP 204 for a geography without data; 404 for
// a year it has no dataset for. It can also be told to answer 429 or 500, or never to answer.
// The figures are made up for tests: they are not Census figures.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeFigures {
  name: string;
  /** B01003_001E and B05002_013E as the API sends them: strings, negative for "not available". */
  population: string;
  foreignBorn: string;
}

/** Made-up figures by year, then GEOID. GEOIDs absent from a year answer 204. */
export const FAKE_CENSUS_DATA: Record<number, Record<string, FakeFigures>> = {
  2023: {
    "3651000": { name: "New York city, New York", population: "8500000", foreignBorn: "3100000" },
    "24031": {
      name: "Montgomery County, Maryland",
      population: "1060000",
      foreignBorn: "350000",
    },
    // The Census's sentinel for an estimate that cannot be computed.
    "0644000": {
      name: "Los Angeles city, California",
      population: "3900000",
      foreignBorn: "-666666666",
    },
  },
  2022: {
    "3651000": { name: "New York city, New York", population: "8400000", foreignBorn: "3000000" },
    "24031": {
      name: "Montgomery County, Maryland",
      population: "1050000",
      foreignBorn: "340000",
    },
  },
};

const VARIABLES: Record<string, (f: FakeFigures) => string> = {
  B01003_001E: (f) => f.population,
  B05002_013E: (f) => f.foreignBorn,
};

/** How the next requests are answered: as the contract says, or with a failure. */
export type FakeBehaviour = "normal" | "rate-limited" | "server-error" | "hang";

export interface FakeCensusServer {
  /** The base URL to configure as CENSUS_API_URL, e.g. http://127.0.0.1:12345/data. */
  url: string;
  /** The key it accepts. */
  key: string;
  behaviour: FakeBehaviour;
  /** Every request's path and query, in order (with the key, to check it was sent). */
  requests: string[];
  close(): Promise<void>;
}

const INVALID_KEY_PAGE = `<!DOCTYPE html>
<html lang="en"><head><title>Invalid Key</title></head><body>
<div class="flex-container content"><div class="content-wrap center"><h1>Invalid Key</h1>
<p>A valid <em>key</em> must be included with each data API request. You included a key with
this request, however, it is not valid. Please check your key and try again.</p>
</div></div></body></html>
`;

const MISSING_KEY_PAGE = `<!DOCTYPE html>
<html lang="en"><head><title>Missing Key</title></head><body>
<h1>Missing Key</h1><p>A valid <em>key</em> must be included with each data API request.</p>
</body></html>
`;

function text(res: ServerResponse, status: number, body: string, type = "text/plain"): void {
  res.writeHead(status, { "content-type": `${type};charset=utf-8` });
  res.end(body);
}

export async function startCensusServer(
  options: { key?: string; data?: Record<number, Record<string, FakeFigures>> } = {},
): Promise<FakeCensusServer> {
  const key = options.key ?? "fakeCensusKey0123456789";
  const data = options.data ?? FAKE_CENSUS_DATA;

  function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    fake.requests.push(url.pathname + url.search);
    if (fake.behaviour === "hang") return; // never answers; close() ends the connection
    if (fake.behaviour === "rate-limited") {
      res.writeHead(429, { "retry-after": "30", "content-type": "text/plain" });
      return void res.end("Too Many Requests");
    }
    if (fake.behaviour === "server-error") {
      return text(res, 500, "There was an error while running your query.");
    }
    if (url.pathname === "/data/missing_key.html")
      return text(res, 200, MISSING_KEY_PAGE, "text/html");

    const match = /^\/data\/(\d{4})\/acs\/acs5$/.exec(url.pathname);
    if (!match) return text(res, 404, "error: unknown dataset");
    const givenKey = url.searchParams.get("key");
    if (!givenKey) {
      res.writeHead(302, { location: "/data/missing_key.html" });
      return void res.end();
    }
    if (givenKey !== key) return text(res, 200, INVALID_KEY_PAGE, "text/html");
    const yearData = data[Number(match[1])];
    if (!yearData) return text(res, 404, "error: unknown dataset");

    const get = (url.searchParams.get("get") ?? "").split(",");
    for (const variable of get) {
      if (variable !== "NAME" && !(variable in VARIABLES)) {
        return text(res, 400, `error: error: unknown variable '${variable}'`);
      }
    }
    const forClause = /^(place|county):(\d+)$/.exec(url.searchParams.get("for") ?? "");
    const inClause = /^state:(\d{2})$/.exec(url.searchParams.get("in") ?? "");
    if (!forClause || !inClause || forClause[2]?.length !== (forClause[1] === "place" ? 5 : 3)) {
      return text(res, 400, "error: unknown/unsupported geography hierarchy");
    }
    const [, level, code] = forClause as unknown as [string, string, string];
    const state = inClause[1] as string;
    const figures = yearData[state + code];
    if (!figures) {
      res.writeHead(204);
      return void res.end();
    }
    const header = [...get, "state", level];
    const row = [
      ...get.map((v) => (v === "NAME" ? figures.name : (VARIABLES[v]?.(figures) ?? ""))),
      state,
      code,
    ];
    // The real API puts each row on its own line.
    const body = `[${[header, row].map((r) => JSON.stringify(r)).join(",\n")}]`;
    return text(res, 200, body, "application/json");
  }

  const server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const fake: FakeCensusServer = {
    url: `http://127.0.0.1:${port}/data`,
    key,
    behaviour: "normal",
    requests: [],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return fake;
}
