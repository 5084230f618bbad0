export { accountPageRoutes } from "./account.routes.js";
export {
  type Auth,
  type AuthConfig,
  type AuthLog,
  type AuthMail,
  createAuth,
  MAGIC_LINK_SECONDS,
  MAX_PASSWORD_LENGTH,
  type MailUser,
  MIN_PASSWORD_LENGTH,
  RESET_PASSWORD_SECONDS,
} from "./auth.js";
export {
  DEMO_PASSWORD,
  DEMO_TOTP_SECRET,
  type DemoAccount,
  demoAccounts,
  describeDemoAccounts,
  seedDemoAccounts,
} from "./demo-accounts.js";
export { invitationRoutes } from "./invitation.routes.js";
export {
  type Account,
  type AccountsPluginOptions,
  accountsPlugin,
  chooseJurisdictionPath,
  loadAccount,
  type Membership,
  membershipsOf,
  requireCoalitionRole,
  requireJurisdiction,
  requireSignedIn,
  safeNext,
  signInPath,
  twoFactorPath,
} from "./session.js";
export { accountRoutes, CODE_RATE_LIMIT, SIGN_IN_RATE_LIMIT } from "./sign-in.routes.js";
export { teamRoutes } from "./team.routes.js";
export { BACKUP_CODE_COUNT, enrollTotp, totpUri } from "./two-factor.js";
export { usersAdminRoutes } from "./users-admin.routes.js";
