import { type Kysely, sql } from "kysely";

// Membership applications from /join, and the outbox every e-mail goes through (sent by SMTP
// when configured, kept for staff to read when not).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("membership_applications")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("geoid", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("executive_name", "text", (c) => c.notNull())
    .addColumn("executive_title", "text", (c) => c.notNull())
    .addColumn("contact_name", "text", (c) => c.notNull())
    .addColumn("contact_title", "text")
    .addColumn("contact_email", "text", (c) => c.notNull())
    .addColumn("contact_phone", "text")
    .addColumn("message", "text")
    .addColumn("locale", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('pending', 'accepted', 'declined')`),
    )
    .addColumn("decision_reason", "text")
    // One per form rendering: a double click or a retried POST finds the first application.
    .addColumn("submission_key", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("decided_at", "text")
    .execute();
  await db.schema
    .createIndex("membership_applications_status")
    .on("membership_applications")
    .columns(["status", "created_at"])
    .execute();

  await db.schema
    .createTable("outbox")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("to_address", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("text_body", "text", (c) => c.notNull())
    .addColumn("locale", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('kept', 'queued', 'sent', 'failed')`),
    )
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .execute();
  await db.schema
    .createIndex("outbox_status")
    .on("outbox")
    .columns(["status", "created_at"])
    .execute();
}
