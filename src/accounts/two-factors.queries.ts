// The `two_factors` table (and the users' flag), as better-auth's `twoFactor` plugin keeps them.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { authFlag, type DB } from "../db/index.js";

/**
 * Turns TOTP on for a user with an encrypted secret and backup codes, replacing any earlier
 * enrolment; false when there is no such user. Call inside a transaction.
 */
export async function storeVerifiedTotp(
  trx: Kysely<DB>,
  userId: string,
  encrypted: { secret: string; backupCodes: string },
): Promise<boolean> {
  const yes = authFlag(trx, true);
  const updated = await trx
    .updateTable("users")
    .set({ two_factor_enabled: yes })
    .where("id", "=", userId)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) return false;
  await trx.deleteFrom("two_factors").where("user_id", "=", userId).execute();
  await trx
    .insertInto("two_factors")
    .values({
      id: randomUUID(),
      secret: encrypted.secret,
      backup_codes: encrypted.backupCodes,
      user_id: userId,
      verified: yes,
      failed_verification_count: 0,
      locked_until: null,
    })
    .execute();
  return true;
}

/** A person's enrolment row (encrypted), confirmed or not. */
export async function twoFactorRow(db: Kysely<DB>, userId: string) {
  return db
    .selectFrom("two_factors")
    .select(["secret", "backup_codes", "verified"])
    .where("user_id", "=", userId)
    .executeTakeFirst();
}
