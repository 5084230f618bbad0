import type { Kysely } from "kysely";

// Sign-in throttling by account and client (docs/decisions/0010): each wrong password records
// the hashed client address beside the hashed account address, so one client's guesses lock out
// only that client. Rows from before have no client ('') and age out within a day.
// `totp_steps`: the last TOTP time step accepted per person, so a code works once.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("sign_in_failures")
    .addColumn("client_hash", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema
    .createIndex("sign_in_failures_client_at")
    .on("sign_in_failures")
    .columns(["client_hash", "at"])
    .execute();
  await db.schema
    .createTable("totp_steps")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("step", "integer", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("totp_steps").execute();
  await db.schema.dropIndex("sign_in_failures_client_at").execute();
  await db.schema.alterTable("sign_in_failures").dropColumn("client_hash").execute();
}
