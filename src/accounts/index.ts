export { accountPageRoutes } from "./account.routes.js";
export {
  type Auth,
  type AuthConfig,
  type AuthLog,
  createAuth,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
} from "./auth.js";
export {
  DEMO_PASSWORD,
  type DemoAccount,
  demoAccounts,
  describeDemoAccounts,
  seedDemoAccounts,
} from "./demo-accounts.js";
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
} from "./session.js";
export { accountRoutes, SIGN_IN_RATE_LIMIT } from "./sign-in.routes.js";
