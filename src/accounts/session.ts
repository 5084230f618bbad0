// Who is signed in: `request.account`, read from the session cookie. Only requests that need it
// pay for the lookup: /account and /admin pages (in every locale) get it from a hook (index.ts),
// guards (guards.ts) load it on demand. A page that shows session state is never put in the page
// cache (http/page-cache.ts).
//
// The common case, a valid session not yet due for renewal, is read here: the cookie's signature
// checked as better-auth signs it, then the session, its person and their memberships in one
// query (docs/decisions/0028). Anything else (no row, expired, due for renewal, a bad signature,
// better-auth's other cookies) goes to better-auth's getSession, which deletes, renews or clears
// as it always has. Nothing is cached: a revoked session or a removed membership is refused on
// the next request.
import { createHmac, timingSafeEqual } from "node:crypto";
import { fromNodeHeaders } from "better-auth/node";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Account, Membership } from "../http/account.js";
import { localPath } from "../http/local-path.js";
import { localizedPath } from "../i18n/index.js";
import type { Auth } from "./auth.js";
import { membershipsOf } from "./memberships.queries.js";
import { coalitionRoleOf, rememberLanguage } from "./people.queries.js";
import { isCoalitionRole } from "./roles.js";
import { sessionByToken } from "./sessions.queries.js";

export type { Account, Membership };

/** Each request's session, read at most once. */
const loaded = new WeakMap<FastifyRequest, Promise<Account | null>>();

/** Paths (without locale prefix) whose requests always get `request.account`. */
export const ACCOUNT_PATHS = /^\/(account|admin)(?=[/?]|$)/;

/** Reads the session of a request once, however many times it is asked for. */
export function loadAccount(
  request: FastifyRequest,
  reply?: FastifyReply,
): Promise<Account | null> {
  let account = loaded.get(request);
  if (!account) {
    account = readAccount(request, reply).then((found) => {
      request.account = found;
      return found;
    });
    loaded.set(request, account);
  }
  return account;
}

async function readAccount(request: FastifyRequest, reply?: FastifyReply): Promise<Account | null> {
  // No cookie of ours, no database round trip.
  if (!request.headers.cookie?.includes("cfa.session_token")) return null;
  const direct = await readCurrentSession(request);
  if (direct) return direct;
  const { headers, response } = await request.server.auth.api.getSession({
    headers: fromNodeHeaders(request.headers),
    returnHeaders: true,
  });
  // A session renewed while reading it sends its cookie again with a later expiry.
  const cookies = headers.getSetCookie();
  if (reply && cookies.length && !reply.sent) reply.header("set-cookie", cookies);
  if (!response) return null;
  const { user, session } = response;
  return accountOf(user, session, await membershipsOf(request.server.db, user.id));
}

/** What reading a session needs of better-auth's settings, taken from better-auth itself. */
interface SessionSettings {
  tokenCookie: string;
  /** Cookies better-auth acts on when present (cookie cache, "don't remember me"). */
  otherCookies: string[];
  secret: string;
  expiresInMs: number;
  updateAgeMs: number;
}

const settingsOf = new WeakMap<Auth, Promise<SessionSettings>>();

function sessionSettings(auth: Auth): Promise<SessionSettings> {
  let settings = settingsOf.get(auth);
  if (!settings) {
    settings = auth.$context.then((ctx) => ({
      tokenCookie: ctx.authCookies.sessionToken.name,
      otherCookies: [ctx.authCookies.sessionData.name, ctx.authCookies.dontRememberToken.name],
      secret: ctx.secret,
      expiresInMs: ctx.sessionConfig.expiresIn * 1000,
      updateAgeMs: ctx.sessionConfig.updateAge * 1000,
    }));
    settingsOf.set(auth, settings);
  }
  return settings;
}

/**
 * The token of a session cookie signed as better-auth signs it (`token.base64(HMAC-SHA256)`,
 * better-call's getSignedCookie), or undefined.
 */
function verifiedToken(value: string | undefined, secret: string): string | undefined {
  if (!value) return undefined;
  const dot = value.lastIndexOf(".");
  if (dot < 1) return undefined;
  const token = value.slice(0, dot);
  const signature = value.slice(dot + 1);
  if (signature.length !== 44 || !signature.endsWith("=")) return undefined;
  const expected = createHmac("sha256", secret).update(token).digest();
  const given = Buffer.from(signature, "base64");
  return given.length === expected.length && timingSafeEqual(given, expected) ? token : undefined;
}

/**
 * The account of a valid session that better-auth would neither renew nor clear, read in one
 * query; undefined for every other case, which better-auth's getSession then answers.
 */
