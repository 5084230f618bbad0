// Wrong passwords, counted so that guessing stays slow without handing anyone a switch that
// locks an account's owner out (docs/decisions/0010-sign-in-throttling.md). Each failure is kept
// as (hashed account address, hashed client address, time); three rules read them:
// - per account and client: 10 in 15 minutes stop that client trying that account;
// - per client: 30 in 15 minutes stop that client trying any account (spraying);
// - per account: 100 in an hour, from anywhere, and the right password is taken only from a
//   device that signed in to the account before (known-device.ts).
// A right password clears that client's failures for the account; a password reset clears all of
// the account's. Unknown addresses are counted the same way, so nothing tells who has an account.
import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB } from "../db/index.js";

interface Rule {
  failures: number;
  minutes: number;
}

export const CLIENT_ACCOUNT_LIMIT: Rule = { failures: 10, minutes: 15 };
export const CLIENT_LIMIT: Rule = { failures: 30, minutes: 15 };
export const ACCOUNT_CEILING: Rule = { failures: 100, minutes: 60 };
const KEEP_HOURS = 24;

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

const emailHash = (email: string) => sha256(email.trim().toLowerCase());
const clientHash = (client: string) => sha256(`client:${client}`);

function minutesBefore(now: Date, minutes: number): string {
  return new Date(now.getTime() - minutes * 60_000).toISOString();
}

export interface SignInThrottle {
  /** Milliseconds until this client may try this account again; 0 when it may now. */
  clientWait: number;
  /** Milliseconds until the account's ceiling is no longer reached; 0 when it is not. */
  ceilingWait: number;
}

/** How long a rule still holds: until the failure that filled it is `minutes` old; else 0. */
async function waitFor(
  db: Kysely<DB>,
  where: { email?: string; client?: string },
  rule: Rule,
  now: Date,
): Promise<number> {
  let query = db
    .selectFrom("sign_in_failures")
    .select("at")
    .where("at", ">", minutesBefore(now, rule.minutes));
  if (where.email !== undefined) query = query.where("email_hash", "=", emailHash(where.email));
  if (where.client !== undefined) query = query.where("client_hash", "=", clientHash(where.client));
  // The newest `failures`-th failure: the rule holds until it is old enough.
  const row = await query
    .orderBy("at", "desc")
    .limit(1)
    .offset(rule.failures - 1)
    .executeTakeFirst();
  if (!row) return 0;
  return Math.max(1, new Date(row.at).getTime() + rule.minutes * 60_000 - now.getTime());
}

/** What the failures so far allow `client` to do with `email`'s password. */
export async function signInThrottle(
  db: Kysely<DB>,
  email: string,
  client: string,
  now = new Date(),
): Promise<SignInThrottle> {
  const [pair, spray, ceilingWait] = await Promise.all([
    waitFor(db, { email, client }, CLIENT_ACCOUNT_LIMIT, now),
    waitFor(db, { client }, CLIENT_LIMIT, now),
    waitFor(db, { email }, ACCOUNT_CEILING, now),
  ]);
  return { clientWait: Math.max(pair, spray), ceilingWait };
}

/** Records a wrong password for `email` from `client`, and forgets failures older than a day. */
export async function recordSignInFailure(
  db: Kysely<DB>,
  email: string,
  client: string,
  now = new Date(),
) {
  await db
    .insertInto("sign_in_failures")
    .values({
      email_hash: emailHash(email),
      client_hash: clientHash(client),
      at: now.toISOString(),
    })
    .execute();
  await db
    .deleteFrom("sign_in_failures")
    .where("at", "<", minutesBefore(now, KEEP_HOURS * 60))
    .execute();
}

/**
 * A right password clears that client's failures for the account (its owner's typos), not the
 * others': the owner signing in must not give a guesser elsewhere a fresh count. Without
 * `client` (a password reset, which proves the mailbox), every failure of the account goes.
 */
export async function clearSignInFailures(db: Kysely<DB>, email: string, client?: string) {
  let query = db.deleteFrom("sign_in_failures").where("email_hash", "=", emailHash(email));
  if (client !== undefined) query = query.where("client_hash", "=", clientHash(client));
  await query.execute();
}
