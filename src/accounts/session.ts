// Who is signed in: `request.account`, read from the session cookie through better-auth, and
// the guards that routes put in front of themselves. Only routes that need it pay for the lookup:
// /account and /admin pages (in every locale) get it from a hook, guards load it on demand.
// A page that shows session state is never put in the page cache (http/page-cache.ts).
import { fromNodeHeaders } from "better-auth/node";
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  preHandlerAsyncHookHandler,
} from "fastify";
import fp from "fastify-plugin";
import type { Kysely } from "kysely";
import type { Database, DB, MembershipRole, UserRole } from "../db/index.js";
import type { Account, Membership } from "../http/account.js";
import { appError } from "../http/errors.js";
import { localizedPath, stripLocale } from "../i18n/index.js";
import { type Auth, createAuth } from "./auth.js";
import { MAGIC_LINK_LANDING } from "./magic-link.js";
import { RESET_LANDING } from "./password-reset.js";
import { tokenMail } from "./token-mail.js";

export type { Account, Membership };

declare module "fastify" {
  interface FastifyInstance {
    auth: Auth;
  }
}

const loaded = Symbol("accountLoaded");
type Loadable = FastifyRequest & { [loaded]?: Promise<Account | null> };

const COALITION_ROLES: readonly string[] = ["coalition_admin", "coalition_editor"];
// Paths (without locale prefix) whose requests always get `request.account`.
const ACCOUNT_PATHS = /^\/(account|admin)(?=[/?]|$)/;
const JSON_PATHS = /^\/(api|healthz|readyz)(?=[/?]|$)/;

/** Reads the session of a request once, however many times it is asked for. */
export function loadAccount(
  request: FastifyRequest,
  reply?: FastifyReply,
): Promise<Account | null> {
  const r = request as Loadable;
  r[loaded] ??= readAccount(request, reply).then((account) => {
    request.account = account;
    return account;
  });
  return r[loaded];
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
      coalitionRole:
        typeof role === "string" && COALITION_ROLES.includes(role) ? (role as UserRole) : null,
      twoFactorEnabled: Boolean(user.twoFactorEnabled),
      isDemo: Number(user.isDemo) === 1,
    },
    session: { id: session.id, activeJurisdictionId: chosen },
    memberships,
    jurisdiction,
  };
}

/** The jurisdictions a person works for, by name. */
export async function membershipsOf(db: Kysely<DB>, userId: string): Promise<Membership[]> {
  const rows = await db
    .selectFrom("memberships as m")
    .innerJoin("jurisdictions as j", "j.id", "m.jurisdiction_id")
    .select(["j.id", "j.slug", "j.name", "m.role"])
    .where("m.user_id", "=", userId)
    .orderBy("j.name")
    .execute();
  return rows.map((r) => ({ jurisdictionId: r.id, slug: r.slug, name: r.name, role: r.role }));
}

/** Only paths of this site: "/x", not "//host", "/\host" or "https://…". */
export function safeNext(value: unknown): string | undefined {
  if (typeof value !== "string" || value.length > 500) return undefined;
  if (!/^\/(?![/\\])/.test(value) || /[\\\p{Cc}\s]/u.test(value)) return undefined;
  return value;
}

/** The localized sign-in page that comes back to `next` afterwards. */
export function signInPath(request: FastifyRequest, next?: string): string {
  const path = localizedPath(request.locale, "/account/sign-in");
  const back = safeNext(next);
  return back ? `${path}?next=${encodeURIComponent(back)}` : path;
}

/**
 * The one shape of every guard: no session, a page request goes to sign-in (303) and an API
 * request gets 401; a signed-in person that `allowed` refuses gets 403, or is sent where
 * `allowed` says. Every answer a guard lets through is marked `cache-control: no-store`.
 */
