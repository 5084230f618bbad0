// Password reset by mail (the mail is token-mail.ts): whether a reset token is still good (better-auth keeps
// it plain under the identifier `reset-password:<token>`; it is spent by `auth.api.resetPassword`).
import type { Kysely } from "kysely";
import type { DB } from "../db/index.js";
import { verificationByIdentifier } from "./verifications.queries.js";

/** The page a mailed reset link opens: the form for the new password. */
export const RESET_LANDING = "/account/reset/new";

/** True while a reset token can still be used. */
export async function resetTokenValid(db: Kysely<DB>, token: string): Promise<boolean> {
  const row = await verificationByIdentifier(db, `reset-password:${token}`);
  return Boolean(row && new Date(row.expires_at).getTime() > Date.now());
}
