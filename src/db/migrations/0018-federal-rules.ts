import { type Kysely, sql } from "kysely";
import { trackRevisions } from "../revision.js";

/** A CHECK (column IN (...)) clause with literal values, valid on both engines. */
function sqlIn(column: string, values: string[]) {
  return sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
}

const LOCALES = ["en", "es", "zh-Hans"];

// Federal rules and the campaign's public-comment action (issue 12).
//
// - federal_rules (rules/): the watch list, one row per Federal Register document, refreshed by
//   a job; lists (agencies, docket ids, RINs) are JSON arrays in text.
// - comment_actions, comment_templates, comment_drafts, comment_draft_versions (campaigns/comment):
//   which rule an action comments on, the template per language, each member's draft (one per
//   member and action, with its approval and its filing) and every saved version of it.
// - regulations_posts (rules/regulations): one row per comment sent to Regulations.gov, so every
//   process on the database keeps the API's posting limits (50 a minute, 500 an hour) together.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("federal_rules")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("document_number", "text", (c) => c.notNull().unique())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("abstract", "text")
    // The Federal Register's type: "Proposed Rule", "Rule", "Notice", "Presidential Document".
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("action", "text")
    .addColumn("citation", "text")
    .addColumn("agencies", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("publication_date", "text", (c) => c.notNull())
    .addColumn("comments_close_on", "text")
    .addColumn("docket_ids", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("rins", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("regulations_document_id", "text")
    // The docket's own count of comments received, when Regulations.gov gives it.
    .addColumn("comments_count", "integer")
    .addColumn("html_url", "text")
    .addColumn("pdf_url", "text")
    .addColumn("comment_url", "text")
    // Shown on the watch list (staff may take a rule off it).
    .addColumn("watched", "integer", (c) => c.notNull().defaultTo(1))
    // Who added it by its number; null when the watch-list job found it.
    .addColumn("added_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("withdrawn_at", "text")
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("fetched_at", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("federal_rules_close")
    .on("federal_rules")
    .column("comments_close_on")
    .execute();

  await db.schema
    .createTable("comment_actions")
    .addColumn("action_id", "text", (c) =>
      c.primaryKey().references("campaign_actions.id").onDelete("cascade"),
    )
    .addColumn("rule_id", "text", (c) => c.notNull().references("federal_rules.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("comment_actions_rule")
    .on("comment_actions")
    .column("rule_id")
    .execute();

  await db.schema
    .createTable("comment_templates")
    .addColumn("action_id", "text", (c) =>
      c.notNull().references("campaign_actions.id").onDelete("cascade"),
    )
    .addColumn("locale", "text", (c) => c.notNull().check(sqlIn("locale", LOCALES)))
    // Plain text with merge fields such as {{member.name}}.
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("comment_templates_pk", ["action_id", "locale"])
    .execute();

  await db.schema
    .createTable("comment_drafts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("action_id", "text", (c) =>
      c.notNull().references("campaign_actions.id").onDelete("cascade"),
    )
    .addColumn("jurisdiction_id", "text", (c) =>
      c.notNull().references("jurisdictions.id").onDelete("cascade"),
    )
    .addColumn("locale", "text", (c) => c.notNull().check(sqlIn("locale", LOCALES)))
    .addColumn("body", "text", (c) => c.notNull())
    // Raised on every saved change: an approval holds for one version only.
    .addColumn("version", "integer", (c) => c.notNull())
    // The person named to approve; null: any admin of the member.
    .addColumn("approver_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("approved_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("approved_at", "text")
    .addColumn("approved_version", "integer")
    // null (not yet), queued (waits for the job runner), sending (the request may be out),
    // unclear (no answer that proves anything: a person checks before anything is resent),
    // refused (the API said no; nothing was accepted), filed.
    .addColumn("filing", "text", (c) =>
      c.check(sqlIn("filing", ["queued", "sending", "unclear", "refused", "filed"])),
    )
    .addColumn("filed_via", "text", (c) => c.check(sqlIn("filed_via", ["api", "self"])))
    .addColumn("tracking_number", "text")
    .addColumn("filed_at", "text")
    .addColumn("filed_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("filing_error", "text")
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("updated_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("comment_drafts_one_per_member", ["action_id", "jurisdiction_id"])
    .execute();

  await db.schema
    .createTable("comment_draft_versions")
    .addColumn("draft_id", "text", (c) =>
      c.notNull().references("comment_drafts.id").onDelete("cascade"),
    )
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("saved_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("saved_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("comment_draft_versions_pk", ["draft_id", "version"])
    .execute();

  await db.schema
    .createTable("regulations_posts")
    .addColumn("id", "text", (c) => c.primaryKey())
    // ISO time the comment was (or was about to be) sent.
    .addColumn("posted_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("regulations_posts_at")
    .on("regulations_posts")
    .column("posted_at")
    .execute();

  // The watch list and the campaign pages show rules and templates: their changes leave the
  // page cache. Drafts are private and counted per request (decision 0022).
  await trackRevisions(db, "federal_rules");
  await trackRevisions(db, "comment_actions");
  await trackRevisions(db, "comment_templates");
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("regulations_posts").execute();
  await db.schema.dropTable("comment_draft_versions").execute();
  await db.schema.dropTable("comment_drafts").execute();
  await db.schema.dropTable("comment_templates").execute();
  await db.schema.dropTable("comment_actions").execute();
  await db.schema.dropTable("federal_rules").execute();
}
