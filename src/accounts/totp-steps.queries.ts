// The `totp_steps` table: the last TOTP time step accepted per person (migration 0013), so a code
// is accepted once (RFC 6238 §5.2) although better-auth takes it again within its window.
import type { Kysely } from "kysely";
import type { DB } from "../db/index.js";

/**
 * Records `step` as used by `userId` if it is later than the last one used; false when it is not
 * (the code was used already, or a later one was). One statement, so two posts of one code at
 * once cannot both pass.
 */
export async function claimTotpStep(db: Kysely<DB>, userId: string, step: number) {
  const row = await db
    .insertInto("totp_steps")
    .values({ user_id: userId, step })
    .onConflict((oc) =>
      oc.column("user_id").doUpdateSet({ step }).where("totp_steps.step", "<", step),
    )
    .returning("step")
    .executeTakeFirst();
  return row !== undefined;
}
