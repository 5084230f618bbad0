// accounts/: sign-in, sessions, roles and the people behind them (README.md). Other features
// reach it only through this file: the one plugin, `accountsFeature`, and the functions below.
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { stripLocale } from "../i18n/index.js";
import { accountPageRoutes } from "./account.routes.js";
import { type Auth, createAuth } from "./auth.js";
import { requireCoalitionRole, requireJurisdiction, requireSignedIn } from "./guards.js";
import { invitationRoutes } from "./invitation.routes.js";
import { MAGIC_LINK_LANDING } from "./magic-link.js";
import { RESET_LANDING } from "./password-reset.js";
import { ACCOUNT_PATHS, loadAccount } from "./session.js";
import { signInRoutes } from "./sign-in.routes.js";
import { teamRoutes } from "./team.routes.js";
import { tokenMail } from "./token-mail.js";
import { usersAdminRoutes } from "./users-admin.routes.js";

declare module "fastify" {
  interface FastifyInstance {
    auth: Auth;
  }
}

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
    app.addHook("preHandler", async (request, reply) => {
      if (ACCOUNT_PATHS.test(stripLocale(request.url))) await loadAccount(request, reply);
    });
    await app.register(signInRoutes);
    await app.register(accountPageRoutes);
    await app.register(invitationRoutes);
    await app.register(teamRoutes);
    await app.register(usersAdminRoutes);
  },
  { name: "accounts", dependencies: ["locale", "forms"] },
);

export type { Account, Membership } from "../http/account.js";
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
  describeDemoAccounts,
  seedDemoAccounts,
} from "./demo-accounts.js";
/** @deprecated Use `app.guards` (http/types.ts); kept until members/, admin/ and content/ do. */
export { requireCoalitionRole, requireJurisdiction, requireSignedIn } from "./guards.js";
export { createInvitation, newToken } from "./invitations.service.js";
export { enrollTotp } from "./two-factor.js";
