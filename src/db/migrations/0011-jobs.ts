import { type Kysely, sql } from "kysely";

// Durable background jobs (src/jobs/), and a kind on each outbox message so that the limit on
// token mails (sign-in links, password resets) counts only those, not every mail to the address.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("jobs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    // JSON.
    .addColumn("payload", "text", (c) => c.notNull())
    // At most one job per key (null: any number): a recurring job's, or one job per outbox row.
    .addColumn("key", "text", (c) => c.unique())
    .addColumn("state", "text", (c) =>
      c.notNull().check(sql`state in ('queued', 'running', 'dead')`),
    )
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    // queued: when it may run (not before); running: when its claim's lease ends.
    .addColumn("run_at", "text", (c) => c.notNull())
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("jobs_due").on("jobs").columns(["state", "run_at"]).execute();

  await db.schema
    .alterTable("outbox")
    .addColumn("kind", "text", (c) => c.notNull().defaultTo("general"))
    .execute();
  await db.schema
    .createIndex("outbox_to_kind")
    .on("outbox")
    .columns(["to_address", "kind", "created_at"])
    .execute();

  // Messages the old poller had queued get their delivery job, so none is lost by the upgrade.
  // For a queued row, sent_at was when it might next be tried; it is now only the send time.
  await sql`
    insert into jobs (id, name, payload, key, state, attempts, run_at, created_at, updated_at)
    select 'mail-' || id, 'mail.deliver', '{"outboxId":"' || id || '"}', 'mail:' || id, 'queued',
           attempts, coalesce(sent_at, created_at), created_at, created_at
    from outbox where status = 'queued'`.execute(db);
  await sql`update outbox set sent_at = null where status = 'queued'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("outbox_to_kind").execute();
  await db.schema.alterTable("outbox").dropColumn("kind").execute();
  await db.schema.dropTable("jobs").execute();
}
