import type { Kysely } from "kysely";

// Census geography reference data: every place and county (to pick a jurisdiction by name and
// get its GEOID right) and the 2020 place-to-county parts (to count a resident once when a city
// and its county are both members). Loaded from census/ by members/census-load.ts.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("census_geographies")
    .addColumn("geoid", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("population_2020", "bigint")
    .execute();
  await db.schema
    .createIndex("census_geographies_state")
    .on("census_geographies")
    .columns(["state", "kind"])
    .execute();

  await db.schema
    .createTable("place_county_parts")
    .addColumn("place_geoid", "text", (c) => c.notNull())
    .addColumn("county_geoid", "text", (c) => c.notNull())
    .addColumn("population_2020", "bigint", (c) => c.notNull())
    .addColumn("share_of_place", "real", (c) => c.notNull())
    .addPrimaryKeyConstraint("place_county_parts_pk", ["place_geoid", "county_geoid"])
    .execute();
  await db.schema
    .createIndex("place_county_parts_county")
    .on("place_county_parts")
    .column("county_geoid")
    .execute();

  // Which snapshot files have been loaded, so a start loads each once.
  await db.schema
    .createTable("census_loads")
    .addColumn("snapshot", "text", (c) => c.primaryKey())
    .addColumn("rows", "integer", (c) => c.notNull())
    .addColumn("loaded_at", "text", (c) => c.notNull())
    .execute();
}
