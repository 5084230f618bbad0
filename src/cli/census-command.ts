// `cfa census refresh`: fetches members' population and foreign-born figures from the Census
// ACS 5-year API (CENSUS_API_KEY required) and stores them beside the shipped snapshots.
import { type Command, InvalidArgumentError } from "commander";
import { loadConfig } from "../config/config.js";
import {
  acs5Vintage,
  censusTargets,
  checkAcs5Year,
  createCensusClient,
  type RefreshResult,
  refreshFigures,
} from "../members/index.js";
import { withDatabase } from "./database.js";
import { CliError, quote } from "./errors.js";

/** ACS 5-year 2019-2023, published December 2024. */
export const DEFAULT_ACS5_YEAR = 2023;

export interface CensusRefreshOptions {
  year: number;
  /** Member slugs; every member (status "member") when empty. */
  member: string[];
  /** Pause between requests in milliseconds. */
  delay: number;
}

function parseInteger(name: string) {
  return (value: string): number => {
    if (!/^\d{1,6}$/.test(value)) throw new InvalidArgumentError(`${name} takes a whole number.`);
    return Number(value);
  };
}

const collect = (value: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  value,
];

const number = new Intl.NumberFormat("en-US");

/** One line per member for a result, e.g. `new-york-ny (3651000): population 8,500,000; ...`. */
export function describeResult(result: RefreshResult, slugs: readonly string[]): string {
  const who = `${slugs.join(", ") || "?"} (${result.geoid})`;
  if (!result.ok) {
    return `${who}: failed: ${result.message}${result.retryable ? " (temporary; try again later)" : ""}`;
  }
  const parts = result.written.map(
    (f) =>
      `${f.measure === "population" ? "population" : "foreign-born"} ${number.format(f.value)}`,
  );
  for (const measure of result.missing) {
    parts.push(`${measure === "population" ? "population" : "foreign-born"} not available`);
  }
  return `${who}: ${parts.join("; ")}`;
}

/** Runs the refresh and prints per-member lines; throws CliError when any member failed. */
export async function runCensusRefresh(
  options: CensusRefreshOptions,
  print: (line: string) => void = console.log,
): Promise<RefreshResult[]> {
  checkYear(options.year);
  const { census } = loadConfig();
  if (!census.apiKey) {
    throw new CliError(
      "CENSUS_API_KEY is not set: the Census Data API needs a key " +
        "(free, from https://api.census.gov/data/key_signup.html); set it and run again",
    );
  }
  const client = createCensusClient({ apiUrl: census.apiUrl, apiKey: census.apiKey });
  const results = await withDatabase({}, async (database) => {
    const targets = await censusTargets(database.db, options.member);
    const found = new Set(targets.map((t) => t.slug));
    const unknown = options.member.filter((slug) => !found.has(slug));
    if (unknown.length) {
      throw new CliError(`no member with slug ${unknown.map((s) => quote(s)).join(", ")}`);
    }
    if (targets.length === 0) {
      print("no members to refresh");
      return [];
    }
    const slugsByGeoid = new Map<string, string[]>();
    for (const t of targets)
      slugsByGeoid.set(t.geoid, [...(slugsByGeoid.get(t.geoid) ?? []), t.slug]);
    print(
      `refreshing ${targets.length} member(s) from the Census ${acs5Vintage(options.year)} estimates`,
    );
    return refreshFigures(database.db, client, {
      year: options.year,
      geoids: [...slugsByGeoid.keys()],
      delayMs: options.delay,
      onResult: (result) =>
        print(`  ${describeResult(result, slugsByGeoid.get(result.geoid) ?? [])}`),
    });
  });
  const failed = results.filter((r) => !r.ok).length;
  if (failed > 0) {
    throw new CliError(`${failed} of ${results.length} GEOID(s) not refreshed; see above`);
  }
  if (results.length) print(`refreshed ${results.length} GEOID(s)`);
  return results;
}

function checkYear(year: number): void {
  try {
    checkAcs5Year(year);
  } catch (error) {
    throw new CliError(`--year: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function registerCensusCommand(program: Command): void {
  const census = program.command("census").description("Census figures of the members");
  census
    .command("refresh")
    .description(
      "fetch members' population and foreign-born residents from the Census ACS 5-year API " +
        "(needs CENSUS_API_KEY)",
    )
    .option(
      "--year <year>",
      "last year of the ACS 5-year estimates, e.g. 2023 for 2019-2023",
      parseInteger("--year"),
      DEFAULT_ACS5_YEAR,
    )
    .option(
      "--member <slug>",
      "refresh only this member, of any status (repeatable; default: every member)",
      collect,
    )
    .option("--delay <ms>", "pause between requests, in milliseconds", parseInteger("--delay"), 250)
    .action(async (options: Omit<CensusRefreshOptions, "member"> & { member?: string[] }) => {
      await runCensusRefresh({ ...options, member: options.member ?? [] });
    });
}
