// accounts/: sign-in, sessions, roles and the people behind them (README.md). Other features
// reach it only through this file: the one plugin, `accountsFeature`, and the functions below.
import type { FastifyInstance, onRequestAsyncHookHandler } from "fastify";
import fp from "fastify-plugin";
import { requireAccount } from "../http/account.js";
import { registerAdminEntry } from "../http/admin-home.js";
import { authorize } from "../http/policy.js";
import { stripLocale } from "../i18n/index.js";
import { accountPageRoutes } from "./account.routes.js";
import { can } from "./accounts.policy.js";
import { type Auth, createAuth } from "./auth.js";
import {
  notMemberAdmin,
  requireCoalitionRole,
  requireJurisdiction,
  requireSignedIn,
} from "./guards.js";
import { invitationRoutes } from "./invitation.routes.js";
import { MAGIC_LINK_LANDING } from "./magic-link.js";
import { RESET_LANDING } from "./password-reset.js";
import { ACCOUNT_PATHS, loadAccount } from "./session.js";
import { signInRoutes } from "./sign-in.routes.js";
import { teamRoutes } from "./team.routes.js";
import { tokenMail } from "./token-mail.js";
import { twoFactorRoutes } from "./two-factor.routes.js";
import { usersAdminRoutes } from "./users-admin.routes.js";

declare module "fastify" {
  interface FastifyInstance {
    auth: Auth;
  }
}

/** Requests that never render a page with the site's header: the API, assets, health checks. */
const NOT_PAGES = /^\/(api|assets|healthz|readyz)(?=[/?]|$)/;

export interface AccountsFeatureOptions {
  /** An auth instance to use instead of one built from the app's database and config. */
  auth?: Auth;
}

/**
 * The accounts feature: decorates `app.auth` (better-auth), `app.guards` (http/types.ts) and
 * `request.account` (read for /account and /admin pages), and registers every accounts page
 * and form. Register it before any feature whose routes use `app.guards`.
 */
export const accountsFeature = fp<AccountsFeatureOptions>(
  async (app: FastifyInstance, options) => {
    const quiet = app.config.logLevel === "silent";
    const mail = {
      magicLink: tokenMail(app, "link", MAGIC_LINK_LANDING),
      resetPassword: tokenMail(app, "reset", RESET_LANDING),
    };
    app.decorate(
      "auth",
      options.auth ?? createAuth(app.database, app.config, quiet ? undefined : app.log, mail),
    );
    app.decorate("guards", {
      signedIn: requireSignedIn,
      coalition: requireCoalitionRole,
      jurisdiction: requireJurisdiction,
    });
    app.decorateRequest("account", null);
    app.addHook("preHandler", (request, reply, done) => {
      // No cookie at all: nobody is signed in (`request.account` stays null), known without a
      // lookup or a promise. This is most page views: a callback hook, not an async one.
      if (request.headers.cookie === undefined) return done();
      // /account and /admin always; any other page too, so its header can name who is signed
      // in (http/render.ts), which costs a lookup only when a session cookie came with it.
      const path = stripLocale(request.url);
      if (ACCOUNT_PATHS.test(path) || !NOT_PAGES.test(path)) {
        loadAccount(request, reply).then(() => done(), done);
      } else done();
    });
    await app.register(accountsRoutes);
    registerAdminEntry(app, {
      id: "users",
      title: "team.nav.users",
      description: "admin.home.users",
      href: "/admin/users",
      roles: ["coalition_admin"],
      order: 60,
    });
  },
  { name: "accounts", dependencies: ["locale", "forms"] },
);

/**
 * Every accounts page and form. Public ones (signing in, mailed links, the invitation landing)
 * guard themselves by their tokens; each guarded area is a plugin with one guard hook.
 */
async function accountsRoutes(app: FastifyInstance) {
  await app.register(signInRoutes);
  await app.register(invitationRoutes);
  await app.register(guarded(app.guards.signedIn(), accountPageRoutes, twoFactorRoutes));
  await app.register(guarded(teamGuard(app), teamRoutes));
  await app.register(guarded(app.guards.coalition("coalition_admin"), usersAdminRoutes));
}

/** An area of routes behind one guard hook, run before the body is even read. */
function guarded(
  guard: onRequestAsyncHookHandler,
  ...routes: ((app: FastifyInstance) => Promise<void>)[]
) {
  return async (area: FastifyInstance) => {
    area.addHook("onRequest", guard);
    for (const register of routes) await area.register(register);
  };
}

/**
 * /account/team: someone acting for a jurisdiction (else sign-in, the chooser, or 403), and its
 * member admin there (else the policy's `not_member_admin`, 403).
 */
function teamGuard(app: FastifyInstance): onRequestAsyncHookHandler {
  const member = app.guards.jurisdiction("member_admin", "member_staff");
  return async function teamGuard(request, reply) {
    await member.call(this, request, reply);
    if (reply.sent) return reply;
    const account = requireAccount(request);
    const verdict = can(account, { action: "team.manage" });
    // Member staff: the refusal names the admins they can ask.
    if (verdict !== true && verdict.refused === "not_member_admin" && account.jurisdiction) {
      throw await notMemberAdmin(request, account.jurisdiction);
    }
    authorize(verdict);
  };
}

export type { Account, Membership } from "../http/account.js";
export { type Actor, accountLinks, can, staffCan } from "./accounts.policy.js";
export {
  type Auth,
  type AuthConfig,
  type AuthLog,
  type AuthMail,
  createAuth,
  MAX_PASSWORD_LENGTH,
  type MailUser,
  MIN_PASSWORD_LENGTH,
} from "./auth.js";
export {
  DEMO_PASSWORD,
  DEMO_TOTP_SECRET,
  type DemoAccount,
  demoAccountsOption,
  describeDemoAccounts,
  seedDemoAccounts,
} from "./demo-accounts.js";
export { newToken } from "./invitations.service.js";
export { createInvitation } from "./invite.service.js";
// setUserCoalitionRole and userByEmailAnyCase: for `cfa create-admin`, which makes the account
// through better-auth, then gives the role. memberStaffContacts: for campaigns, whom to write to
// about a campaign, in their language; userNames: who saved or approved a comment. coalitionAdminContacts: for barrier reports on a server
// without CONTACT_EMAIL.
export {
  coalitionAdminContacts,
  memberStaffContacts,
  type StaffContact,
  setUserCoalitionRole,
  userByEmailAnyCase,
  userNames,
} from "./people.queries.js";
export { enrollTotp } from "./two-factor.js";
