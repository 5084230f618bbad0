// Reads the Census snapshots shipped in census/ (see census/SOURCES.md) into rows for the
// census_geographies, place_county_parts and census_figures tables.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { projectPath } from "../../config/paths.js";
import type {
  CensusFiguresTable,
  CensusGeographiesTable,
  PlaceCountyPartsTable,
} from "../../db/index.js";

const CENSUS_DIR = projectPath("census");

function readCsv(file: string): Record<string, string>[] {
  return parse(readFileSync(join(CENSUS_DIR, file), "utf8"), {
    columns: true,
    skip_empty_lines: true,
  });
}

/** A count from a cell; undefined where the source has none ("" or "NA"), so no figure is made up. */
function count(value: string | undefined): number | undefined {
  if (value === undefined || value === "" || value === "NA") return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`not a number: ${JSON.stringify(value)}`);
  return Math.round(n);
}

export interface Snapshot {
  /** The file in census/, also the key in census_loads. */
  file: string;
  vintage: string;
  year: number;
  source: string;
}

export const CROSSWALK_2020: Snapshot = {
  file: "place_county_relationship_2020.csv",
  vintage: "2020 Census",
  year: 2020,
  source:
    "U.S. Census Bureau, 2020 Census population, via the Missouri Census Data Center's Geocorr 2022 county-place crosswalk",
};

export const PLACES_2015: Snapshot = {
  file: "places_65k_acs2015_foreign_born.csv",
  vintage: "ACS 2015",
  year: 2015,
  source:
    "U.S. Census Bureau, American Community Survey 2015, places of 65,000+ (OpenDataSoft snapshot)",
};

export const COUNTIES_2016: Snapshot = {
  file: "counties_acs2012_2016_foreign_born.csv",
  vintage: "ACS 5-year 2012-2016",
  year: 2016,
  source: "U.S. Census Bureau, ACS 5-year 2012-2016 via IPUMS NHGIS (MEDSL election context)",
};

export const COUNTIES_LANGUAGE_2013: Snapshot = {
  file: "counties_quickfacts_acs2009_2013_language.csv",
  vintage: "ACS 5-year 2009-2013",
  year: 2013,
  source:
    "U.S. Census Bureau QuickFacts, ACS 5-year 2009-2013 (language other than English at home, age 5+)",
};

export interface Geography {
  geographies: CensusGeographiesTable[];
  parts: PlaceCountyPartsTable[];
  figures: CensusFiguresTable[];
}

const COUNTY_WORDS =
  /\b(County|Parish|Borough|Municipio|Census Area|Municipality|city|City|Region|Planning Region)$/;

/** Every place and county, their 2020 populations, and the place-county parts. */
export function readCrosswalk2020(): Geography {
  const countyNames = new Map(
    readCsv(COUNTIES_LANGUAGE_2013.file).map((r) => [r.county_geoid ?? "", r.county_name ?? ""]),
  );
  const places = new Map<string, CensusGeographiesTable>();
  const counties = new Map<string, CensusGeographiesTable>();
  const parts: PlaceCountyPartsTable[] = [];
  for (const row of readCsv(CROSSWALK_2020.file)) {
    const countyGeoid = row.county_geoid ?? "";
    const state = row.state_abbr ?? "";
    const population = count(row.pop2020_in_part) ?? 0;
    let county = counties.get(countyGeoid);
    if (!county) {
      const raw = row.county_name ?? "";
      const name = countyNames.get(countyGeoid) ?? (COUNTY_WORDS.test(raw) ? raw : `${raw} County`);
      county = { geoid: countyGeoid, kind: "county", name, state, population_2020: 0 };
      counties.set(countyGeoid, county);
    }
    county.population_2020 = (county.population_2020 ?? 0) + population;
    if (row.place_fips === "99999" || !row.place_geoid) continue;
    const placeGeoid = row.place_geoid;
    let place = places.get(placeGeoid);
    if (!place) {
      const name = (row.place_name ?? "").replace(/, [A-Z]{2}$/, "");
      place = { geoid: placeGeoid, kind: "place", name, state, population_2020: 0 };
      places.set(placeGeoid, place);
    }
    place.population_2020 = (place.population_2020 ?? 0) + population;
    parts.push({
      place_geoid: placeGeoid,
      county_geoid: countyGeoid,
      population_2020: population,
      share_of_place: Number(row.share_of_place_pop_in_county),
    });
  }
  const geographies = [...counties.values(), ...places.values()];
  const base = {
    measure: "population" as const,
    vintage: CROSSWALK_2020.vintage,
    year: CROSSWALK_2020.year,
    source: CROSSWALK_2020.source,
    is_estimate: 0,
  };
  const figures = geographies.map((g) => ({
    ...base,
    geoid: g.geoid,
    value: g.population_2020 ?? 0,
  }));
  return { geographies, parts, figures };
}

function figure(
  snapshot: Snapshot,
  geoid: string,
  measure: CensusFiguresTable["measure"],
  value: number | undefined,
  isEstimate: boolean,
): CensusFiguresTable[] {
  if (value === undefined) return [];
  return [
    {
      geoid,
      measure,
      value,
      vintage: snapshot.vintage,
      year: snapshot.year,
      source: snapshot.source,
      is_estimate: isEstimate ? 1 : 0,
    },
  ];
}

/** Population and foreign-born counts of places of 65,000+ (ACS 2015). */
export function readPlaces2015(): CensusFiguresTable[] {
  return readCsv(PLACES_2015.file).flatMap((r) => [
    ...figure(PLACES_2015, r.place_geoid ?? "", "population", count(r.total_population), false),
    ...figure(PLACES_2015, r.place_geoid ?? "", "foreign_born", count(r.foreign_born), false),
  ]);
}

/** County population and foreign-born residents (the latter derived from a percentage). */
export function readCounties2016(): CensusFiguresTable[] {
  return readCsv(COUNTIES_2016.file).flatMap((r) => [
    ...figure(COUNTIES_2016, r.county_geoid ?? "", "population", count(r.total_population), false),
    ...figure(COUNTIES_2016, r.county_geoid ?? "", "foreign_born", count(r.foreign_born_est), true),
  ]);
}

/** County residents (age 5+) speaking a language other than English at home, derived. */
export function readCountiesLanguage2013(): CensusFiguresTable[] {
  return readCsv(COUNTIES_LANGUAGE_2013.file).flatMap((r) =>
    figure(
      COUNTIES_LANGUAGE_2013,
      r.county_geoid ?? "",
      "language_other_than_english",
      count(r.lang_other_than_english_est_age5plus_approx),
      true,
    ),
  );
}
