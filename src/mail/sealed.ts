// A mail that carries a one-time secret (a sign-in, reset or invitation link) is stored twice:
// readable with the secret replaced by a notice ("[sign-in link removed]"), which is what staff
// see at /admin/outbox, and whole but encrypted, only while it waits to be sent. The key is
// derived from the auth secret, so a copy of the database (a backup) holds no usable link, and
// the encrypted copy is wiped when the message is sent or given up on.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface Sealer {
  /** The text encrypted (AES-256-GCM), as `v1.<base64url>`. */
  seal(text: string): string;
  /** The text back; undefined when it was sealed with another key or is damaged. */
  open(sealed: string): string | undefined;
}

/** Seals with a key derived from `secret` (AUTH_SECRET): every process of a site opens what another sealed. */
export function createSealer(secret: string): Sealer {
  const key = Buffer.from(hkdfSync("sha256", secret, "cfa-outbox", "sealed mail body", 32));
  return {
    seal(text) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const body = Buffer.concat([cipher.update(text, "utf8"), cipher.final()]);
      return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
    },
    open(sealed) {
      const [version, data] = sealed.split(".");
      if (version !== VERSION || !data) return undefined;
      const bytes = Buffer.from(data, "base64url");
      if (bytes.length < IV_BYTES + TAG_BYTES) return undefined;
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, IV_BYTES));
        decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        const body = bytes.subarray(IV_BYTES + TAG_BYTES);
        return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
      } catch {
        return undefined;
      }
    },
  };
}

/** A secret `send()` can take out of `text`: in it, long enough, and not in its own notice. */
export function secretFits(text: string, secret: { value: unknown; redacted: unknown }): boolean {
  return (
    typeof secret.value === "string" &&
    secret.value.length >= 16 &&
    text.includes(secret.value) &&
    typeof secret.redacted === "string" &&
    secret.redacted.trim() !== "" &&
    !secret.redacted.includes(secret.value)
  );
}

/**
 * The outbox columns of a new message's text: readable without its secret, and whole but sealed
 * when it is to be sent (`sealer` given); a secret that will never be sent is not kept at all.
 */
export function storedText(
  message: { text: string; secret?: { value: string; redacted: string } },
  sealer: Sealer | undefined,
  now: string,
) {
  const { text, secret } = message;
  if (!secret) return { text_body: text, sealed_body: null, secret_removed_at: null };
  return {
    text_body: text.replaceAll(secret.value, secret.redacted),
    sealed_body: sealer ? sealer.seal(text) : null,
    secret_removed_at: sealer ? null : now,
  };
}

/**
 * The text to send of an outbox row, or why there is none: its one-time secret was wiped (sent
 * or given up before), or was sealed with another AUTH_SECRET.
 */
export function textToSend(
  row: { text_body: string; sealed_body: string | null; secret_removed_at: string | null },
  sealer: Sealer,
): { text: string; gone?: undefined } | { text?: undefined; gone: string } {
  if (row.sealed_body !== null) {
    const text = sealer.open(row.sealed_body);
    return text === undefined
      ? { gone: "its one-time link cannot be unsealed (AUTH_SECRET changed?): not sent" }
      : { text };
  }
  if (secretGone(row)) return { gone: "its one-time link was removed: not sent" };
  return { text: row.text_body };
}

/** Whether a message had a one-time secret that is no longer kept: it cannot be sent (again). */
export function secretGone(row: { sealed_body: string | null; secret_removed_at: string | null }) {
  return row.sealed_body === null && row.secret_removed_at !== null;
}
