// Passwords are hashed exactly as better-auth does by default ("saltHex:keyHex", scrypt
// N=16384 r=16 p=1, 64-byte key, the salt used as its hex *string*), so accounts created here
// keep working when sign-in moves to better-auth.
import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from "node:crypto";
import { CliError } from "./errors.js";

const KEY_LENGTH = 64;
const SALT_BYTES = 16;
// maxmem as better-auth sets it: node's 32 MiB default is just too small for N=16384, r=16.
const SCRYPT: ScryptOptions = { N: 16384, r: 16, p: 1, maxmem: 128 * 16384 * 16 * 2 };

export const MIN_PASSWORD_LENGTH = 12;
/** better-auth's default maximum, so a password accepted here is accepted there too. */
export const MAX_PASSWORD_LENGTH = 128;

function deriveKey(password: string, salt: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // NFKC so the same password typed on different keyboards/OSes yields the same key.
    scrypt(password.normalize("NFKC"), salt, KEY_LENGTH, SCRYPT, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

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

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES).toString("hex");
  const key = await deriveKey(password, salt);
  return `${salt}:${key.toString("hex")}`;
}

/** Same call shape as better-auth's verifyPassword. A malformed hash never matches. */
export async function verifyPassword({
  hash,
  password,
}: {
  hash: string;
  password: string;
}): Promise<boolean> {
  const [salt, keyHex, ...rest] = hash.split(":");
  if (!salt || !keyHex || rest.length > 0 || !/^[0-9a-f]+$/i.test(keyHex)) return false;
  const expected = Buffer.from(keyHex, "hex");
  if (expected.length !== KEY_LENGTH) return false;
  return timingSafeEqual(await deriveKey(password, salt), expected);
}

/** 144 random bits as 24 URL-safe characters: strong, and easy to paste. */
export function generatePassword(): string {
  return randomBytes(18).toString("base64url");
}
