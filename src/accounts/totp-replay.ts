// A TOTP code works once. better-auth's verifyTOTP accepts a code for the time steps around now
// (±1 of 30 seconds) as often as it is sent; before a code reaches it, we work out which step the
// code belongs to and claim that step for the person (totp-steps.queries.ts). A code whose step is
// already claimed (or older than the last claimed) is refused as a wrong code. A code that matches
// no step is left to better-auth, which counts it as a failure.
import { createHmac } from "node:crypto";
import { symmetricDecrypt } from "better-auth/crypto";
import type { Kysely } from "kysely";
import type { DB } from "../db/index.js";
import type { Auth } from "./auth.js";
import { claimTotpStep } from "./totp-steps.queries.js";
import { twoFactorRow } from "./two-factors.queries.js";
import { verificationByIdentifier } from "./verifications.queries.js";

const PERIOD_SECONDS = 30;
/** Steps either side of now that better-auth accepts. */
const WINDOW = 1;
const BASE32_PREFIX = "base32:";
const BASE32_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function base32Decode(text: string): Buffer {
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of text.replace(/=+$/, "").toUpperCase()) {
    const value = BASE32_ALPHABET.indexOf(char);
    if (value < 0) continue;
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((buffer >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

/** The key better-auth computes codes with: a `base32:` secret decoded, else its UTF-8 bytes. */
function keyOf(secret: string): Buffer {
  return secret.startsWith(BASE32_PREFIX)
    ? base32Decode(secret.slice(BASE32_PREFIX.length))
    : Buffer.from(secret, "utf8");
}

/** RFC 4226 HOTP, 6 digits, SHA-1, as better-auth and authenticator apps compute it. */
function hotp(key: Buffer, counter: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const digest = createHmac("sha1", key).update(message).digest();
  const offset = (digest[digest.length - 1] ?? 0) & 15;
  const binary = digest.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 1_000_000).padStart(6, "0");
}

/** The time step `code` belongs to around `now`, or null when it matches none. */
export function totpStepOf(secret: string, code: string, now = Date.now()): number | null {
  const key = keyOf(secret);
  const current = Math.floor(now / 1000 / PERIOD_SECONDS);
  for (let step = current - WINDOW; step <= current + WINDOW; step++) {
    if (hotp(key, step) === code) return step;
  }
  return null;
}

/**
 * False when `code` is a right code for `userId` that was used already (its step, or a later
 * one, is claimed); otherwise true, and a right code's step is now claimed.
 */
export async function claimTotpCode(
  auth: Auth,
  db: Kysely<DB>,
  userId: string,
  code: string,
): Promise<boolean> {
  const row = await twoFactorRow(db, userId);
  if (!row) return true;
  const { secretConfig } = await auth.$context;
  const secret = await symmetricDecrypt({ key: secretConfig, data: row.secret });
  const step = totpStepOf(secret, code);
  return step === null ? true : claimTotpStep(db, userId, step);
}

/**
 * The person a sign-in waiting for its code belongs to: better-auth's `two_factor` cookie holds
 * (signed) the identifier of a verification row whose value is the user's id. Used only to
 * refuse a code used again, never to let anyone in: better-auth checks the signature itself.
 */
export async function pendingSignInUser(
  db: Kysely<DB>,
  cookieHeader: string | undefined,
): Promise<string | undefined> {
  const raw = /(?:^|;\s*)(?:__Secure-)?cfa\.two_factor=([^;]+)/.exec(cookieHeader ?? "")?.[1];
  if (!raw) return undefined;
  let signed: string;
  try {
    signed = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  const dot = signed.lastIndexOf(".");
  if (dot <= 0) return undefined;
  const row = await verificationByIdentifier(db, signed.slice(0, dot));
  return row?.value;
}