function guard(
  allowed: (account: Account, request: FastifyRequest) => true | false | { redirect: string },
): preHandlerAsyncHookHandler {
  return async function accountGuard(request, reply) {
    // What a guard lets through is personal: no browser or proxy may keep it.
    reply.header("cache-control", "no-store");
    const account = await loadAccount(request, reply);
    if (!account) {
      if (JSON_PATHS.test(stripLocale(request.url))) throw appError("unauthorized");
      return reply.redirect(signInPath(request, comeBackTo(request)), 303);
    }
    const verdict = allowed(account, request);
    if (verdict === true) return;
    if (verdict !== false && !JSON_PATHS.test(stripLocale(request.url))) {
      return reply.redirect(verdict.redirect, 303);
    }
    throw appError("forbidden");
  };
}

/**
 * Where to return after a detour (sign-in, enrolment, choosing a jurisdiction): the page asked
 * for. Not a form's target: following it afterwards would be a GET of a POST-only address.
 */
function comeBackTo(request: FastifyRequest): string | undefined {
  return request.method === "GET" || request.method === "HEAD" ? request.url : undefined;
}

/** Lets through anyone signed in. */
export function requireSignedIn(): preHandlerAsyncHookHandler {
  return guard(() => true);
}

/**
 * Lets through only people with one of the coalition `roles` (see `guard`). A coalition admin
 * must use two-step verification: without it, a page request goes to enrolment (and comes back
 * afterwards), an API request gets 403.
 */
export function requireCoalitionRole(...roles: UserRole[]): preHandlerAsyncHookHandler {
  return guard((account, request) => {
    const role = account.user.coalitionRole;
    if (role === null || !roles.includes(role)) return false;
    if (role === "coalition_admin" && !account.user.twoFactorEnabled) {
      return { redirect: twoFactorPath(request, comeBackTo(request)) };
    }
    return true;
  });
}

/** The localized two-step verification page, which comes back to `next` once it is on. */
export function twoFactorPath(request: FastifyRequest, next?: string): string {
  const path = localizedPath(request.locale, "/account/two-factor");
  const back = safeNext(next);
  return back ? `${path}?next=${encodeURIComponent(back)}` : path;
}

/**
 * Lets through only people acting for a jurisdiction (`account.jurisdiction`) with one of the
 * membership `roles` there. Someone who works for several and has not chosen is sent to choose.
 */
export function requireJurisdiction(...roles: MembershipRole[]): preHandlerAsyncHookHandler {
  return guard((account, request) => {
    if (account.jurisdiction) return roles.includes(account.jurisdiction.role);
    if (account.memberships.length === 0) return false;
    return { redirect: chooseJurisdictionPath(request, comeBackTo(request)) };
  });
}

/** The localized page where someone picks the jurisdiction they act for, then goes to `next`. */
export function chooseJurisdictionPath(request: FastifyRequest, next?: string): string {
  const path = localizedPath(request.locale, "/account/jurisdiction");
  const back = safeNext(next);
  return back ? `${path}?next=${encodeURIComponent(back)}` : path;
}

export interface AccountsPluginOptions {
  /** An auth instance to use instead of one built from the app's database and config. */
  auth?: Auth;
}

/** Decorates `app.auth` and `request.account` (see the file comment). */
export const accountsPlugin = fp<AccountsPluginOptions>(
  async (app: FastifyInstance, options) => {
    const database: Database = app.database;
    const quiet = app.config.logLevel === "silent";
    const mail = {
      magicLink: tokenMail(app, "link", MAGIC_LINK_LANDING),
      resetPassword: tokenMail(app, "reset", RESET_LANDING),
    };
    app.decorate(
      "auth",
      options.auth ?? createAuth(database, app.config, quiet ? undefined : app.log, mail),
    );
    app.decorate("guards", {
      signedIn: requireSignedIn,
      coalition: requireCoalitionRole,
      jurisdiction: requireJurisdiction,
    });
    app.decorateRequest("account", null);
    app.addHook("preHandler", async (request, reply) => {
      if (ACCOUNT_PATHS.test(stripLocale(request.url))) await loadAccount(request, reply);
    });
  },
  { name: "accounts", dependencies: ["locale"] },
);
