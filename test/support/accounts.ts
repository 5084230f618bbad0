// People with accounts, and signing them in as a browser would (CSRF cookie and token first).
// Coalition admins must use two-step verification, so `createUser` turns it on for them with a
// secret it remembers, and `postSignIn`/`signIn` answer the code step with a code computed by
// an independent TOTP implementation (otpauth), as an authenticator app would.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { Kysely } from "kysely";
import { Secret, TOTP } from "otpauth";
import { type Auth, createAuth, enrollTotp } from "../../src/accounts/index.js";
import { authFlag, type DB, dialectOf, type UserRole } from "../../src/db/index.js";
import { DEFAULT_LOCALE, type Locale, localizedPath } from "../../src/i18n/index.js";
import { testConfig } from "./app.js";
import type { ReceivedMail, SmtpTestServer } from "./smtp.js";

export const TEST_PASSWORD = "correct horse battery staple";

export interface NewUser {
  email: string;
  password?: string;
  name?: string;
  coalitionRole?: UserRole | null;
  /** Turn on TOTP two-step verification; by default only for coalition admins. */
  twoFactor?: boolean;
  /** Mark the address as proven (as an accepted invitation or a password reset does). */
  emailVerified?: boolean;
}

/** The base32 TOTP secret of each person with two-step verification, by lower-cased e-mail. */
const totpSecrets = new Map<string, string>();

/** The TOTP secret `createUser` enrolled for `email` (or that a test recorded with `rememberTotp`). */
export function totpSecretOf(email: string): string | undefined {
  return totpSecrets.get(email.toLowerCase());
}

/** Remembers the secret of someone who enrolled through the pages, for later sign-ins. */
export function rememberTotp(email: string, base32Secret: string): void {
  totpSecrets.set(email.toLowerCase(), base32Secret);
}

/** The code an authenticator app shows now for a base32 secret (RFC 6238, SHA-1, 6 digits, 30 s). */
export function totpCode(base32Secret: string, timestamp = Date.now()): string {
  const totp = new TOTP({
    secret: Secret.fromBase32(base32Secret),
    algorithm: "SHA1",
    digits: 6,
    period: 30,
  });
  return totp.generate({ timestamp });
}

/** A fresh random base32 secret (160 bits, as authenticator apps use). */
export function newTotpSecret(): string {
  return new Secret({ buffer: randomBytes(20).buffer }).base32;
}

/** better-auth for a database: the app's own, or one with the tests' configuration. */
function authFor(target: FastifyInstance | Kysely<DB>): { auth: Auth; db: Kysely<DB> } {
  if ("auth" in target && "inject" in target) return { auth: target.auth, db: target.db };
  const db = target as Kysely<DB>;
  const kind = dialectOf(db);
  // The app's secret: TOTP secrets are encrypted with it, and the app must read them back.
  return { auth: createAuth({ db, kind }, testConfig()), db };
}

/**
 * Creates a person through better-auth (as `cfa create-admin` does); returns their id. Coalition
 * admins get TOTP two-step verification (see `totpSecretOf`) unless `twoFactor` is false.
 */
export async function createUser(
  target: FastifyInstance | Kysely<DB>,
  {
    email,
    password = TEST_PASSWORD,
    name = "Test Person",
    coalitionRole = null,
    twoFactor = coalitionRole === "coalition_admin",
    emailVerified = false,
  }: NewUser,
): Promise<string> {
  const { auth, db } = authFor(target);
  const { user } = await auth.api.signUpEmail({ body: { email, password, name } });
  if (coalitionRole || emailVerified) {
    await db
      .updateTable("users")
      .set({
        ...(coalitionRole ? { coalition_role: coalitionRole } : {}),
        ...(emailVerified ? { email_verified: authFlag(db, true) } : {}),
      })
      .where("id", "=", user.id)
      .execute();
  }
  if (twoFactor) {
    const secret = newTotpSecret();
    await enrollTotp(auth, db, user.id, secret);
    rememberTotp(email, secret);
  }
  return user.id;
}

