import type { Kysely } from "kysely";

// Wrong passwords per account, so guessing one account's password from many addresses is
// blocked too (the rate limit counts per client address). Addresses are kept as SHA-256 only.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("sign_in_failures")
    .addColumn("email_hash", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("sign_in_failures_email_at")
    .on("sign_in_failures")
    .columns(["email_hash", "at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("sign_in_failures").execute();
}
