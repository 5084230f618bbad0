// A small client for the Census Bureau's ACS 5-year API (see shared/reference/government-apis.md):
// one geography per request, answers parsed into numbers, every failure a CensusApiError whose
// kind says what went wrong. The key goes into the request only: never into a message or a log.

/** A place (state + place FIPS, GEOID of 7 digits) or a county (state + county, 5 digits). */
export type CensusGeography =
  | { readonly kind: "place"; readonly state: string; readonly place: string }
  | { readonly kind: "county"; readonly state: string; readonly county: string };

/** The geography a GEOID names: 7 digits for a place, 5 for a county. */
export function geographyFromGeoid(geoid: string): CensusGeography {
  if (/^\d{7}$/.test(geoid))
    return { kind: "place", state: geoid.slice(0, 2), place: geoid.slice(2) };
  if (/^\d{5}$/.test(geoid)) {
    return { kind: "county", state: geoid.slice(0, 2), county: geoid.slice(2) };
  }
  throw new RangeError(
    `not a GEOID: ${JSON.stringify(geoid.slice(0, 20))} (expected 7 digits for a place, 5 for a county)`,
  );
}

function checkGeography(geography: CensusGeography): void {
  const code = geography.kind === "place" ? geography.place : geography.county;
  const digits = geography.kind === "place" ? 5 : 3;
  if (!/^\d{2}$/.test(geography.state) || !new RegExp(`^\\d{${digits}}$`).test(code)) {
    throw new RangeError(`not a ${geography.kind} code: ${JSON.stringify(geography).slice(0, 80)}`);
  }
}

export function geoidOf(geography: CensusGeography): string {
  return geography.state + (geography.kind === "place" ? geography.place : geography.county);
}

export type CensusErrorKind =
  /** HTTP 400: unknown variable or geography; the API's own text follows. */
  | "bad_request"
  /** HTTP 404: no such dataset, e.g. ACS 5-year estimates of a year not yet published. */
  | "unknown_dataset"
  /** HTTP 204 or an empty answer: the API has no data for that geography. */
  | "no_data"
  /** A redirect, a web page or another non-JSON answer: how the API refuses a missing or wrong key. */
  | "invalid_key"
  /** HTTP 429. */
  | "rate_limited"
  /** HTTP 5xx. */
  | "unavailable"
  | "timeout"
  /** The API could not be reached at all (connection refused, DNS, reset). */
  | "network"
  /** JSON, but not the table the contract promises. */
  | "bad_response";

const RETRYABLE: ReadonlySet<CensusErrorKind> = new Set([
  "rate_limited",
  "unavailable",
  "timeout",
  "network",
]);

export class CensusApiError extends Error {
  override readonly name = "CensusApiError";
  /** True when the same request may succeed later (429, 5xx, timeout, network). */
  readonly retryable: boolean;

