import { type Kysely, sql } from "kysely";

// One-time links leave the readable outbox (issue 9): a mail that carries one keeps it only
// encrypted, and only until it is sent (`sealed_body`, see src/mail/sealed.ts); `secret_removed_at`
// says when it was wiped, so such a mail is never sent again without it. Mail written before this
// migration held live links in `text_body` (shown at /admin/outbox, kept in every backup): they
// are replaced by a notice here. One still queued is then given up on when its job runs (its link
// is gone); the person asks for a new one.
const LINK = /\S*[?&]token=[A-Za-z0-9_-]+\S*/g;
const REMOVED: Record<string, string> = {
  es: "[enlace eliminado]",
  "zh-Hans": "[链接已删除]",
};

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("outbox").addColumn("sealed_body", "text").execute();
  await db.schema.alterTable("outbox").addColumn("secret_removed_at", "text").execute();

  const now = new Date().toISOString();
  const { rows } = await sql<{ id: string; text_body: string; locale: string }>`
    select id, text_body, locale from outbox where text_body like ${"%token=%"}`.execute(db);
  for (const row of rows) {
    const redacted = row.text_body.replace(LINK, REMOVED[row.locale] ?? "[link removed]");
    if (redacted === row.text_body) continue;
    await sql`update outbox set text_body = ${redacted}, secret_removed_at = ${now}
              where id = ${row.id}`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("outbox").dropColumn("secret_removed_at").execute();
  await db.schema.alterTable("outbox").dropColumn("sealed_body").execute();
}
