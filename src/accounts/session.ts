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
import type { Database, UserRole } from "../db/index.js";
import { AppError } from "../http/errors.js";
import { localizedPath, stripLocale } from "../i18n/index.js";
import { type Auth, createAuth } from "./auth.js";

export interface Account {
  user: { id: string; email: string; name: string; coalitionRole: UserRole | null };
  session: { id: string; activeJurisdictionId: string | null };
}

declare module "fastify" {
  interface FastifyInstance {
    auth: Auth;
  }
  interface FastifyRequest {
    /** The signed-in person, or null; filled for /account and /admin pages and by the guards. */
    account: Account | null;
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
  return {
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      coalitionRole:
        typeof role === "string" && COALITION_ROLES.includes(role) ? (role as UserRole) : null,
    },
    session: { id: session.id, activeJurisdictionId: session.activeJurisdictionId ?? null },
  };
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
 * A preHandler letting through only people with one of the coalition `roles`: a page request
 * without a session goes to sign-in (303), an API request gets 401, and a signed-in person
 * without the role gets 403. Every answer it guards is marked `cache-control: no-store`.
 */
export function requireCoalitionRole(...roles: UserRole[]): preHandlerAsyncHookHandler {
  return async function coalitionRoleGuard(request, reply) {
    // What a guard lets through is personal: no browser or proxy may keep it.
    reply.header("cache-control", "no-store");
    const account = await loadAccount(request, reply);
    if (!account) {
      if (JSON_PATHS.test(stripLocale(request.url))) {
        const message = request.t("accounts.error.unauthorized");
        return reply.code(401).send({ error: { id: "unauthorized", statusCode: 401, message } });
      }
      return reply.redirect(signInPath(request, request.url), 303);
    }
    if (!account.user.coalitionRole || !roles.includes(account.user.coalitionRole)) {
      throw new AppError(403, "forbidden");
    }
  };
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
    app.decorate(
      "auth",
      options.auth ?? createAuth(database, app.config, quiet ? undefined : app.log),
    );
    app.decorateRequest("account", null);
    app.addHook("preHandler", async (request, reply) => {
      if (ACCOUNT_PATHS.test(stripLocale(request.url))) await loadAccount(request, reply);
    });
  },
  { name: "accounts", dependencies: ["locale"] },
);