  constructor(
    readonly kind: CensusErrorKind,
    message: string,
    /** The HTTP status, when there was an answer. */
    readonly status?: number,
    /** From a 429's Retry-After header, when it gave seconds. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.retryable = RETRYABLE.has(kind);
  }
}

export interface AcsQuery<V extends string> {
  /** Variable codes such as B01003_001E; NAME is always asked for as well. */
  variables: readonly V[];
  /** A geography, or the GEOID of one. */
  geography: CensusGeography | string;
}

export interface AcsRecord<V extends string> {
  geoid: string;
  /** The Census name, e.g. "New York city, New York". */
  name: string;
  /** Each variable's value; null where the Census has none (it answers a negative sentinel). */
  values: Record<V, number | null>;
}

export interface CensusClient {
  /** Variables of one geography from the ACS 5-year estimates ending in `year`. */
  acs5<V extends string>(year: number, query: AcsQuery<V>): Promise<AcsRecord<V>>;
}

export interface CensusClientOptions {
  /** Base URL without a trailing slash, e.g. https://api.census.gov/data. */
  apiUrl: string;
  apiKey: string;
  fetch?: typeof fetch;
  /** Milliseconds for the whole request, answer body included (default 30 s). */
  timeoutMs?: number;
}

const VARIABLE = /^[A-Z][A-Z0-9_]{0,39}$/;
/** The API takes at most 50 variables a request, NAME included. */
const MAX_VARIABLES = 49;
/** The first ACS 5-year estimates cover 2005-2009. */
const FIRST_ACS5_YEAR = 2009;

export function createCensusClient(options: CensusClientOptions): CensusClient {
  const apiUrl = options.apiUrl.replace(/\/+$/, "");
  const host = new URL(apiUrl).host;
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const key = options.apiKey;

  /** Text from the API, made safe for a message: no key, no control characters, short. */
  function clean(text: string): string {
    const withoutKey = key ? text.split(key).join("[key]") : text;
    const flat = withoutKey.replace(/\p{Cc}+/gu, " ").trim();
    return flat.length > 300 ? `${flat.slice(0, 299)}…` : flat;
  }

  return {
    async acs5<V extends string>(year: number, query: AcsQuery<V>): Promise<AcsRecord<V>> {
      if (!Number.isInteger(year) || year < FIRST_ACS5_YEAR || year > 2100) {
        throw new RangeError(`not an ACS 5-year year: ${year}`);
      }
      const variables = [...new Set(query.variables)];
      if (variables.length === 0 || variables.length > MAX_VARIABLES) {
        throw new RangeError(`ask for 1 to ${MAX_VARIABLES} variables`);
      }
      for (const v of variables) {
        if (!VARIABLE.test(v) || v === "NAME") {
          throw new RangeError(`not a Census variable code: ${JSON.stringify(v.slice(0, 40))}`);
        }
      }
      const geography =
        typeof query.geography === "string" ? geographyFromGeoid(query.geography) : query.geography;
      checkGeography(geography);
      const geoid = geoidOf(geography);
      const what = `ACS 5-year ${year} for ${geography.kind} ${geoid}`;
      const forClause =
        geography.kind === "place" ? `place:${geography.place}` : `county:${geography.county}`;
      // Every part but the key is checked to be letters, digits, _ and : above.
      const url =
        `${apiUrl}/${year}/acs/acs5?get=NAME,${variables.join(",")}` +
        `&for=${forClause}&in=state:${geography.state}&key=${encodeURIComponent(key)}`;

      let status: number;
      let headers: Headers;
      let body: string;
      try {
        const response = await doFetch(url, {
          headers: { accept: "application/json" },
          // A refused key is answered with a redirect to a web page: see it rather than follow it.
          redirect: "manual",
          signal: AbortSignal.timeout(timeoutMs),
        });
        status = response.status;
        headers = response.headers;
        body = await response.text();
      } catch (error) {
        const name = error instanceof Error ? error.name : "";
        if (name === "TimeoutError" || name === "AbortError") {
          throw new CensusApiError(
            "timeout",
            `the Census API did not answer within ${timeoutMs / 1000} s (${what})`,
          );
        }
        // The cause (e.g. ECONNREFUSED) is named but not attached: it could carry the URL.
        const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
        const code = typeof cause?.code === "string" ? ` (${cause.code})` : "";
        throw new CensusApiError("network", `could not reach the Census API at ${host}${code}`);
      }

      if (status === 204) {
        throw new CensusApiError("no_data", `the Census API has no data for ${what}`, status);
      }
      if ((status >= 300 && status < 400) || status === 401 || status === 403) {
        throw invalidKey(what, status);
      }
      if (status === 404) {
        throw new CensusApiError(
          "unknown_dataset",
          `the Census API has no ACS 5-year dataset for ${year} (HTTP 404)`,
          status,
        );
      }
      if (status === 400) {
        const text = clean(body) || `HTTP ${status}`;
        throw new CensusApiError(
          "bad_request",
          `the Census API rejected the request for ${what}: ${text}`,
          status,
        );
      }
      if (status === 429) {
        const retryAfter = Number(headers.get("retry-after"));
        throw new CensusApiError(
          "rate_limited",
          `the Census API asks to slow down (HTTP 429) for ${what}`,
          status,
          Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : undefined,
        );
      }
      if (status >= 500) {
        throw new CensusApiError(
          "unavailable",
          `the Census API failed (HTTP ${status}) for ${what}`,
          status,
        );
      }
      if (status < 200 || status >= 300) {
        throw new CensusApiError(
          "bad_response",
          `unexpected HTTP ${status} from the Census API for ${what}`,
          status,
        );
      }
      if (headers.has("x-datawebapi-keyerror")) throw invalidKey(what, status);
      if (body.trim() === "") {
        throw new CensusApiError("no_data", `the Census API has no data for ${what}`, status);
      }
      let table: unknown;
      try {
        table = JSON.parse(body);
      } catch {
        throw invalidKey(what, status);
      }
      return parseTable(table, variables, geography, what, status);
    },
  };
}

function invalidKey(what: string, status: number): CensusApiError {
  return new CensusApiError(
    "invalid_key",
    `the Census API refused the key (it answered a web page, not data, for ${what}): ` +
      "check CENSUS_API_KEY, and that the key was activated from the Census Bureau's e-mail",
    status,
  );
}

function isStringRow(row: unknown): row is (string | null)[] {
  return Array.isArray(row) && row.every((cell) => cell === null || typeof cell === "string");
}

/** The header row plus data rows the API answers, reduced to the one row of `geography`. */
function parseTable<V extends string>(
  table: unknown,
  variables: readonly V[],
  geography: CensusGeography,
  what: string,
  status: number,
): AcsRecord<V> {
  const bad = (detail: string) =>
    new CensusApiError(
      "bad_response",
      `the Census API answered an unexpected table for ${what}: ${detail}`,
      status,
    );
  if (!Array.isArray(table) || !table.every(isStringRow)) {
    throw bad("not an array of string arrays");
  }
  const [header, ...rows] = table as (string | null)[][];
  if (!header || rows.length === 0) {
    throw new CensusApiError("no_data", `the Census API has no data for ${what}`, status);
  }
  const column = (name: string): number => {
    const index = header.indexOf(name);
    if (index < 0) throw bad(`no ${name} column`);
    return index;
  };
  const nameColumn = column("NAME");
  const stateColumn = column("state");
  const codeColumn = column(geography.kind);
  const code = geography.kind === "place" ? geography.place : geography.county;
  const row = rows.find((r) => r[stateColumn] === geography.state && r[codeColumn] === code);
  if (!row) throw new CensusApiError("no_data", `the Census API has no data for ${what}`, status);

  const values = {} as Record<V, number | null>;
  for (const variable of variables) {
    const cell = row[column(variable)];
    if (cell === null || cell === undefined || cell.trim() === "") {
      values[variable] = null;
      continue;
    }
    const value = Number(cell);
    if (!Number.isFinite(value)) throw bad(`${variable} is not a number`);
    // Negative values are the Census's sentinels (-666666666 and kin) for "not available".
    values[variable] = value < 0 ? null : value;
  }
  return { geoid: geoidOf(geography), name: row[nameColumn] ?? "", values };
}
