import { APIError } from "better-auth/api";
import type { Kysely } from "kysely";
import {
  type Auth,
  createAuth,
  setUserCoalitionRole,
  userByEmailAnyCase,
} from "../accounts/index.js";
import { loadConfig } from "../config/config.js";
import {
  type DB,
  dialectOf,
  isUniqueViolation as isDatabaseUniqueViolation,
  type UserRole,
} from "../db/index.js";
import { CliError, quote } from "./errors.js";
import { checkPassword } from "./password.js";

// Deliberately loose: the real test of an address is mail reaching it.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// Line and paragraph separators break log lines and headers just like C0/C1 controls do.
const CONTROL = /[\p{Cc}\u2028\u2029]/u;
const MAX_NAME_LENGTH = 120;

export interface AdminIdentity {
  email: string;
  name: string;
}

export interface NewAdmin extends AdminIdentity {
  password: string;
}

export interface CreatedAdmin extends AdminIdentity {
  id: string;
  role: UserRole;
}

/**
 * Checks and normalizes an e-mail and a name, throwing a CliError naming the bad one. E-mails are
 * lower-cased because better-auth looks them up lower-cased.
 */
export function validateAdminIdentity(input: AdminIdentity): AdminIdentity {
  const email = input.email.trim().toLowerCase();
  if (email.length > 254 || !EMAIL.test(email)) {
    throw new CliError(`${quote(input.email)} is not a valid e-mail address`);
  }
  const name = input.name.trim();
  const length = [...name].length;
  if (length < 1 || length > MAX_NAME_LENGTH) {
    throw new CliError(`the name must be 1 to ${MAX_NAME_LENGTH} characters long`);
  }
  if (CONTROL.test(name)) throw new CliError("the name must not contain control characters");
  return { email, name };
}

export interface CreateAdminOptions {
  /** The auth instance to create the account with; by default one from the environment's config. */
  auth?: Auth;
}

/**
 * Adds a coalition admin through better-auth (its user and credential account, its password
 * hash), then gives them the coalition_admin role. A taken e-mail (in any letter case) is a
 * CliError.
 */
export async function createAdmin(
  db: Kysely<DB>,
  input: NewAdmin,
  options: CreateAdminOptions = {},
): Promise<CreatedAdmin> {
  const { email, name } = validateAdminIdentity(input);
  checkPassword(input.password);
  const taken = () => new CliError(`a user with the e-mail ${email} already exists`);
  // Checked before hashing so a typo fails fast; the unique index still decides under a race.
  if (await userByEmailAnyCase(db, email)) throw taken();
  const kind = dialectOf(db);
  const auth = options.auth ?? createAuth({ db, kind }, loadConfig());
  let id: string;
  try {
    const { user } = await auth.api.signUpEmail({
      body: { email, name, password: input.password },
    });
    id = user.id;
  } catch (error) {
    if (isUniqueViolation(error)) throw taken();
    if (error instanceof APIError)
      throw new CliError(`could not create the account: ${error.message}`);
    throw error;
  }
  const role = "coalition_admin" as const;
  await setUserCoalitionRole(db, id, role, new Date().toISOString());
  return { id, email, name, role };
}

function isUniqueViolation(error: unknown): boolean {
  if (isDatabaseUniqueViolation(error)) return true;
  return error instanceof APIError && error.body?.code === "USER_ALREADY_EXISTS";
}