/** The `name=value` pairs of a response's Set-Cookie headers. */
export function cookiesOf(headers: Record<string, unknown>): Map<string, string> {
  const raw = headers["set-cookie"];
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [String(raw)];
  const cookies = new Map<string, string>();
  for (const line of list) {
    const pair = String(line).split(";")[0] ?? "";
    const at = pair.indexOf("=");
    if (at > 0) cookies.set(pair.slice(0, at), pair.slice(at + 1));
  }
  return cookies;
}

/** Joins cookies into a Cookie header, skipping emptied (deleted) ones. */
export function cookieHeader(cookies: Map<string, string>): string {
  return [...cookies]
    .filter(([, value]) => value !== "")
    .map(([name, value]) => `${name}=${value}`)
    .join("; ");
}

/** Opens the sign-in page: the CSRF cookie and the form's token. */
export async function openSignIn(app: FastifyInstance, locale: Locale = DEFAULT_LOCALE) {
  const res = await app.inject({ url: localizedPath(locale, "/account/sign-in") });
  assert.equal(res.statusCode, 200, res.body.slice(0, 300));
  const csrf = res.body.match(/name="_csrf" value="([^"]*)"/)?.[1] ?? "";
  return { cookies: cookiesOf(res.headers), csrf };
}

/**
 * Posts the sign-in form as a browser would; returns the response and the cookies after it.
 * When the answer is the code step and `email` has a remembered TOTP secret, the code page is
 * answered too (unless `completeCode` is false) and its response is returned.
 */
export async function postSignIn(
  app: FastifyInstance,
  email: string,
  password: string,
  options: { locale?: Locale; next?: string; remoteAddress?: string; completeCode?: boolean } = {},
) {
  const locale = options.locale ?? DEFAULT_LOCALE;
  const { cookies, csrf } = await openSignIn(app, options.locale);
  const res = await app.inject({
    method: "POST",
    url: localizedPath(locale, "/account/sign-in"),
    remoteAddress: options.remoteAddress,
    headers: {
      cookie: cookieHeader(cookies),
      "content-type": "application/x-www-form-urlencoded",
      "user-agent": "node-test",
    },
    payload: new URLSearchParams({
      _csrf: csrf,
      email,
      password,
      ...(options.next ? { next: options.next } : {}),
    }).toString(),
  });
  for (const [name, value] of cookiesOf(res.headers)) cookies.set(name, value);
  const codeStep = localizedPath(locale, "/account/sign-in/code");
  const secret = totpSecretOf(email);
  const location = String(res.headers.location ?? "");
  if (
    options.completeCode === false ||
    res.statusCode !== 303 ||
    !secret ||
    !(location === codeStep || location.startsWith(`${codeStep}?`))
  ) {
    return { res, cookies };
  }
  const code = await postCode(app, cookies, csrf, totpCode(secret), {
    locale,
    next: options.next,
    remoteAddress: options.remoteAddress,
  });
  return { res: code, cookies };
}

/**
 * Posts the sign-in code form with the given cookies (updated with the answer's). A TOTP code
 * works once (accounts/totp-replay.ts), and tests sign one person in many times within 30
 * seconds: unless `reuse` is false, the codes used so far are forgotten first, as if each post
 * came a step later.
 */
export async function postCode(
  app: FastifyInstance,
  cookies: Map<string, string>,
  csrf: string,
  code: string,
  options: { locale?: Locale; next?: string; remoteAddress?: string; reuse?: boolean } = {},
) {
  if (options.reuse !== false) await app.db.deleteFrom("totp_steps").execute();
  const res = await app.inject({
    method: "POST",
    url: localizedPath(options.locale ?? DEFAULT_LOCALE, "/account/sign-in/code"),
    remoteAddress: options.remoteAddress,
    headers: {
      cookie: cookieHeader(cookies),
      "content-type": "application/x-www-form-urlencoded",
      "user-agent": "node-test",
    },
    payload: new URLSearchParams({
      _csrf: csrf,
      code,
      ...(options.next ? { next: options.next } : {}),
    }).toString(),
  });
  for (const [name, value] of cookiesOf(res.headers)) cookies.set(name, value);
  return res;
}

