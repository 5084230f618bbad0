import type { Kysely } from "kysely";
import type { CensusMeasure, DB } from "../db/index.js";

export interface FigureSource {
  measure: CensusMeasure;
  vintage: string;
  source: string;
  /** How many members' figures come from this vintage and source. */
  members: number;
  /** True when some of these figures are derived estimates rather than published counts. */
  estimated: boolean;
}

export interface CoalitionStats {
  members: number;
  population: number;
  foreignBorn: number;
  /** Members with no population figure on file: left out of the totals, and said so. */
  membersWithoutFigures: number;
  /** Members that belong to the demo roster. */
  demoMembers: number;
  /** Date (YYYY-MM-DD) of the latest change to the roster. */
  asOf: string | null;
  sources: FigureSource[];
}

/**
 * Coalition totals, computed from the roster and the newest Census figure of each member.
 * Each member is counted once by GEOID; taking out a member city's residents from a member
 * county's total is the members roster's next step (see docs/ARCHITECTURE.md).
 */
export async function coalitionStats(db: Kysely<DB>): Promise<CoalitionStats> {
  const members = await db
    .selectFrom("jurisdictions")
    .select(["geoid", "is_demo", "updated_at"])
    .where("status", "=", "member")
    .execute();
  const figures = members.length
    ? await db
        .selectFrom("census_figures")
        .innerJoin("jurisdictions", "jurisdictions.geoid", "census_figures.geoid")
        .select([
          "census_figures.geoid",
          "census_figures.measure",
          "census_figures.value",
          "census_figures.vintage",
          "census_figures.year",
          "census_figures.source",
          "census_figures.is_estimate",
        ])
        .where("jurisdictions.status", "=", "member")
        .where("census_figures.measure", "in", ["population", "foreign_born"])
        .execute()
    : [];

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
      (a, b) => a.measure.localeCompare(b.measure) || b.members - a.members,
    ),
  };
}
