// The `verifications` table, where better-auth keeps the tokens of mailed links: read to refuse a
// dead link before a person presses its button.
import type { Kysely } from "kysely";
import type { DB } from "../db/index.js";

/** The stored value and expiry of a token, by better-auth's identifier for it. */
export async function verificationByIdentifier(db: Kysely<DB>, identifier: string) {
  return db
    .selectFrom("verifications")
    .select(["value", "expires_at"])
    .where("identifier", "=", identifier)
    .executeTakeFirst();
}

export async function deleteVerification(db: Kysely<DB>, identifier: string): Promise<void> {
  await db.deleteFrom("verifications").where("identifier", "=", identifier).execute();
}