/** Signs in and returns the Cookie header (CSRF and session cookies) for later requests. */
export async function signIn(
  app: FastifyInstance,
  email: string,
  password: string = TEST_PASSWORD,
  locale?: Locale,
  remoteAddress?: string,
): Promise<string> {
  const { res, cookies } = await postSignIn(app, email, password, { locale, remoteAddress });
  assert.equal(res.statusCode, 303, res.body.slice(0, 500));
  return cookieHeader(cookies);
}

/** The CSRF token of a page's forms, for a signed-in request. */
export async function csrfTokenOf(app: FastifyInstance, url: string, cookie: string) {
  const res = await app.inject({ url, headers: { cookie } });
  assert.equal(res.statusCode, 200, res.body.slice(0, 300));
  return res.body.match(/name="_csrf" value="([^"]*)"/)?.[1] ?? "";
}

/** The mail written to the outbox for `to`, oldest first (one-time links redacted). */
export async function mailTo(db: Kysely<DB>, to: string) {
  return db
    .selectFrom("outbox")
    .select(["to_address", "subject", "text_body", "locale", "created_at"])
    .where("to_address", "=", to)
    .orderBy("created_at")
    .execute();
}

/**
 * The mail the app delivered to `to` through a test SMTP server (its SMTP_URL), oldest first,
 * after running its due mail jobs. Links are read here: the outbox keeps none (mail/sealed.ts).
 */
export async function deliveredTo(
  app: FastifyInstance,
  smtp: SmtpTestServer,
  to: string,
): Promise<ReceivedMail[]> {
  await app.mailer.deliver();
  return smtp.messages.filter((m) => m.to.includes(to));
}

/** The path and query of the first link to the test site in a mail's text. */
export function linkIn(text: string): string {
  const url = text.match(/https:\/\/cfa\.test(\/\S*)/)?.[1];
  assert.ok(url, `no link in: ${text}`);
  return url;
}

/** A Cookie header as a map (a map given is used as is, so it follows the answers). */
function cookieJar(cookies: Map<string, string> | string): Map<string, string> {
  if (typeof cookies !== "string") return cookies;
  const jar = new Map<string, string>();
  for (const pair of cookies.split("; ").filter(Boolean)) {
    const at = pair.indexOf("=");
    jar.set(pair.slice(0, at), pair.slice(at + 1));
  }
  return jar;
}

/**
 * Opens a page as a browser would, with `cookies` (a map is updated with the answer's cookies):
 * the answer, the CSRF token of its form and the Cookie header to send next.
 */
export async function openForm(
  app: FastifyInstance,
  url: string,
  cookies: Map<string, string> | string = "",
) {
  const jar = cookieJar(cookies);
  const res = await app.inject({ url, headers: { cookie: cookieHeader(jar) } });
  for (const [name, value] of cookiesOf(res.headers)) jar.set(name, value);
  const csrf = res.body.match(/name="_csrf" value="([^"]*)"/)?.[1] ?? "";
  return { res, csrf, cookie: cookieHeader(jar) };
}

/**
 * Posts a urlencoded form with `cookies` (a map is updated with the answer's);
 * `remoteAddress` keeps the rate-limit counters of tests apart.
 */
export async function postForm(
  app: FastifyInstance,
  url: string,
  cookies: Map<string, string> | string,
  fields: Record<string, string>,
  remoteAddress?: string,
) {
  const jar = cookieJar(cookies);
  const res = await app.inject({
    method: "POST",
    url,
    remoteAddress,
    headers: {
      cookie: cookieHeader(jar),
      "content-type": "application/x-www-form-urlencoded",
      "user-agent": "node-test",
    },
    payload: new URLSearchParams(fields).toString(),
  });
  for (const [name, value] of cookiesOf(res.headers)) jar.set(name, value);
  return res;
}

/**
 * Posts a form as a signed-in person would: with the CSRF token their pages carry (read from
 * /account), returning the answer.
 */
export async function postAsSignedIn(
  app: FastifyInstance,
  cookie: string,
  url: string,
  fields: Record<string, string>,
) {
  const csrf = await csrfTokenOf(app, "/account", cookie);
  return postForm(app, url, cookie, { _csrf: csrf, ...fields });
}
