import type { Kysely } from "kysely";

// Demo accounts (published passwords) are flagged like the demo roster, so the admin area can
// label them and an operator can find and remove them.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("users")
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("users").dropColumn("is_demo").execute();
}
