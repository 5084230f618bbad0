// Password rules for the command line. Hashing is better-auth's (src/accounts/auth.ts): the
// limits here are its limits, so a password accepted here is accepted there too.
import { randomBytes } from "node:crypto";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "../accounts/index.js";
import { CliError } from "./errors.js";

export { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH };

/** Throws a CliError when the password is too short or too long; never echoes it. */
export function checkPassword(password: string): void {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) {
    throw new CliError(`the password must be at least ${MIN_PASSWORD_LENGTH} characters long`);
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    throw new CliError(`the password must be at most ${MAX_PASSWORD_LENGTH} characters long`);
  }
}

/** 144 random bits as 24 URL-safe characters: strong, and easy to paste. */
export function generatePassword(): string {
  return randomBytes(18).toString("base64url");
}
