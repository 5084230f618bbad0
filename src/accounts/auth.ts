// better-auth, set up as docs/decisions/0004-auth-library.md describes: our Kysely, our
// snake_case tables, called only through `auth.api` from our own routes (its HTTP handler is
// never mounted, so our CSRF tokens and rate limits guard every form).
import { betterAuth } from "better-auth";
import { magicLink } from "better-auth/plugins/magic-link";
import { twoFactor } from "better-auth/plugins/two-factor";
import type { Config } from "../config/config.js";
import type { Database } from "../db/index.js";
import { DEFAULT_LOCALE, findLocale, localeOfPath } from "../i18n/index.js";
import { markEmailVerified, userByEmailAnyCase } from "./people.queries.js";
import { clearSignInFailures } from "./sign-in-failures.queries.js";

/** The part of a pino logger better-auth's messages go to. */
export interface AuthLog {
  debug(object: object, message: string): void;
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;

/**
 * What is wrong with a new password typed twice, or null. Lengths are counted as better-auth
 * counts them. Passwords are taken as typed: never trimmed.
 */
export function newPasswordProblem(
  password: unknown,
  confirm: unknown,
): "short" | "long" | "mismatch" | null {
  const typed = typeof password === "string" ? password : "";
  if (typed.length < MIN_PASSWORD_LENGTH) return "short";
  if (typed.length > MAX_PASSWORD_LENGTH) return "long";
  return confirm === typed ? null : "mismatch";
}
/** Sessions last a week, renewed once a day while used. */
const SESSION_SECONDS = 7 * 24 * 3600;
/** A mailed sign-in link works once, for a quarter of an hour. */
export const MAGIC_LINK_SECONDS = 15 * 60;
/** A mailed password-reset link works once, for an hour. */
export const RESET_PASSWORD_SECONDS = 60 * 60;

export type AuthConfig = Pick<Config, "publicUrl" | "authSecret" | "siteName">;

/** Whom a mail from better-auth goes to. */
export interface MailUser {
  id: string;
  email: string;
  name: string;
}

/**
 * Sends the mails better-auth asks for, with the raw token: the hook builds our own localized
 * link from it (better-auth's own URLs point at its never-mounted handler). `locale` is the tag
 * of the page the person asked from.
 */
export interface AuthMail {
  /** Only ever called for an existing, verified address without two-factor sign-in. */
  magicLink(user: MailUser, token: string, locale: string): Promise<void>;
  /** Called for every existing address; never for unknown ones. */
  resetPassword(user: MailUser, token: string, locale: string): Promise<void>;
}

/**
 * Builds the better-auth instance; `log` receives its messages (none are written when absent),
 * `mail` sends sign-in and reset links (none are sent when absent).
 */
export function createAuth(
  database: Pick<Database, "db" | "kind">,
  config: AuthConfig,
  log?: AuthLog,
  mail?: AuthMail,
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
      resetPasswordTokenExpiresIn: RESET_PASSWORD_SECONDS,
      // Our route passes `redirectTo`: the localized page the link is for, hence its language.
      sendResetPassword: async ({ user, url, token }) => {
        if (!mail) return;
        const target = new URL(url).searchParams.get("callbackURL") ?? "/";
        await mail.resetPassword(user, token, localeOfPath(target).tag);
      },
      // The link came by mail, so the address is proven: mark it (magic links need that).
      onPasswordReset: async ({ user }) => {
        await markEmailVerified(database.db, user.id);
        // The mail proved the owner: wrong passwords guessed by others stop counting against them.
        await clearSignInFailures(database.db, user.email);
      },
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
        isDemo: {
          type: "number",
          required: false,
          input: false,
          defaultValue: 0,
          fieldName: "is_demo",
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
      // Enrolment: /account/two-factor; the code asked at sign-in: /account/sign-in/code.
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
      magicLink({
        storeToken: "hashed",
        disableSignUp: true,
        expiresIn: MAGIC_LINK_SECONDS,
        // better-auth would mail any address (0004, finding 5), a link skips the second factor
        // (finding 4), and a link for an unverified address deletes its password and sessions
        // (revokeUnprovenAccountAccess). So only verified people without 2FA get one; everyone
        // else gets nothing, and the form answers the same either way.
        sendMagicLink: async ({ email, token, metadata }) => {
          if (!mail) return;
          const user = await userByEmailAnyCase(database.db, email);
          if (!user?.email_verified || user.two_factor_enabled) return;
          const tag = typeof metadata?.locale === "string" ? metadata.locale : "";
          const locale = findLocale(tag) ?? DEFAULT_LOCALE;
          await mail.magicLink(user, token, locale.tag);
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
