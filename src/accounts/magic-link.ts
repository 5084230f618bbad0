// Sign-in links by mail (the mail is token-mail.ts): what a link's token is worth before it is spent.
// better-auth keeps the token hashed (`storeToken: "hashed"`: SHA-256, base64url without padding,
// under the identifier `magic-link:<hash>`); we read that row to refuse a dead link on the
// landing page, and to refuse a link for someone who turned on two-step verification after it
// was sent (a magic link skips the second factor: docs/decisions/0004-auth-library.md).
import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB } from "../db/index.js";
import { userByEmailAnyCase } from "./people.queries.js";
import { deleteVerification, verificationByIdentifier } from "./verifications.queries.js";

/** The landing page a mailed sign-in link opens (a button there finishes signing in). */
export const MAGIC_LINK_LANDING = "/account/sign-in/link/verify";

/** Tokens better-auth makes are 32 letters; anything unlike a token is refused unread. */
export function tokenShape(value: unknown): string | undefined {
  return typeof value === "string" && /^[A-Za-z0-9_-]{16,128}$/.test(value) ? value : undefined;
}

function magicLinkIdentifier(token: string): string {
  return `magic-link:${createHash("sha256").update(token).digest("base64url")}`;
}

/**
 * What a sign-in link's token is worth now: `valid`, `invalid` (unknown, spent or expired, or
 * for an address that cannot use links), or `two_factor` (the person turned on two-step
 * verification since; such a token is deleted at once).
 */
export async function magicLinkState(
  db: Kysely<DB>,
  token: string,
): Promise<"valid" | "invalid" | "two_factor"> {
  const identifier = magicLinkIdentifier(token);
  const row = await verificationByIdentifier(db, identifier);
  if (!row || new Date(row.expires_at).getTime() <= Date.now()) return "invalid";
  let email: unknown;
  try {
    email = (JSON.parse(row.value) as { email?: unknown }).email;
  } catch {
    return "invalid";
  }
  if (typeof email !== "string") return "invalid";
  const user = await userByEmailAnyCase(db, email);
  if (!user?.email_verified) return "invalid";
  if (user.two_factor_enabled) {
    await deleteVerification(db, identifier);
    return "two_factor";
  }
  return "valid";
}