async function readCurrentSession(request: FastifyRequest): Promise<Account | undefined> {
  const settings = await sessionSettings(request.server.auth);
  const cookies = request.cookies ?? {};
  // Chunked cookie-cache cookies are named after it ("….session_data.0"): any of them counts.
  const names = Object.keys(cookies);
  if (names.some((n) => settings.otherCookies.some((other) => n.startsWith(other)))) {
    return undefined;
  }
  const token = verifiedToken(cookies[settings.tokenCookie], settings.secret);
  if (!token) return undefined;
  const rows = await sessionByToken(request.server.db, token);
  const first = rows[0];
  if (!first) return undefined;
  const expiresAt = new Date(first.expires_at).getTime();
  const now = Date.now();
  // Expired (deleted by better-auth), or a day old and so renewed: not ours to answer.
  if (!(expiresAt > now) || expiresAt - settings.expiresInMs + settings.updateAgeMs <= now) {
    return undefined;
  }
  const memberships: Membership[] = rows.flatMap((r) =>
    r.jurisdiction_id && r.jurisdiction_slug && r.jurisdiction_name && r.role
      ? [
          {
            jurisdictionId: r.jurisdiction_id,
            slug: r.jurisdiction_slug,
            name: r.jurisdiction_name,
            role: r.role,
          },
        ]
      : [],
  );
  return accountOf(
    {
      id: first.user_id,
      email: first.email,
      name: first.name,
      coalitionRole: first.coalition_role,
      twoFactorEnabled: first.two_factor_enabled,
      isDemo: first.is_demo,
    },
    { id: first.session_id, activeJurisdictionId: first.active_jurisdiction_id },
    memberships,
  );
}

/** The account as every route sees it, from the session's person and their memberships. */
function accountOf(
  user: {
    id: string;
    email: string;
    name: string;
    coalitionRole?: unknown;
    twoFactorEnabled?: unknown;
    isDemo?: unknown;
  },
  session: { id: string; activeJurisdictionId?: string | null },
  memberships: Membership[],
): Account {
  const role = user.coalitionRole;
  const chosen = session.activeJurisdictionId ?? null;
  const jurisdiction =
    memberships.find((m) => m.jurisdictionId === chosen) ??
    (memberships.length === 1 ? (memberships[0] ?? null) : null);
  return {
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      coalitionRole: typeof role === "string" && isCoalitionRole(role) ? role : null,
      twoFactorEnabled: Boolean(user.twoFactorEnabled),
      isDemo: Number(user.isDemo) === 1,
    },
    session: { id: session.id, activeJurisdictionId: chosen },
    memberships,
    jurisdiction,
  };
}

/**
 * Only paths of this site: "/x", not "//host", "/\host" or "https://…". Characters outside
 * printable ASCII ("/members/é") are percent-encoded: a Location header carries nothing else,
 * and Node refuses to send one that does (a 500 after the session cookie was set). What cannot
 * be encoded (a lone surrogate) is no path.
 */
export function safeNext(value: unknown): string | undefined {
  const path = localPath(value, 500);
  if (path === undefined) return undefined;
  try {
    return path.replace(/[^\x21-\x7e]/gu, (c) => encodeURIComponent(c));
  } catch {
    return undefined;
  }
}

/** The localized sign-in page that comes back to `next` afterwards. */
export function signInPath(request: FastifyRequest, next?: string): string {
  const path = localizedPath(request.locale, "/account/sign-in");
  const back = safeNext(next);
  return back ? `${path}?next=${encodeURIComponent(back)}` : path;
}

/**
 * Where to return after a detour (sign-in, enrolment, choosing a jurisdiction): the page asked
 * for. Not a form's target: following it afterwards would be a GET of a POST-only address.
 */
export function comeBackTo(request: FastifyRequest): string | undefined {
  return request.method === "GET" || request.method === "HEAD" ? request.url : undefined;
}

/**
 * Where a person's work is, unprefixed: the admin area for coalition staff, else their account
 * page (which leads a member's admins to the team and the profile).
 */
export function workPath(account: Pick<Account, "user"> | null): string {
  return account?.user.coalitionRole ? "/admin" : "/account";
}

/** Where to land someone who just signed in without a `next`: where their work is. */
export async function landingOf(request: FastifyRequest, userId: string): Promise<string> {
  // The language someone signs in in is the one the coalition writes to them in (campaign mail).
  await rememberLanguage(request.server.db, userId, request.locale.tag);
  const row = await coalitionRoleOf(request.server.db, userId);
  const role = row?.coalition_role ?? null;
  return localizedPath(request.locale, role && isCoalitionRole(role) ? "/admin" : "/account");
}
