// The Census tables: census_geographies (every place and county), census_figures (their
// figures, by measure and vintage), place_county_parts (the 2020 place-county crosswalk) and
// census_loads (which shipped snapshots are loaded). Their one owner: every query of them is here.
import { type Kysely, sql } from "kysely";
import type {
  CensusFiguresTable,
  CensusGeographiesTable,
  CensusMeasure,
  DB,
  PlaceCountyPartsTable,
} from "../../db/index.js";
import { memberGeoids } from "../jurisdictions.queries.js";

export type Geography = CensusGeographiesTable;

// ---- Geographies ----------------------------------------------------------------------------

export const SEARCH_LIMIT = 20;

/**
 * Census places and counties whose name contains `q` (case-insensitive), largest first, at most
 * SEARCH_LIMIT + 1 (so a caller knows there are more). Names carry their kind ("Prattville
 * city"), so "montgomery county" finds the counties.
 */
export async function searchGeographies(
  db: Kysely<DB>,
  q: string,
  state: string,
): Promise<Geography[]> {
  const pattern = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  let query = db
    .selectFrom("census_geographies")
    .selectAll()
    .where(sql<boolean>`lower(name) like ${pattern} escape '\\'`)
    .orderBy("population_2020", "desc")
    .orderBy("geoid")
    .limit(SEARCH_LIMIT + 1);
  if (state) query = query.where("state", "=", state);
  return query.execute();
}

export async function findGeography(db: Kysely<DB>, geoid: string): Promise<Geography | undefined> {
  return db
    .selectFrom("census_geographies")
    .selectAll()
    .where("geoid", "=", geoid)
    .executeTakeFirst();
}

// Values per IN list: well under either engine's limit of parameters a statement.
const LOOKUP_BATCH = 500;

/** The geographies with these GEOIDs, by GEOID; unknown ones are left out. */
export async function geographiesByGeoid(
  db: Kysely<DB>,
  geoids: readonly string[],
): Promise<Map<string, Geography>> {
  const found = new Map<string, Geography>();
  const unique = [...new Set(geoids)];
  for (let i = 0; i < unique.length; i += LOOKUP_BATCH) {
    const rows = await db
      .selectFrom("census_geographies")
      .selectAll()
      .where("geoid", "in", unique.slice(i, i + LOOKUP_BATCH))
      .execute();
    for (const row of rows) found.set(row.geoid, row);
  }
  return found;
}

// ---- Figures --------------------------------------------------------------------------------

const FIGURE_COLUMNS = [
  "census_figures.geoid",
  "census_figures.measure",
  "census_figures.value",
  "census_figures.vintage",
  "census_figures.year",
  "census_figures.source",
  "census_figures.is_estimate",
] as const;

/** Every figure (all measures and vintages) of these GEOIDs. */
export async function figuresOf(db: Kysely<DB>, geoids: readonly string[]) {
  if (geoids.length === 0) return [];
  return db
    .selectFrom("census_figures")
    .select(FIGURE_COLUMNS)
    .where("geoid", "in", [...geoids])
    .execute();
}

/** Every figure of the members, of these measures. */
export async function memberFigures(db: Kysely<DB>, measures: readonly CensusMeasure[]) {
  return db
    .selectFrom("census_figures")
    .select(FIGURE_COLUMNS)
    .where("census_figures.geoid", "in", memberGeoids())
    .where("census_figures.measure", "in", [...measures])
    .execute();
}

/** Inserts figures, or updates those of a GEOID, measure and vintage already there. */
export async function upsertFigures(db: Kysely<DB>, rows: CensusFiguresTable[]): Promise<void> {
  await db
    .insertInto("census_figures")
    .values(rows)
    .onConflict((oc) =>
      oc.columns(["geoid", "measure", "vintage"]).doUpdateSet((eb) => ({
        value: eb.ref("excluded.value"),
        year: eb.ref("excluded.year"),
        source: eb.ref("excluded.source"),
        is_estimate: eb.ref("excluded.is_estimate"),
      })),
    )
    .execute();
}

// ---- Place-county parts ---------------------------------------------------------------------

/** The county parts of every member place (a place's GEOID has 7 digits). */
export async function memberPlaceParts(db: Kysely<DB>) {
  return db
    .selectFrom("place_county_parts")
    .select(["place_geoid", "county_geoid", "share_of_place", "population_2020"])
    .where("place_geoid", "in", memberGeoids())
    .execute();
}

/** The parts of member places lying in member counties (the overlaps), by county and place. */
export async function memberOverlapParts(db: Kysely<DB>) {
  return db
    .selectFrom("place_county_parts")
    .select(["place_geoid", "county_geoid", "population_2020", "share_of_place"])
    .where("place_geoid", "in", memberGeoids())
    .where("county_geoid", "in", memberGeoids())
    .orderBy("county_geoid")
    .orderBy("place_geoid")
    .execute();
}

// ---- Loading the shipped snapshots ----------------------------------------------------------

// Rows per INSERT: PostgreSQL takes at most 65,535 parameters a statement, SQLite 32,766.
const INSERT_BATCH = 500;

type SnapshotTable = "census_geographies" | "place_county_parts" | "census_figures";
type SnapshotRow = {
  census_geographies: CensusGeographiesTable;
  place_county_parts: PlaceCountyPartsTable;
  census_figures: CensusFiguresTable;
};

/** Inserts a snapshot's rows into one of the Census tables, in batches. */
export async function insertSnapshotRows<T extends SnapshotTable>(
  db: Kysely<DB>,
  table: T,
  rows: SnapshotRow[T][],
): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_BATCH) {
    await db
      .insertInto(table)
      // biome-ignore lint/suspicious/noExplicitAny: rows are the table's own row type
      .values(rows.slice(i, i + INSERT_BATCH) as any)
      .execute();
  }
}

/** Whether the snapshot file was loaded already. */
export async function isSnapshotLoaded(db: Kysely<DB>, file: string): Promise<boolean> {
  const row = await db
    .selectFrom("census_loads")
    .select("snapshot")
    .where("snapshot", "=", file)
    .executeTakeFirst();
  return row !== undefined;
}

/** Remembers that the snapshot file was loaded, with how many rows it wrote. */
export async function recordSnapshotLoad(
  db: Kysely<DB>,
  file: string,
  rows: number,
  at = new Date(),
): Promise<void> {
  await db
    .insertInto("census_loads")
    .values({ snapshot: file, rows, loaded_at: at.toISOString() })
    .execute();
}
