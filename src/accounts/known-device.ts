// "Known device": a browser that has signed in to an account with its password carries a token
// for that account, so when the account's failure ceiling is reached (sign-in-failures.queries.ts)
// its owner still signs in there while a guesser elsewhere, who has no such token, is refused
// (docs/decisions/0010). The token is an HMAC of the account's address with the auth secret:
// nothing stored, the same for every browser of the account, and not forgeable without the
// secret. The address rather than the account id, so checking it needs no lookup that would
// answer differently for an address without an account.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";

export const KNOWN_DEVICE_COOKIE = "cfa.known_devices";
/** Tokens kept per browser: a shared office computer may know a few accounts. */
const KEEP = 5;
const MAX_AGE_SECONDS = 365 * 24 * 3600;

function tokenFor(secret: string, email: string): string {
  return createHmac("sha256", secret)
    .update(`known-device:${email.trim().toLowerCase()}`)
    .digest("base64url");
}

function tokensOf(request: FastifyRequest): string[] {
  const raw = request.cookies?.[KNOWN_DEVICE_COOKIE] ?? "";
  return raw.split(".").filter((t) => /^[A-Za-z0-9_-]{43}$/.test(t));
}

/** True when this browser has signed in to `email`'s account before. */
export function isKnownDevice(request: FastifyRequest, secret: string, email: string): boolean {
  const expected = Buffer.from(tokenFor(secret, email));
  return tokensOf(request).some((t) => timingSafeEqual(Buffer.from(t), expected));
}

/** Marks this browser as known to `email`'s account (after a right password). */
export function rememberDevice(
  request: FastifyRequest,
  reply: FastifyReply,
  secret: string,
  email: string,
): void {
  const token = tokenFor(secret, email);
  const tokens = [token, ...tokensOf(request).filter((t) => t !== token)].slice(0, KEEP);
  reply.setCookie(KNOWN_DEVICE_COOKIE, tokens.join("."), {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: request.server.config.publicUrl.startsWith("https:"),
    maxAge: MAX_AGE_SECONDS,
  });
}
