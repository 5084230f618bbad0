import cookie from "@fastify/cookie";
import csrf from "@fastify/csrf-protection";
import formbody from "@fastify/formbody";
import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { TSchema } from "typebox";
import { Value } from "typebox/value";
import { LOCALES, localizedPath } from "../i18n/index.js";
import { databaseRateLimitStore } from "./rate-limit-store.js";

/**
 * What every form needs: urlencoded bodies, CSRF tokens (double-submit: a secret in an HTTP-only
 * cookie, a token in the form), and rate limits that routes opt into with `config.rateLimit`.
 * Rate-limit counters live in the database (rate-limit-store.ts), shared by every process.
 */
export const formsPlugin = fp(
  async (app: FastifyInstance) => {
    await app.register(formbody, { bodyLimit: 64 * 1024 });
    await app.register(cookie);
    await app.register(csrf, {
      sessionPlugin: "@fastify/cookie",
      cookieOpts: {
        path: "/",
        httpOnly: true,
        sameSite: "lax",
        secure: app.config.publicUrl.startsWith("https:"),
      },
      getToken: (request) => (request.body as Record<string, unknown> | undefined)?._csrf as string,
    });
    await app.register(rateLimit, { global: false, store: databaseRateLimitStore(app.db) });
  },
  { name: "forms", dependencies: [] },
);

type Handler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/** The limit of a form that names none (staff forms): generous for real work, a stop for scripts. */
export const FORM_RATE_LIMIT = { max: 60, timeWindow: "15 minutes" };

export interface FormPostOptions {
  /** Who may post: a guard (accounts/session.ts), run before the body is even read. */
  guard?: Handler;
  /** Posts allowed per client address and window; FORM_RATE_LIMIT when not given. */
  rateLimit?: { max: number; timeWindow: string };
  /** A larger body than the forms' 64 KB (a pasted CSV). */
  bodyLimit?: number;
}

/**
 * The one way a form's POST is registered: at `path` (unprefixed) in every locale, its guard
 * before the body is parsed, a rate limit, then its CSRF token checked, then `handler`. A post
 * without a valid token never reaches a handler.
 */
export function registerFormPost(
  app: FastifyInstance,
  path: string,
  handler: Handler,
  { guard, rateLimit = FORM_RATE_LIMIT, bodyLimit }: FormPostOptions = {},
): void {
  for (const locale of LOCALES) {
    app.post(
      localizedPath(locale, path),
      {
        ...(guard ? { onRequest: guard } : {}),
        preHandler: app.csrfProtection,
        ...(bodyLimit ? { bodyLimit } : {}),
        config: { rateLimit },
      },
      handler,
    );
  }
}

export type FieldSchemas = Record<string, TSchema>;

/** Control characters other than tab, newline and carriage return. */
const CONTROL = /[^\P{Cc}\t\n\r]/u;
/** Something that reads as an HTML tag, comment or declaration: "<b", "</", "<!", "<?". */
const MARKUP = /<[\p{L}/!?]/u;

export interface CheckOptions<F> {
  /** Fields whose text is Markdown, where a literal tag is text to show, not a mistake. */
  allowMarkup?: (keyof F & string)[];
}

/**
 * Checks each field of a form body against its schema and reports every bad field, not just the
 * first. Strings are trimmed; control characters are refused everywhere, and so is markup ("<b>",
 * "<script", "</x>") except in the fields `allowMarkup` names: nobody's name or reason needs it,
 * and refusing it keeps pasted HTML and script probes out of the data ("a < b" is still fine).
 */
export function checkFields<F extends FieldSchemas>(
  fields: F,
  body: unknown,
  options: CheckOptions<F> = {},
): { values: Record<keyof F, string>; errors: (keyof F & string)[] } {
  const source = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  const values = {} as Record<keyof F, string>;
  const errors: (keyof F & string)[] = [];
  for (const [name, schema] of Object.entries(fields)) {
    const raw = source[name];
    const value = typeof raw === "string" ? raw.trim() : raw === undefined ? "" : undefined;
    const markup =
      value !== undefined && !options.allowMarkup?.includes(name) && MARKUP.test(value);
    if (value === undefined || CONTROL.test(value) || markup || !Value.Check(schema, value)) {
      errors.push(name);
      // Echoed back into the form for correction: bounded, and without control characters.
      values[name as keyof F] =
        typeof raw === "string" ? raw.slice(0, 500).replace(/[^\P{Cc}\t\n\r]/gu, "") : "";
    } else {
      values[name as keyof F] = value;
    }
  }
  return { values, errors };
}
