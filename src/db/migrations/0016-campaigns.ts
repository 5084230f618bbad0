import { type Kysely, sql } from "kysely";
import { trackRevisions } from "../revision.js";

/** A CHECK (column IN (...)) clause with literal values, valid on both engines. */
function sqlIn(column: string, values: string[]) {
  return sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
}

const LOCALES = ["en", "es", "zh-Hans"];

// Campaigns (issue 11): a campaign with its texts per language, its actions of several kinds
// (letter, event, social, comment: the comment kind's own details come with the federal rules
// issue), and participation: one row per member and action, whatever the kind, so that
// counting who took part is one query. Kind-specific details live in their own tables keyed by
// the action. ISO-text timestamps; a campaign's dates are days in its IANA time zone.
export async function up(db: Kysely<unknown>): Promise<void> {
  // The language a person signs in in: campaign mail to members' staff is written in it.
  await db.schema.alterTable("users").addColumn("locale", "text").execute();
  await db.schema
    .createTable("campaigns")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("status", "text", (c) =>
      c.notNull().check(sqlIn("status", ["draft", "published", "closed", "archived"])),
    )
    .addColumn("starts_on", "text", (c) => c.notNull())
    .addColumn("ends_on", "text", (c) => c.notNull())
    .addColumn("time_zone", "text", (c) => c.notNull())
    // Topics as one line of text, comma-separated, in the coalition's words (English).
    .addColumn("topics", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("goal_members", "integer")
    .addColumn("visibility", "text", (c) =>
      c.notNull().check(sqlIn("visibility", ["public", "members"])),
    )
    .addColumn("signatories_public", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("published_at", "text")
    .addColumn("closed_at", "text")
    .addColumn("results_published_at", "text")
    .addCheckConstraint("campaigns_dates", sql`starts_on <= ends_on`)
    .execute();

  await db.schema
    .createTable("campaign_texts")
    .addColumn("campaign_id", "text", (c) =>
      c.notNull().references("campaigns.id").onDelete("cascade"),
    )
    .addColumn("locale", "text", (c) => c.notNull().check(sqlIn("locale", LOCALES)))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    // A translation is shown once ready; a draft one falls back (visibly) to English.
    .addColumn("status", "text", (c) => c.notNull().check(sqlIn("status", ["draft", "ready"])))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("campaign_texts_pk", ["campaign_id", "locale"])
    .execute();

  await db.schema
    .createTable("campaign_actions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("campaign_id", "text", (c) =>
      c.notNull().references("campaigns.id").onDelete("cascade"),
    )
    .addColumn("kind", "text", (c) =>
      c.notNull().check(sqlIn("kind", ["letter", "event", "social", "comment"])),
    )
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("campaign_actions_campaign")
    .on("campaign_actions")
    .column("campaign_id")
    .execute();

  await db.schema
    .createTable("action_texts")
    .addColumn("action_id", "text", (c) =>
      c.notNull().references("campaign_actions.id").onDelete("cascade"),
    )
    .addColumn("locale", "text", (c) => c.notNull().check(sqlIn("locale", LOCALES)))
    .addColumn("title", "text", (c) => c.notNull())
    // The letter's text, the event's description, the social push's brief: Markdown.
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("action_texts_pk", ["action_id", "locale"])
    .execute();

  await db.schema
    .createTable("event_details")
    .addColumn("action_id", "text", (c) =>
      c.primaryKey().references("campaign_actions.id").onDelete("cascade"),
    )
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("ends_at", "text", (c) => c.notNull())
    .addColumn("time_zone", "text", (c) => c.notNull())
    .addColumn("join_url", "text")
    .addColumn("dial_in", "text")
    .addColumn("capacity", "integer")
    .addColumn("public_rsvp", "integer", (c) => c.notNull().defaultTo(0))
    // RFC 5545 SEQUENCE: raised on every change a calendar should take.
    .addColumn("sequence", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("cancelled_at", "text")
    .addCheckConstraint("event_details_times", sql`starts_at < ends_at`)
    .execute();

  await db.schema
    .createTable("event_rsvps")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("action_id", "text", (c) =>
      c.notNull().references("campaign_actions.id").onDelete("cascade"),
    )
    // Member staff RSVP for their jurisdiction; the public has none.
    .addColumn("jurisdiction_id", "text", (c) =>
      c.references("jurisdictions.id").onDelete("cascade"),
    )
    .addColumn("user_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.notNull().check(sql`email = lower(email)`))
    .addColumn("locale", "text", (c) => c.notNull().check(sqlIn("locale", LOCALES)))
    .addColumn("status", "text", (c) =>
      c.notNull().check(sqlIn("status", ["unconfirmed", "going", "waitlist", "cancelled"])),
    )
    // A public RSVP's confirmation link: only its SHA-256 is kept.
    .addColumn("token_hash", "text", (c) => c.unique())
    .addColumn("attended", "integer")
    .addColumn("reminded_day_at", "text")
    .addColumn("reminded_hour_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("event_rsvps_one_per_address", ["action_id", "email"])
    .execute();

  await db.schema
    .createTable("social_messages")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("action_id", "text", (c) =>
      c.notNull().references("campaign_actions.id").onDelete("cascade"),
    )
    .addColumn("platform", "text", (c) =>
      c
        .notNull()
        .check(
          sqlIn("platform", [
            "x",
            "bluesky",
            "threads",
            "mastodon",
            "facebook",
            "instagram",
            "linkedin",
          ]),
        ),
    )
    .addColumn("locale", "text", (c) => c.notNull().check(sqlIn("locale", LOCALES)))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("social_messages_one", ["action_id", "platform", "locale"])
    .execute();

  await db.schema
    .createTable("participations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("action_id", "text", (c) =>
      c.notNull().references("campaign_actions.id").onDelete("cascade"),
    )
    .addColumn("jurisdiction_id", "text", (c) =>
      c.notNull().references("jurisdictions.id").onDelete("cascade"),
    )
    .addColumn("acted_by", "text", (c) => c.references("users.id").onDelete("set null"))
    // A letter's signer, as the member gave them.
    .addColumn("signer_name", "text")
    .addColumn("signer_title", "text")
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    // A withdrawn signature (or cancelled RSVP) no longer counts, and is kept for the record.
    .addColumn("withdrawn_at", "text")
    .addUniqueConstraint("participations_one_per_member", ["action_id", "jurisdiction_id"])
    .execute();
  await db.schema
    .createIndex("participations_jurisdiction")
    .on("participations")
    .column("jurisdiction_id")
    .execute();

  await db.schema
    .createTable("social_posts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("action_id", "text", (c) =>
      c.notNull().references("campaign_actions.id").onDelete("cascade"),
    )
    .addColumn("jurisdiction_id", "text", (c) =>
      c.notNull().references("jurisdictions.id").onDelete("cascade"),
    )
    .addColumn("platform", "text", (c) => c.notNull())
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("reported_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("social_posts_one_per_address", ["action_id", "url"])
    .execute();

  // Public pages built from these are cached by data revision; participation is not tracked
  // (pages that count it are rendered each time), so a week of action's writes leave the cache be.
  for (const table of ["campaigns", "campaign_texts", "campaign_actions", "action_texts"]) {
    await trackRevisions(db, table);
  }
  await trackRevisions(db, "event_details");
  await trackRevisions(db, "social_messages");
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "social_posts",
    "participations",
    "social_messages",
    "event_rsvps",
    "event_details",
    "action_texts",
    "campaign_actions",
    "campaign_texts",
    "campaigns",
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable("users").dropColumn("locale").execute();
}
