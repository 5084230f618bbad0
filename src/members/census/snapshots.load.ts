// Loads the shipped Census snapshots into the database, each once (census_loads remembers),
// each in its own transaction so an interrupted load leaves nothing half-written.
import type { Kysely } from "kysely";
import { type DB, lockRevision } from "../../db/index.js";
import {
  COUNTIES_2016,
  COUNTIES_LANGUAGE_2013,
  CROSSWALK_2020,
  PLACES_2015,
  readCounties2016,
  readCountiesLanguage2013,
  readCrosswalk2020,
  readPlaces2015,
  type Snapshot,
} from "./snapshots.read.js";

// Rows per INSERT: PostgreSQL takes at most 65,535 parameters a statement, SQLite 32,766.
const BATCH = 500;

async function insertBatches<T extends keyof DB>(db: Kysely<DB>, table: T, rows: DB[T][]) {
  for (let i = 0; i < rows.length; i += BATCH) {
    await db
      .insertInto(table)
      // biome-ignore lint/suspicious/noExplicitAny: rows are the table's own row type
      .values(rows.slice(i, i + BATCH) as any)
      .execute();
  }
}

const STEPS: { snapshot: Snapshot; load: (trx: Kysely<DB>) => Promise<number> }[] = [
  {
    snapshot: CROSSWALK_2020,
    load: async (trx) => {
      const { geographies, parts, figures } = readCrosswalk2020();
      await insertBatches(trx, "census_geographies", geographies);
      await insertBatches(trx, "place_county_parts", parts);
      await insertBatches(trx, "census_figures", figures);
      return geographies.length + parts.length + figures.length;
    },
  },
  {
    snapshot: PLACES_2015,
    load: async (trx) => {
      const figures = readPlaces2015();
      await insertBatches(trx, "census_figures", figures);
      return figures.length;
    },
  },
  {
    snapshot: COUNTIES_2016,
    load: async (trx) => {
      const figures = readCounties2016();
      await insertBatches(trx, "census_figures", figures);
      return figures.length;
    },
  },
  {
    snapshot: COUNTIES_LANGUAGE_2013,
    load: async (trx) => {
      const figures = readCountiesLanguage2013();
      await insertBatches(trx, "census_figures", figures);
      return figures.length;
    },
  },
];

/** Loads every snapshot not loaded yet; returns the files loaded now. Safe to run concurrently. */
export async function loadCensusSnapshots(db: Kysely<DB>): Promise<string[]> {
  const loaded: string[] = [];
  for (const { snapshot, load } of STEPS) {
    const done = await db.transaction().execute(async (trx) => {
      await lockRevision(trx);
      const existing = await trx
        .selectFrom("census_loads")
        .select("snapshot")
        .where("snapshot", "=", snapshot.file)
        .executeTakeFirst();
      if (existing) return false;
      const rows = await load(trx);
      await trx
        .insertInto("census_loads")
        .values({ snapshot: snapshot.file, rows, loaded_at: new Date().toISOString() })
        .execute();
      return true;
    });
    if (done) loaded.push(snapshot.file);
  }
  return loaded;
}
