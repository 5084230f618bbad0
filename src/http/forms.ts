import cookie from "@fastify/cookie";
import csrf from "@fastify/csrf-protection";
import formbody from "@fastify/formbody";
import rateLimit from "@fastify/rate-limit";
import type { ErrorObject } from "ajv";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { Static, TSchema } from "typebox";
import { Value } from "typebox/value";
import { LOCALES, localizedPath } from "../i18n/index.js";
import { type FieldError, validationFailed } from "./errors.js";
import { databaseRateLimitStore } from "./rate-limit-store.js";
import { type FormSchema, fieldErrors, formAjv } from "./validation.js";

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
      getToken: (request) => {
        const body: unknown = request.body;
        const token = body && typeof body === "object" && "_csrf" in body ? body._csrf : undefined;
        return typeof token === "string" ? token : undefined;
      },
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

/** A form's body, typed from its schema. */
export type FormRequest<S extends TSchema> = FastifyRequest<{ Body: Static<S> }>;

/** What came back wrong from a form: every field's problem, and the values to show again. */
export interface FormProblems {
  /** One error per refused field, with its reason (validation.ts). */
  errors: FieldError[];
  /** Each refused field's first error, by field name. */
  byField: Record<string, FieldError | undefined>;
  /** Every field of the schema as typed: trimmed, bounded, without control characters. */
  values: Record<string, string>;
}

export interface TypedFormPostOptions<S extends FormSchema> extends FormPostOptions {
  /** The form's fields (validation.ts: Text, Line, Markdown, Choice, or any TypeBox string). */
  body: S;
  /**
   * Renders the form again with its problems (usually 422). Without it, a refused form is the
   * error page's 422 with a message per field.
   */
  invalid?: (request: FastifyRequest, reply: FastifyReply, problems: FormProblems) => unknown;
}

/**
 * The one way a form's POST is registered: at `path` (unprefixed) in every locale, its guard
 * before the body is parsed, a rate limit, then its CSRF token checked, then `handler`. A post
 * without a valid token never reaches a handler.
 *
 * With a `body` schema (the contract for every form): string fields are trimmed and a missing
 * field is empty, the body is checked against the schema with every field's error collected
 * (validation.ts), a refused form goes to `invalid`, and `handler` gets a typed, valid body.
 * Without one (older routes, being converted), the handler checks the body itself.
 */
export function registerFormPost<S extends FormSchema>(
  app: FastifyInstance,
  path: string,
  options: TypedFormPostOptions<S>,
  handler: (request: FormRequest<S>, reply: FastifyReply) => Promise<unknown>,
): void;
export function registerFormPost(
  app: FastifyInstance,
  path: string,
  handler: Handler,
  options?: FormPostOptions,
): void;
export function registerFormPost(
  app: FastifyInstance,
  path: string,
  first: Handler | TypedFormPostOptions<FormSchema>,
  // biome-ignore lint/suspicious/noExplicitAny: the overloads above type both forms
  second?: FormPostOptions | ((request: any, reply: FastifyReply) => Promise<unknown>),
): void {
  const typed = typeof first !== "function";
  const options = (typed ? first : (second ?? {})) as TypedFormPostOptions<FormSchema>;
  const handler = (typed ? second : first) as Handler;
  const { guard, rateLimit = FORM_RATE_LIMIT, bodyLimit } = options;
  const schema = typed ? options.body : undefined;
  const run: Handler = schema
    ? async (request, reply) => {
        const failed = request.validationError;
        if (!failed) return handler(request, reply);
        const problems = formProblems(schema, request.body, failed);
        if (options.invalid) return options.invalid(request, reply, problems);
        throw validationFailed(problems.errors);
      }
    : handler;
  for (const locale of LOCALES) {
    app.post(
      localizedPath(locale, path),
      {
        ...(guard ? { onRequest: guard } : {}),
        ...(schema
          ? {
              schema: { body: schema },
              attachValidation: true,
              validatorCompiler: ({ schema: s }) => formAjv.compile(s),
              preValidation: normalizeFormBody(schema),
            }
          : {}),
        preHandler: app.csrfProtection,
        ...(bodyLimit ? { bodyLimit } : {}),
        config: { rateLimit },
      },
      run,
    );
  }
}

/** Trims every string and makes a missing field of the schema an empty one, as a browser sends. */
function normalizeFormBody(schema: FormSchema) {
  const names = Object.keys(schema.properties ?? {});
  return async (request: FastifyRequest) => {
    const body = request.body;
    if (body === undefined || body === null) {
      request.body = Object.fromEntries(names.map((n) => [n, ""]));
      return;
    }
    if (typeof body !== "object" || Array.isArray(body)) return;
    const fields = body as Record<string, unknown>;
    for (const [name, value] of Object.entries(fields))
      if (typeof value === "string") fields[name] = value.trim();
    for (const name of names) fields[name] ??= "";
  };
}

function formProblems(schema: FormSchema, body: unknown, failed: Error): FormProblems {
  const ajvErrors = (failed as { validation?: ErrorObject[] }).validation ?? [];
  const errors = fieldErrors(ajvErrors, body, "body");
  const source = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  const values: Record<string, string> = {};
  for (const name of Object.keys(schema.properties ?? {})) {
    const raw = source[name];
    // Echoed back into the form for correction, whole (the body limit bounds it: a refused text
    // is never lost) and without control characters.
    values[name] = typeof raw === "string" ? raw.replace(/[^\P{Cc}\t\n\r]/gu, "") : "";
  }
  return { errors, byField: Object.fromEntries(errors.map((e) => [e.field, e])), values };
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
