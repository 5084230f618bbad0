// Reads the Census snapshots shipped in census/ (see census/SOURCES.md).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import type { CensusFiguresTable } from "../db/index.js";

const CENSUS_DIR = join(import.meta.dirname, "..", "..", "census");

export const PLACES_2015 = {
  file: "places_65k_acs2015_foreign_born.csv",
  vintage: "ACS 2015",
  year: 2015,
  source:
    "U.S. Census Bureau, American Community Survey 2015, places of 65,000+ (OpenDataSoft snapshot)",
} as const;

export const COUNTIES_2016 = {
  file: "counties_acs2012_2016_foreign_born.csv",
  vintage: "ACS 5-year 2012-2016",
  year: 2016,
  source: "U.S. Census Bureau, ACS 5-year 2012-2016 via IPUMS NHGIS (MEDSL election context)",
} as const;

function readCsv(file: string): Record<string, string>[] {
  return parse(readFileSync(join(CENSUS_DIR, file), "utf8"), {
    columns: true,
    skip_empty_lines: true,
  });
}

export interface SnapshotPlace {
  geoid: string;
  name: string;
  stateAbbr: string;
  figures: CensusFiguresTable[];
}

export function readPlaces2015(): Map<string, SnapshotPlace> {
  const places = new Map<string, SnapshotPlace>();
  for (const row of readCsv(PLACES_2015.file)) {
    const geoid = row.place_geoid ?? "";
    const base = {
      geoid,
      vintage: PLACES_2015.vintage,
      year: PLACES_2015.year,
      source: PLACES_2015.source,
      is_estimate: 0,
    };
    places.set(geoid, {
      geoid,
      name: row.city ?? "",
      stateAbbr: row.state_abbr ?? "",
      figures: [
        { ...base, measure: "population", value: Number(row.total_population) },
        { ...base, measure: "foreign_born", value: Number(row.foreign_born) },
      ],
    });
  }
  return places;
}

export function readCounties2016(): Map<string, SnapshotPlace> {
  const counties = new Map<string, SnapshotPlace>();
  for (const row of readCsv(COUNTIES_2016.file)) {
    const geoid = row.county_geoid ?? "";
    const base = {
      geoid,
      vintage: COUNTIES_2016.vintage,
      year: COUNTIES_2016.year,
      source: COUNTIES_2016.source,
    };
    counties.set(geoid, {
      geoid,
      name: row.county ?? "",
      stateAbbr: "",
      figures: [
        { ...base, measure: "population", value: Number(row.total_population), is_estimate: 0 },
        { ...base, measure: "foreign_born", value: Number(row.foreign_born_est), is_estimate: 1 },
      ],
    });
  }
  return counties;
}
