// Per-account lockout: after 10 wrong passwords for one address within 15 minutes, password
// sign-in for that address is refused until the oldest of them is 15 minutes old, from every
// client address. Unknown addresses are counted the same way, so a lock says nothing about
// whether an account exists. The per-address rate limit (sign-in.routes.tsx) slows one client;
// this stops many clients taking turns at one account. The table is shared by every process.
import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB } from "../db/index.js";

export const ACCOUNT_LOCK = { failures: 10, minutes: 15 };
const KEEP_HOURS = 24;

function hashOf(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("hex");
}

function minutesBefore(now: Date, minutes: number): string {
  return new Date(now.getTime() - minutes * 60_000).toISOString();
}

/** True when `email` has had too many wrong passwords lately. */
export async function signInLocked(db: Kysely<DB>, email: string, now = new Date()) {
  const row = await db
    .selectFrom("sign_in_failures")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("email_hash", "=", hashOf(email))
    .where("at", ">", minutesBefore(now, ACCOUNT_LOCK.minutes))
    .executeTakeFirst();
  return Number(row?.n ?? 0) >= ACCOUNT_LOCK.failures;
}

/** Records a wrong password for `email`, and forgets failures older than a day. */
export async function recordSignInFailure(db: Kysely<DB>, email: string, now = new Date()) {
  await db
    .insertInto("sign_in_failures")
    .values({ email_hash: hashOf(email), at: now.toISOString() })
    .execute();
  await db
    .deleteFrom("sign_in_failures")
    .where("at", "<", minutesBefore(now, KEEP_HOURS * 60))
    .execute();
}

/** A right password clears the count. */
export async function clearSignInFailures(db: Kysely<DB>, email: string) {
  await db.deleteFrom("sign_in_failures").where("email_hash", "=", hashOf(email)).execute();
}
