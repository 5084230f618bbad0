// Words the site shows beside data that is stored in English: state names, the legal suffix of a
// Census geography's name ("Oakland city", "Cook County"), executives' titles and the Census
// vintages and sources of figures. Each is translated when it is one we know (census.json);
// anything else is returned as stored with `english: true`, so views mark it lang="en"
// (docs/decisions/0018-data-in-english.md).
import type { MessageKey, Translate } from "../i18n/index.js";
import type { ShownText as Shown } from "../views/shown.js";
import {
  COUNTIES_2016,
  COUNTIES_LANGUAGE_2013,
  CROSSWALK_2020,
  PLACES_2015,
} from "./census/snapshots.read.js";
import { STATES } from "./states.js";

const asIs = (text: string): Shown => ({ text, english: true });

/** A state's name in the page's language; the code itself when it is not one of ours. */
export function stateName(t: Translate, code: string): string {
  return Object.hasOwn(STATES, code) ? t(`census.state.${code}` as MessageKey) : code;
}

/**
 * A member's name with its state's code, "Boston, MA"; a name that already ends with it
 * ("Washington, DC" in DC) is not given it twice.
 */
export function placeName(name: string, state: string): string {
  return state === "" || name.endsWith(`, ${state}`) ? name : `${name}, ${state}`;
}

// Census legal/statistical area suffixes (LSAD) as they end 2020 Census names, longest first so
// "city and borough" wins over "borough". Rarer forms ("unified government (balance)") are left
// as stored. A county-level "city" is an independent city (Baltimore, St. Louis, Virginia).
const SUFFIXES: Record<"place" | "county", [string, string][]> = {
  place: [
    [" city and borough", "city_and_borough"],
    [" metro township", "metro_township"],
    [" zona urbana", "zona_urbana"],
    [" comunidad", "comunidad"],
    [" municipality", "municipality"],
    [" borough", "borough"],
    [" village", "village"],
    [" town", "town"],
    [" city", "city"],
    [" CDP", "cdp"],
  ],
  county: [
    [" City and Borough", "county_city_and_borough"],
    [" Census Area", "census_area"],
    [" Planning Region", "planning_region"],
    [" Municipality", "county_municipality"],
    [" Municipio", "municipio"],
    [" Borough", "county_borough"],
    [" Parish", "parish"],
    [" County", "county"],
    [" city", "independent_city"],
  ],
};

/** A Census GEOID's kind: 5 digits name a county, 7 a place. */
export function censusKindOf(geoid: string): "place" | "county" {
  return geoid.length === 5 ? "county" : "place";
}

/**
 * A Census geography's name for prose: the bare name with its kind in the page's language
 * ("ciudad de Oakland", "Oakland 市"); in English the official name it came as.
 */
export function geographyName(t: Translate, name: string, kind: "place" | "county"): Shown {
  for (const [suffix, key] of SUFFIXES[kind]) {
    if (name.endsWith(suffix) && name.length > suffix.length) {
      return {
        text: t(`census.geo.${key}` as MessageKey, { name: name.slice(0, -suffix.length) }),
        english: false,
      };
    }
  }
  return asIs(name);
}

// Titles members type or the demo seeds, as the profile and join forms suggest them in each
// language (a Spanish applicant types "alcalde").
const TITLES: Record<string, string> = {
  mayor: "mayor",
  alcalde: "mayor",
  alcaldesa: "mayor",
  "alcalde o alcaldesa": "mayor",
  市长: "mayor",
  "county executive": "county_executive",
  "ejecutivo del condado": "county_executive",
  "ejecutiva del condado": "county_executive",
  "ejecutivo o ejecutiva del condado": "county_executive",
  县行政首长: "county_executive",
  "county judge": "county_judge",
  "juez del condado": "county_judge",
  "jueza del condado": "county_judge",
  "juez o jueza del condado": "county_judge",
  县法官: "county_judge",
  "county mayor": "county_mayor",
  "mayor-president": "mayor_president",
  "first selectman": "first_selectman",
  "city manager": "city_manager",
  "county manager": "county_manager",
  "county administrator": "county_administrator",
  "chair of the county commission": "county_commission_chair",
  "chair of the board of supervisors": "board_of_supervisors_chair",
};

/** An executive's title: translated when it is a usual one, else as typed (and English). */
export function executiveTitle(t: Translate, title: string): Shown {
  const key = TITLES[title.trim().toLowerCase().replace(/\s+/g, " ")];
  return key ? { text: t(`census.title.${key}` as MessageKey), english: false } : asIs(title);
}

/** A figure's vintage ("2020 Census", "ACS 5-year 2012-2016") in the page's language. */
export function vintageName(t: Translate, vintage: string): Shown {
  let m = /^(\d{4}) Census$/.exec(vintage);
  if (m) return { text: t("census.vintage.decennial", { year: m[1] ?? "" }), english: false };
  m = /^ACS (\d{4})$/.exec(vintage);
  if (m) return { text: t("census.vintage.acs1", { year: m[1] ?? "" }), english: false };
  m = /^ACS 5-year (\d{4})-(\d{4})$/.exec(vintage);
  if (m) {
    return {
      text: t("census.vintage.acs5", { start: m[1] ?? "", end: m[2] ?? "" }),
      english: false,
    };
  }
  return asIs(vintage);
}

// The sources of the shipped snapshots, as stored with their figures.
const SOURCES: Record<string, MessageKey> = {
  [CROSSWALK_2020.source]: "census.source.crosswalk_2020",
  [PLACES_2015.source]: "census.source.places_2015",
  [COUNTIES_2016.source]: "census.source.counties_2016",
  [COUNTIES_LANGUAGE_2013.source]: "census.source.counties_language_2013",
};

// What `acs5Source(year)` (members/census/refresh.service.ts) writes.
const ACS5_API =
  /^U\.S\. Census Bureau, ACS 5-year (\d{4}) \(Census Data API\), tables ([A-Z0-9_]+) and ([A-Z0-9_]+)$/;

/** A figure's source in the page's language: prose translated, table ids kept. */
export function sourceName(t: Translate, source: string): Shown {
  const key = SOURCES[source];
  if (key) return { text: t(key), english: false };
  const m = ACS5_API.exec(source);
  if (m) {
    return {
      text: t("census.source.acs5_api", {
        year: m[1] ?? "",
        population: m[2] ?? "",
        foreignBorn: m[3] ?? "",
      }),
      english: false,
    };
  }
  return asIs(source);
}
