import { type Kysely, sql } from "kysely";
import { trackRevisions } from "../revision.js";

const LOCALES = ["en", "es", "zh-Hans"];

// Graphics for a social push (issue 11): images staff upload for members to post with the
// messages, each with its alt text per language. The file itself lives on disk, named by its
// SHA-256 (src/campaigns/graphics/graphics.store.ts); the row says what it is.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("social_graphics")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("action_id", "text", (c) =>
      c.notNull().references("campaign_actions.id").onDelete("cascade"),
    )
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("media_type", "text", (c) =>
      c
        .notNull()
        .check(
          sql`media_type in (${sql.join(["image/png", "image/jpeg", "image/webp"].map((v) => sql.lit(v)))})`,
        ),
    )
    .addColumn("bytes", "integer", (c) => c.notNull())
    .addColumn("width", "integer", (c) => c.notNull())
    .addColumn("height", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("social_graphics_action")
    .on("social_graphics")
    .column("action_id")
    .execute();
  await db.schema
    .createTable("social_graphic_alts")
    .addColumn("graphic_id", "text", (c) =>
      c.notNull().references("social_graphics.id").onDelete("cascade"),
    )
    .addColumn("locale", "text", (c) =>
      c.notNull().check(sql`locale in (${sql.join(LOCALES.map((v) => sql.lit(v)))})`),
    )
    .addColumn("alt", "text", (c) => c.notNull().check(sql`length(alt) <= 1000`))
    .addPrimaryKeyConstraint("social_graphic_alts_pk", ["graphic_id", "locale"])
    .execute();
  // The campaign page shows them: a change must leave the page cache (as social_messages does).
  await trackRevisions(db, "social_graphics");
  await trackRevisions(db, "social_graphic_alts");
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("social_graphic_alts").execute();
  await db.schema.dropTable("social_graphics").execute();
}
