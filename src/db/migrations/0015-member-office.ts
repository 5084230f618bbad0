import type { Kysely } from "kysely";

// A member's office for immigrant affairs on its public profile (issue 10): a profile held only
// the executive and a website, which does not tell a resident where to go or whom to ask. Each
// is optional text, null when the member has not said.
const COLUMNS = [
  "office_name",
  "office_address",
  "office_phone",
  "office_email",
  "office_languages",
  "office_description",
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of COLUMNS) {
    await db.schema.alterTable("jurisdictions").addColumn(column, "text").execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of [...COLUMNS].reverse()) {
    await db.schema.alterTable("jurisdictions").dropColumn(column).execute();
  }
}
