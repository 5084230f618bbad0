import { type Kysely, sql } from "kysely";
import { trackRevisions } from "../revision.js";

/** A CHECK (column IN (...)) clause with literal values, valid on both engines. */
function sqlIn(column: string, values: readonly string[]) {
  return sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
}

export const RESOURCE_TYPES = [
  "toolkit",
  "report",
  "case_study",
  "video",
  "graphic",
  "social_set",
  "fact_sheet",
  "op_ed",
  "news",
  "statement",
] as const;

export const RESOURCE_TOPICS = [
  "public_charge",
  "family_separation",
  "tps",
  "ded",
  "daca_youth",
  "immigration_reform",
  "municipal_id",
  "legal_services",
  "language_access",
] as const;

const PLATFORMS = ["x", "bluesky", "threads", "mastodon", "facebook", "instagram", "linkedin"];

// The resource library (issue 13): items of ten types, each with a version per language that is
// a first-class row (its own status and editor: a translation is not a copied row), topics,
// featured members, files (stored by content hash in the file store; the row says what each is),
// a toolkit's named page ranges, a social set's messages, issue pages composed from items in
// the order an editor sets, the fallback order between languages as data, and downloads counted
// per item, language and day with nothing about who downloaded.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("resources")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("type", "text", (c) => c.notNull().check(sqlIn("type", RESOURCE_TYPES)))
    // draft (never shown), published (shown from publish_at, or at once when it is null),
    // unpublished (taken down; kept for staff).
    .addColumn("status", "text", (c) =>
      c.notNull().check(sqlIn("status", ["draft", "published", "unpublished"])),
    )
    .addColumn("publish_at", "text")
    // The item's own date (a report's, an op-ed's), YYYY-MM-DD: what lists sort and filter by.
    .addColumn("dated_on", "text", (c) => c.notNull())
    // A partner credited with the item (e.g. the toolkit's), as the partner writes its name.
    .addColumn("partner", "text")
    // A video's address at its host; its player is loaded only when a reader asks for it.
    .addColumn("video_url", "text")
    // A case study's report.
    .addColumn("parent_id", "text", (c) => c.references("resources.id").onDelete("set null"))
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    // When it was first published (feeds' dates).
    .addColumn("published_at", "text")
    .execute();
  await db.schema.createIndex("resources_dated").on("resources").column("dated_on").execute();

  await db.schema
    .createTable("resource_versions")
    .addColumn("resource_id", "text", (c) =>
      c.notNull().references("resources.id").onDelete("cascade"),
    )
    // A BCP 47 tag; any language a translator adds, not only the site's own three.
    .addColumn("locale", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull().defaultTo(""))
    // Markdown, rendered safely; a video's transcript is its body.
    .addColumn("body", "text", (c) => c.notNull().defaultTo(""))
    // A version is shown once ready; a draft one is not (its readers get the fallback, labelled).
    .addColumn("status", "text", (c) => c.notNull().check(sqlIn("status", ["draft", "ready"])))
    .addColumn("editor_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("resource_versions_pk", ["resource_id", "locale"])
    .execute();

  await db.schema
    .createTable("resource_topics")
    .addColumn("resource_id", "text", (c) =>
      c.notNull().references("resources.id").onDelete("cascade"),
    )
    .addColumn("topic", "text", (c) => c.notNull().check(sqlIn("topic", RESOURCE_TOPICS)))
    .addPrimaryKeyConstraint("resource_topics_pk", ["resource_id", "topic"])
    .execute();
  await db.schema
    .createIndex("resource_topics_topic")
    .on("resource_topics")
    .column("topic")
    .execute();

  await db.schema
    .createTable("resource_members")
    .addColumn("resource_id", "text", (c) =>
      c.notNull().references("resources.id").onDelete("cascade"),
    )
    .addColumn("jurisdiction_id", "text", (c) =>
      c.notNull().references("jurisdictions.id").onDelete("cascade"),
    )
    .addPrimaryKeyConstraint("resource_members_pk", ["resource_id", "jurisdiction_id"])
    .execute();
  await db.schema
    .createIndex("resource_members_jurisdiction")
    .on("resource_members")
    .column("jurisdiction_id")
    .execute();

  await db.schema
    .createTable("resource_files")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("resource_id", "text", (c) =>
      c.notNull().references("resources.id").onDelete("cascade"),
    )
    // The language of the file; null: the same file for every language (a graphic without text).
    .addColumn("locale", "text")
    .addColumn("role", "text", (c) =>
      c.notNull().check(sqlIn("role", ["document", "image", "captions", "attachment"])),
    )
    // The file store's key (the content's SHA-256).
    .addColumn("file_key", "text", (c) => c.notNull())
    .addColumn("media_type", "text", (c) => c.notNull())
    .addColumn("bytes", "integer", (c) => c.notNull())
    // As uploaded, sanitized: shown and offered as the download's name, never a path.
    .addColumn("filename", "text", (c) => c.notNull())
    .addColumn("width", "integer")
    .addColumn("height", "integer")
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("resource_files_resource")
    .on("resource_files")
    .column("resource_id")
    .execute();

  await db.schema
    .createTable("resource_file_alts")
    .addColumn("file_id", "text", (c) =>
      c.notNull().references("resource_files.id").onDelete("cascade"),
    )
    .addColumn("locale", "text", (c) => c.notNull())
    .addColumn("alt", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("resource_file_alts_pk", ["file_id", "locale"])
    .execute();

  // Named page ranges of a document ("Social media messages and graphics: pages 22-24").
  await db.schema
    .createTable("resource_sections")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("resource_id", "text", (c) =>
      c.notNull().references("resources.id").onDelete("cascade"),
    )
    .addColumn("locale", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("first_page", "integer", (c) => c.notNull())
    .addColumn("last_page", "integer", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addCheckConstraint("resource_sections_pages", sql`first_page >= 1 and first_page <= last_page`)
    .execute();

  // A social message set's messages, per platform and language (checked against the platform's
  // counting rule by the campaigns' one implementation).
  await db.schema
    .createTable("resource_messages")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("resource_id", "text", (c) =>
      c.notNull().references("resources.id").onDelete("cascade"),
    )
    .addColumn("locale", "text", (c) => c.notNull())
    .addColumn("platform", "text", (c) => c.notNull().check(sqlIn("platform", PLATFORMS)))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex("resource_messages_resource")
    .on("resource_messages")
    .column("resource_id")
    .execute();

  // The order in which a reader of `locale` is offered other languages when a version is
  // missing: data, so a language added later (zh-Hant) gets its own (zh-Hans, then en).
  await db.schema
    .createTable("language_fallbacks")
    .addColumn("locale", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("fallback", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("language_fallbacks_pk", ["locale", "position"])
    .execute();
  const fallbacks = [
    ["es", 1, "en"],
    ["zh-Hans", 1, "en"],
    ["zh-Hant", 1, "zh-Hans"],
    ["zh-Hant", 2, "en"],
  ] as const;
  for (const [locale, position, fallback] of fallbacks) {
    await sql`insert into language_fallbacks (locale, position, fallback) values (${locale}, ${position}, ${fallback})`.execute(
      db,
    );
  }

  await db.schema
    .createTable("issue_pages")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("status", "text", (c) =>
      c.notNull().check(sqlIn("status", ["draft", "published", "unpublished"])),
    )
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("issue_page_versions")
    .addColumn("issue_id", "text", (c) =>
      c.notNull().references("issue_pages.id").onDelete("cascade"),
    )
    .addColumn("locale", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("intro", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("status", "text", (c) => c.notNull().check(sqlIn("status", ["draft", "ready"])))
    .addColumn("editor_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("issue_page_versions_pk", ["issue_id", "locale"])
    .execute();
  await db.schema
    .createTable("issue_page_items")
    .addColumn("issue_id", "text", (c) =>
      c.notNull().references("issue_pages.id").onDelete("cascade"),
    )
    .addColumn("resource_id", "text", (c) =>
      c.notNull().references("resources.id").onDelete("cascade"),
    )
    .addColumn("position", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("issue_page_items_pk", ["issue_id", "resource_id"])
    .execute();

  // Downloads, counted without cookies or anything about the reader.
  await db.schema
    .createTable("resource_downloads")
    .addColumn("resource_id", "text", (c) =>
      c.notNull().references("resources.id").onDelete("cascade"),
    )
    .addColumn("locale", "text", (c) => c.notNull())
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("resource_downloads_pk", ["resource_id", "locale", "day"])
    .execute();

  // Public pages show all of these: a change leaves the page cache. Downloads do not.
  for (const table of [
    "resources",
    "resource_versions",
    "resource_topics",
    "resource_members",
    "resource_files",
    "resource_file_alts",
    "resource_sections",
    "resource_messages",
    "language_fallbacks",
    "issue_pages",
    "issue_page_versions",
    "issue_page_items",
  ]) {
    await trackRevisions(db, table);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "resource_downloads",
    "issue_page_items",
    "issue_page_versions",
    "issue_pages",
    "language_fallbacks",
    "resource_messages",
    "resource_sections",
    "resource_file_alts",
    "resource_files",
    "resource_members",
    "resource_topics",
    "resource_versions",
    "resources",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
