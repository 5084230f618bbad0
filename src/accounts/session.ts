// Who is signed in: `request.account`, read from the session cookie through better-auth. Only
// requests that need it pay for the lookup: /account and /admin pages (in every locale) get it
// from a hook (index.ts), guards (guards.ts) load it on demand. A page that shows session state is
// never put in the page cache (http/page-cache.ts).
import { fromNodeHeaders } from "better-auth/node";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Account, Membership } from "../http/account.js";
import { localPath } from "../http/local-path.js";
import { localizedPath } from "../i18n/index.js";
import { membershipsOf } from "./memberships.queries.js";
import { coalitionRoleOf, rememberLanguage } from "./people.queries.js";
import { isCoalitionRole } from "./roles.js";

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
  const { headers, response } = await request.server.auth.api.getSession({
    headers: fromNodeHeaders(request.headers),
    returnHeaders: true,
  });
  // A session renewed while reading it sends its cookie again with a later expiry.
  const cookies = headers.getSetCookie();
  if (reply && cookies.length && !reply.sent) reply.header("set-cookie", cookies);
  if (!response) return null;
  const { user, session } = response;
  const role = user.coalitionRole;
  const memberships = await membershipsOf(request.server.db, user.id);
  const chosen = session.activeJurisdictionId ?? null;
  const jurisdiction =
    memberships.find((m) => m.jurisdictionId === chosen) ??
    (memberships.length === 1 ? (memberships[0] ?? null) : null);
  return {
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      coalitionRole: isCoalitionRole(role) ? role : null,
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
