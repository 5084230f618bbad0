// Loads the shipped Census snapshots into the database, each once (census_loads remembers),
// each in its own transaction so an interrupted load leaves nothing half-written.
import type { Kysely } from "kysely";
import { type DB, lockRevision } from "../../db/index.js";
import { insertSnapshotRows, isSnapshotLoaded, recordSnapshotLoad } from "./census.queries.js";
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

const STEPS: { snapshot: Snapshot; load: (trx: Kysely<DB>) => Promise<number> }[] = [
  {
    snapshot: CROSSWALK_2020,
    load: async (trx) => {
      const { geographies, parts, figures } = readCrosswalk2020();
      await insertSnapshotRows(trx, "census_geographies", geographies);
      await insertSnapshotRows(trx, "place_county_parts", parts);
      await insertSnapshotRows(trx, "census_figures", figures);
      return geographies.length + parts.length + figures.length;
    },
  },
  {
    snapshot: PLACES_2015,
    load: async (trx) => {
      const figures = readPlaces2015();
      await insertSnapshotRows(trx, "census_figures", figures);
      return figures.length;
    },
  },
  {
    snapshot: COUNTIES_2016,
    load: async (trx) => {
      const figures = readCounties2016();
      await insertSnapshotRows(trx, "census_figures", figures);
      return figures.length;
    },
  },
  {
    snapshot: COUNTIES_LANGUAGE_2013,
    load: async (trx) => {
      const figures = readCountiesLanguage2013();
      await insertSnapshotRows(trx, "census_figures", figures);
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
      if (await isSnapshotLoaded(trx, snapshot.file)) return false;
      await recordSnapshotLoad(trx, snapshot.file, await load(trx));
      return true;
    });
    if (done) loaded.push(snapshot.file);
  }
  return loaded;
}
