// People with accounts, and signing them in as a browser would (CSRF cookie and token first).
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { type Kysely, PostgresAdapter } from "kysely";
import { type Auth, createAuth } from "../../src/accounts/index.js";
import type { DB, UserRole } from "../../src/db/index.js";
import { DEFAULT_LOCALE, type Locale, localizedPath } from "../../src/i18n/index.js";

export const TEST_PASSWORD = "correct horse battery staple";

export interface NewUser {
  email: string;
  password?: string;
  name?: string;
  coalitionRole?: UserRole | null;
}

/** Creates a person through better-auth (as `cfa create-admin` does); returns their id. */
export async function createUser(
  target: FastifyInstance | Kysely<DB>,
  { email, password = TEST_PASSWORD, name = "Test Person", coalitionRole = null }: NewUser,
): Promise<string> {
  let auth: Auth;
  let db: Kysely<DB>;
  if ("auth" in target && "inject" in target) {
    auth = target.auth;
    db = target.db;
  } else {
    db = target as Kysely<DB>;
    const kind = db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
    auth = createAuth(
      { db, kind },
      { publicUrl: "https://cfa.test", authSecret: "x".repeat(32), siteName: "Test" },
    );
  }
  const { user } = await auth.api.signUpEmail({ body: { email, password, name } });
  if (coalitionRole) {
    await db
      .updateTable("users")
      .set({ coalition_role: coalitionRole })
      .where("id", "=", user.id)
      .execute();
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

/** Posts the sign-in form as a browser would; returns the response and the cookies after it. */
export async function postSignIn(
  app: FastifyInstance,
  email: string,
  password: string,
  options: { locale?: Locale; next?: string; remoteAddress?: string } = {},
) {
  const { cookies, csrf } = await openSignIn(app, options.locale);
  const res = await app.inject({
    method: "POST",
    url: localizedPath(options.locale ?? DEFAULT_LOCALE, "/account/sign-in"),
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
  return { res, cookies };
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
