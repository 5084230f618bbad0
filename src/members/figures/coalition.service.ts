import type { Kysely } from "kysely";
import type { CensusMeasure, DB } from "../../db/index.js";
import { memberFigures, memberOverlapParts } from "../census/census.queries.js";
import { CROSSWALK_2020 } from "../census/snapshots.read.js";
import { totalsRows } from "../jurisdictions.queries.js";

export interface FigureSource {
  measure: CensusMeasure;
  vintage: string;
  source: string;
  /** How many members' figures come from this vintage and source. */
  members: number;
  /** True when some of these figures are derived estimates rather than published counts. */
  estimated: boolean;
}

/**
 * How the people removed for an overlap were found: the 2020 Census count of the part of the
 * city inside the county (exact, when the city's newest figure is that census), or the city's
 * newest figure times the part's share of the city's 2020 population.
 */
export type OverlapMethod = "census_2020_part" | "share_of_place";

/**
 * A member city (place) lying wholly or partly inside a member county: its residents in that
 * county would be counted twice, so they are taken out of the totals once.
 */
export interface Overlap {
  placeGeoid: string;
  placeName: string;
  countyGeoid: string;
  countyName: string;
  /** Fraction of the city's 2020 population living in the county (1 when wholly inside). */
  shareOfPlace: number;
  /** People removed from the population total. */
  population: number;
  /**
   * Foreign-born residents removed: an estimate, the city's foreign-born figure times
   * shareOfPlace (assumes they are spread across the city's counties like all its residents).
   */
  foreignBorn: number;
  method: OverlapMethod;
  /** True when less was removed than computed, so as not to remove more than the county's figure. */
  capped: boolean;
}

export interface CoalitionStats {
  members: number;
  /** People the members represent, each resident counted once (overlaps removed). */
  population: number;
  /** Foreign-born residents, each counted once (overlaps removed, by estimate). */
  foreignBorn: number;
  /** Members with no population figure on file: left out of the totals, and said so. */
  membersWithoutFigures: number;
  /** Members that belong to the demo roster. */
  demoMembers: number;
  /** Date (YYYY-MM-DD) of the latest change to the roster. */
  asOf: string | null;
  sources: FigureSource[];
  /** Member cities inside member counties, and what was removed for each; by county, city. */
  overlaps: Overlap[];
}

type Measure = "population" | "foreign_born";

/**
 * Coalition totals, computed from the roster and the newest Census figure of each member, each
 * resident counted once: the sum of the members' figures, less the residents of
 * every member city who live inside a member county. Those are found from the 2020 place-county
 * parts: for a city P and a member county C holding part of it, P's figure × the part's share of
 * P's 2020 population (exactly the part's 2020 count when P's figure is the 2020 Census). The
 * foreign-born removed are an estimate (P's foreign-born figure × the same share). No more is
 * removed from a county than its own figure. Three queries, whatever the roster's size.
 */
export async function coalitionStats(db: Kysely<DB>): Promise<CoalitionStats> {
  const [members, figures, parts] = await Promise.all([
    totalsRows(db),
    memberFigures(db, ["population", "foreign_born"]),
    // Parts of a member place lying in a member county: the overlaps.
    memberOverlapParts(db),
  ]);
  const nameOf = new Map(members.map((m) => [m.geoid, m.name]));

  const newest = new Map<string, (typeof figures)[number]>();
  for (const f of figures) {
    const key = `${f.geoid}|${f.measure}`;
    const current = newest.get(key);
    if (!current || f.year > current.year) newest.set(key, f);
  }

  let population = 0;
  let foreignBorn = 0;
  const sources = new Map<string, FigureSource>();
  for (const f of newest.values()) {
    if (f.measure === "population") population += f.value;
    else foreignBorn += f.value;
    const key = `${f.measure}|${f.vintage}|${f.source}`;
    const entry = sources.get(key) ?? {
      measure: f.measure,
      vintage: f.vintage,
      source: f.source,
      members: 0,
      estimated: false,
    };
    entry.members += 1;
    entry.estimated ||= f.is_estimate === 1;
    sources.set(key, entry);
  }

  // What may still be removed from each county, per measure: at most its own figure.
  const left = new Map<string, number>();
  const removable = (county: string, measure: Measure, wanted: number) => {
    const key = `${county}|${measure}`;
    const available = left.get(key) ?? newest.get(key)?.value ?? 0;
    const removed = Math.min(wanted, available);
    left.set(key, available - removed);
    return removed;
  };
  const overlaps: Overlap[] = parts.map((part) => {
    const placePopulation = newest.get(`${part.place_geoid}|population`);
    const placeForeignBorn = newest.get(`${part.place_geoid}|foreign_born`);
    const method: OverlapMethod =
      placePopulation?.vintage === CROSSWALK_2020.vintage ? "census_2020_part" : "share_of_place";
    const wantedPopulation = !placePopulation
      ? 0
      : method === "census_2020_part"
        ? part.population_2020
        : Math.round(placePopulation.value * part.share_of_place);
    const wantedForeignBorn = placeForeignBorn
      ? Math.round(placeForeignBorn.value * part.share_of_place)
      : 0;
    const removedPopulation = removable(part.county_geoid, "population", wantedPopulation);
    const removedForeignBorn = removable(part.county_geoid, "foreign_born", wantedForeignBorn);
    population -= removedPopulation;
    foreignBorn -= removedForeignBorn;
    return {
      placeGeoid: part.place_geoid,
      placeName: nameOf.get(part.place_geoid) ?? part.place_geoid,
      countyGeoid: part.county_geoid,
      countyName: nameOf.get(part.county_geoid) ?? part.county_geoid,
      shareOfPlace: part.share_of_place,
      population: removedPopulation,
      foreignBorn: removedForeignBorn,
      method,
      capped: removedPopulation < wantedPopulation || removedForeignBorn < wantedForeignBorn,
    };
  });

  const withPopulation = new Set(
    [...newest.values()].filter((f) => f.measure === "population").map((f) => f.geoid),
  );
  const asOf = members.reduce<string | null>(
    (latest, m) => (!latest || m.updated_at > latest ? m.updated_at : latest),
    null,
  );
  return {
    members: members.length,
    population,
    foreignBorn,
    membersWithoutFigures: members.filter((m) => !withPopulation.has(m.geoid)).length,
    demoMembers: members.filter((m) => m.is_demo === 1).length,
    asOf: asOf ? asOf.slice(0, 10) : null,
    sources: [...sources.values()].sort(
      (a, b) =>
        a.measure.localeCompare(b.measure) ||
        b.members - a.members ||
        a.vintage.localeCompare(b.vintage) ||
        a.source.localeCompare(b.source),
    ),
    overlaps,
  };
}
