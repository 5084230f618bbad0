export {
  type Auth,
  type AuthConfig,
  type AuthLog,
  createAuth,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
} from "./auth.js";
export { accountRoutes, SIGN_IN_RATE_LIMIT } from "./routes.js";
export {
  type Account,
  type AccountsPluginOptions,
  accountsPlugin,
  loadAccount,
  requireCoalitionRole,
  safeNext,
  signInPath,
} from "./session.js";
