// better-auth, set up as docs/decisions/0004-auth-library.md describes: our Kysely, our
// snake_case tables, called only through `auth.api` from our own routes (its HTTP handler is
// never mounted, so our CSRF tokens and rate limits guard every form).
import { betterAuth } from "better-auth";
import { twoFactor } from "better-auth/plugins/two-factor";
import type { Config } from "../config/config.js";
import type { Database } from "../db/index.js";

/** The part of a pino logger better-auth's messages go to. */
export interface AuthLog {
  debug(object: object, message: string): void;
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;
/** Sessions last a week, renewed once a day while used. */
const SESSION_SECONDS = 7 * 24 * 3600;

export type AuthConfig = Pick<Config, "publicUrl" | "authSecret" | "siteName">;

/** Builds the better-auth instance; `log` receives its messages (none are written when absent). */
export function createAuth(
  database: Pick<Database, "db" | "kind">,
  config: AuthConfig,
  log?: AuthLog,
) {
  return betterAuth({
    appName: config.siteName,
    baseURL: config.publicUrl,
    basePath: "/auth",
    secret: config.authSecret,
    database: { db: database.db, type: database.kind },
    telemetry: { enabled: false },
    // People are invited or created by `cfa create-admin`; nobody signs themselves up.
    disabledPaths: ["/sign-up/email"],
    advanced: {
      useSecureCookies: config.publicUrl.startsWith("https:"),
      cookiePrefix: "cfa",
    },
    logger: log
      ? {
          level: "info",
          log: (level, message, ...args) => {
            const detail = args.length ? { detail: args.map(describe) } : {};
            log[level](detail, `better-auth: ${message}`);
          },
        }
      : { disabled: true },
    emailAndPassword: {
      enabled: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
      revokeSessionsOnPasswordReset: true,
      // Accounts are made server-side (cfa create-admin, invitations): no session for the maker.
      autoSignIn: false,
    },
    session: {
      modelName: "sessions",
      expiresIn: SESSION_SECONDS,
      updateAge: 24 * 3600,
      fields: {
        userId: "user_id",
        expiresAt: "expires_at",
        ipAddress: "ip_address",
        userAgent: "user_agent",
        createdAt: "created_at",
        updatedAt: "updated_at",
      },
      additionalFields: {
        activeJurisdictionId: {
          type: "string",
          required: false,
          input: false,
          fieldName: "active_jurisdiction_id",
        },
      },
    },
    user: {
      modelName: "users",
      fields: {
        emailVerified: "email_verified",
        createdAt: "created_at",
        updatedAt: "updated_at",
      },
      additionalFields: {
        coalitionRole: {
          type: "string",
          required: false,
          input: false,
          fieldName: "coalition_role",
        },
      },
    },
    account: {
      modelName: "accounts",
      fields: {
        userId: "user_id",
        accountId: "account_id",
        providerId: "provider_id",
        accessToken: "access_token",
        refreshToken: "refresh_token",
        idToken: "id_token",
        accessTokenExpiresAt: "access_token_expires_at",
        refreshTokenExpiresAt: "refresh_token_expires_at",
        createdAt: "created_at",
        updatedAt: "updated_at",
      },
    },
    verification: {
      modelName: "verifications",
      fields: { expiresAt: "expires_at", createdAt: "created_at", updatedAt: "updated_at" },
    },
    plugins: [
      // Enrolment and the sign-in code page come later; the tables and the sign-in check are here.
      twoFactor({
        issuer: config.siteName,
        schema: {
          user: { fields: { twoFactorEnabled: "two_factor_enabled" } },
          twoFactor: {
            modelName: "two_factors",
            fields: {
              userId: "user_id",
              backupCodes: "backup_codes",
              failedVerificationCount: "failed_verification_count",
              lockedUntil: "locked_until",
            },
          },
        },
      }),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;

/** Errors are logged by name and message only: their other fields may hold request data. */
function describe(value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message };
  return typeof value === "string" ? value : typeof value;
}
