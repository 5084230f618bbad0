// Refreshes members' population and foreign-born figures from the ACS 5-year API: one request
// and one transaction per GEOID, one after the other, each failure reported and the rest carried
// on (unless the API refuses the key or asks to slow down: then the rest are not tried).
import type { Kysely } from "kysely";
import type { CensusFiguresTable, CensusMeasure, DB } from "../../db/index.js";
import {
  type AcsRecord,
  CensusApiError,
  type CensusClient,
  type CensusErrorKind,
} from "./census.client.js";
import { upsertFigures } from "./census.queries.js";

export const POPULATION_VARIABLE = "B01003_001E";
export const FOREIGN_BORN_VARIABLE = "B05002_013E";

const MEASURES = [
  { measure: "population", variable: POPULATION_VARIABLE },
  { measure: "foreign_born", variable: FOREIGN_BORN_VARIABLE },
] as const satisfies readonly { measure: CensusMeasure; variable: string }[];

/** The vintage stored with the figures of the ACS 5-year estimates ending in `year`. */
export function acs5Vintage(year: number): string {
  return `ACS 5-year ${year - 4}-${year}`;
}

export function acs5Source(year: number): string {
  return `U.S. Census Bureau, ACS 5-year ${year} (Census Data API), tables B01003 and B05002`;
}

export interface RefreshOptions {
  /** The last year of the ACS 5-year estimates, e.g. 2023 for 2019-2023. */
  year: number;
  geoids: readonly string[];
  /** Pause between requests, to be polite to the API (default 250 ms). */
  delayMs?: number;
  /** Called with each GEOID's result as soon as it is known. */
  onResult?: (result: RefreshResult) => void;
}

export type RefreshFailureKind =
  | CensusErrorKind
  /** Not a 5- or 7-digit GEOID. */
  | "invalid_geoid"
  /** The figures came, but writing them failed. */
  | "database"
  /** Not asked for: an earlier answer refused the key or asked to slow down. */
  | "not_tried";

export type RefreshResult =
  | {
      geoid: string;
      ok: true;
      /** The Census name of the geography. */
      name: string;
      /** The figures written (inserted or updated). */
      written: { measure: CensusMeasure; value: number }[];
      /** Measures the API has no value for (it answered a negative sentinel); nothing written. */
      missing: CensusMeasure[];
    }
  | {
      geoid: string;
      ok: false;
      kind: RefreshFailureKind;
      message: string;
      /** The same refresh may succeed later. */
      retryable: boolean;
    };

/** After these the other GEOIDs are not tried: the answer would be the same, or unwelcome. */
const STOPPING: ReadonlySet<RefreshFailureKind> = new Set([
  "invalid_key",
  "rate_limited",
  "unknown_dataset",
]);

/** Throws unless `year` ends ACS 5-year estimates that can exist (2005-2009 onwards). */
export function checkAcs5Year(year: number): void {
  const latest = new Date().getUTCFullYear() - 1;
  if (!Number.isInteger(year) || year < 2009 || year > latest) {
    throw new RangeError(`the ACS 5-year year must be from 2009 to ${latest}, not ${year}`);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Fetches population (B01003_001E) and foreign-born residents (B05002_013E) of each GEOID and
 * upserts them as census_figures of vintage "ACS 5-year {year-4}-{year}". Resolves with one
 * result per distinct GEOID, in order; rejects only for a bad `year`.
 */
export async function refreshFigures(
  db: Kysely<DB>,
  client: CensusClient,
  options: RefreshOptions,
): Promise<RefreshResult[]> {
  const { year } = options;
  checkAcs5Year(year);
  const delayMs = options.delayMs ?? 250;
  const vintage = acs5Vintage(year);
  const source = acs5Source(year);
  const results: RefreshResult[] = [];
  let stopped: { message: string; retryable: boolean } | undefined;
  let requested = false;

  for (const geoid of [...new Set(options.geoids)]) {
    let result: RefreshResult;
    if (stopped) {
      result = {
        geoid,
        ok: false,
        kind: "not_tried",
        message: `not tried: ${stopped.message}`,
        retryable: stopped.retryable,
      };
    } else if (!/^(\d{5}|\d{7})$/.test(geoid)) {
      result = {
        geoid,
        ok: false,
        kind: "invalid_geoid",
        message: `not a GEOID (7 digits for a place, 5 for a county): ${JSON.stringify(geoid.slice(0, 20))}`,
        retryable: false,
      };
    } else {
      if (requested && delayMs > 0) await sleep(delayMs);
      requested = true;
      result = await refreshOne(db, client, { geoid, year, vintage, source });
      if (!result.ok && STOPPING.has(result.kind)) stopped = result;
    }
    results.push(result);
    options.onResult?.(result);
  }
  return results;
}

async function refreshOne(
  db: Kysely<DB>,
  client: CensusClient,
  target: { geoid: string; year: number; vintage: string; source: string },
): Promise<RefreshResult> {
  const { geoid, year, vintage, source } = target;
  let record: AcsRecord<(typeof MEASURES)[number]["variable"]>;
  try {
    record = await client.acs5(year, {
      variables: MEASURES.map((m) => m.variable),
      geography: geoid,
    });
  } catch (error) {
    if (error instanceof CensusApiError) {
      return {
        geoid,
        ok: false,
        kind: error.kind,
        message: error.message,
        retryable: error.retryable,
      };
    }
    throw error;
  }

  const rows: CensusFiguresTable[] = [];
  const missing: CensusMeasure[] = [];
  for (const { measure, variable } of MEASURES) {
    const value = record.values[variable];
    if (value === null) missing.push(measure);
    else rows.push({ geoid, measure, value, vintage, year, source, is_estimate: 0 });
  }
  if (rows.length > 0) {
    try {
      await db.transaction().execute((trx) => upsertFigures(trx, rows));
    } catch (error) {
      return {
        geoid,
        ok: false,
        kind: "database",
        message: `could not save the figures: ${error instanceof Error ? error.message : String(error)}`,
        retryable: false,
      };
    }
  }
  return {
    geoid,
    ok: true,
    name: record.name,
    written: rows.map((r) => ({ measure: r.measure, value: r.value })),
    missing,
  };
}
