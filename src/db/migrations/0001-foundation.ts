import { type Kysely, sql } from "kysely";

/** A CHECK (column IN (...)) clause with literal values, valid on both engines. */
function sqlIn(column: string, values: string[]) {
  return sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
}

// Types used here exist on both engines: text, integer, bigint. Ids are application-made UUIDs
// so no engine-specific identity column is needed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("jurisdictions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) =>
      c.notNull().check(sqlIn("kind", ["city", "county", "city_county"])),
    )
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("geoid", "text", (c) => c.notNull().unique())
    .addColumn("executive_name", "text")
    .addColumn("executive_title", "text")
    .addColumn("website", "text")
    .addColumn("status", "text", (c) =>
      c.notNull().check(sqlIn("status", ["applicant", "member", "former"])),
    )
    .addColumn("joined_on", "text")
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("jurisdictions_status")
    .on("jurisdictions")
    .column("status")
    .execute();

  await db.schema
    .createTable("census_figures")
    .addColumn("geoid", "text", (c) => c.notNull())
    .addColumn("measure", "text", (c) => c.notNull())
    .addColumn("value", "bigint", (c) => c.notNull())
    .addColumn("vintage", "text", (c) => c.notNull())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("is_estimate", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("census_figures_pk", ["geoid", "measure", "vintage"])
    .execute();

  await db.schema
    .createTable("content_blocks")
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("locale", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("content_blocks_pk", ["key", "locale"])
    .execute();

  await db.schema
    .createTable("users")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) =>
      c.notNull().check(sqlIn("role", ["coalition_admin", "coalition_editor"])),
    )
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["users", "content_blocks", "census_figures", "jurisdictions"]) {
    await db.schema.dropTable(table).execute();
  }
}
