import cookie from "@fastify/cookie";
import csrf from "@fastify/csrf-protection";
import formbody from "@fastify/formbody";
import rateLimit from "@fastify/rate-limit";
import type { ErrorObject } from "ajv";
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  onRequestAsyncHookHandler,
} from "fastify";
import fp from "fastify-plugin";
import type { Static, TSchema } from "typebox";
import { LOCALES, localizedPath } from "../i18n/index.js";
import { AppError, appError, type FieldError, notFound, validationFailed } from "./errors.js";
import { databaseRateLimitStore } from "./rate-limit-store.js";
import {
  compiledOnFirstUse,
  type FormSchema,
  fieldErrors,
  formAjv,
  keptAsTyped,
} from "./validation.js";

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
      // The request line says 403; a second line per refused form is noise (http/request-log.ts).
      logLevel: "debug",
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
    // generateCsrf looks for the secret in the request's cookies only. On a first visit a page
    // with two forms (its own, and the language offer's: http/render.ts) would make a secret for
    // each, the cookie would keep the last, and the page's own form would be refused (403). The
    // first secret made is kept on the request, as if it had brought it.
    app.addHook("onRequest", (request, reply, done) => {
      if (!request.cookies || request.cookies[CSRF_COOKIE] !== undefined) return done();
      const setCookie = reply.setCookie.bind(reply);
      reply.setCookie = (name, value, options) => {
        if (name === CSRF_COOKIE) request.cookies[name] = value;
        return setCookie(name, value, options);
      };
      done();
    });
    await app.register(rateLimit, {
      global: false,
      store: databaseRateLimitStore(app.db),
      // The true wait, in the person's language (the plugin also sends Retry-After in seconds).
      errorResponseBuilder: (_request, context) =>
        appError("rate_limited_wait", {
          values: { minutes: Math.max(1, Math.ceil(context.ttl / 60_000)) },
        }),
    });
  },
  { name: "forms", dependencies: [] },
);

/** The cookie that holds the CSRF secret (@fastify/csrf-protection's default name). */
const CSRF_COOKIE = "_csrf";

type Handler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/** The limit of a form that names none (staff forms): generous for real work, a stop for scripts. */
export const FORM_RATE_LIMIT = { max: 60, timeWindow: "15 minutes" };

/** A form's request: its body typed from `S`, its path parameters from `P` (TypeBox). */
export type FormRequest<
  S extends TSchema,
  P extends TSchema | undefined = undefined,
> = FastifyRequest<{
  Body: Static<S>;
  Params: P extends TSchema ? Static<P> : unknown;
}>;

/** A refused form's request: its body is not valid, its parameters are (checked first). */
export type RefusedRequest<P extends TSchema | undefined = undefined> = FastifyRequest<{
  Params: P extends TSchema ? Static<P> : unknown;
}>;

/** What came back wrong from a form: every field's problem, and the values to show again. */
export interface FormProblems {
  /** One error per refused field, with its reason (validation.ts). */
  errors: FieldError[];
  /** Each refused field's first error, by field name. */
  byField: Record<string, FieldError | undefined>;
  /**
   * Every field of the schema as typed (trimmed but for `Password` and `untrimmed` ones), without
   * control characters: to show again, except a password, which a view never echoes.
   */
  values: Record<string, string>;
}

export interface FormPostOptions<S extends FormSchema, P extends TSchema | undefined = undefined> {
  /** The form's fields (validation.ts: Text, Line, Markdown, Choice, Password, untrimmed...). */
  body: S;
  /** The path's parameters ("/members/:slug/edit"); a path that breaks it is not found (404). */
  params?: P;
  /** Who may post: a guard (`app.guards`), run before the body is even read. */
  guard?: onRequestAsyncHookHandler;
  /** Posts allowed per client address and window; FORM_RATE_LIMIT when not given. */
  rateLimit?: { max: number; timeWindow: string };
  /** A larger body than the forms' 64 KB (a pasted CSV). */
  bodyLimit?: number;
  /**
   * Renders the form again with its problems (usually 422). Without it, a refused form is the
   * error page's 422 with a message per field.
   */
  invalid?: (request: RefusedRequest<P>, reply: FastifyReply, problems: FormProblems) => unknown;
  /**
   * Renders the form again over its rate limit (429, `Retry-After` already set) with `message`
   * ("Too many requests. Try again in 14 minutes.") and the values typed, so nothing is lost.
   * Without it, the error page says the same.
   */
  limited?: (
    request: RefusedRequest<P>,
    reply: FastifyReply,
    refusal: { message: string; values: Record<string, string> },
  ) => unknown;
}

/**
 * The one way a form's POST is registered: at `path` (unprefixed) in every locale, its guard
 * before the body is parsed, a rate limit, then its CSRF token checked, then `handler`. A post
 * without a valid token never reaches a handler.
 *
 * Path parameters that break `params` are a 404. String fields are trimmed (except those the
 * schema keeps as typed: `Password`, `untrimmed`) and a missing field is empty, the body is
 * checked against the schema with every field's error collected (validation.ts), a refused form
 * goes to `invalid`, and `handler` gets a typed, valid body and typed parameters.
 */
export function registerFormPost<S extends FormSchema, P extends TSchema | undefined = undefined>(
  app: FastifyInstance,
  path: string,
  options: FormPostOptions<S, P>,
  handler: (request: FormRequest<S, P>, reply: FastifyReply) => Promise<unknown>,
): void {
  const { body: schema, params, guard, rateLimit = FORM_RATE_LIMIT, bodyLimit } = options;
  const run: Handler = async (request, reply) => {
    const failed = request.validationError;
    if (!failed) return handler(request as FormRequest<S, P>, reply);
    // Fastify checks the parameters first: a path that breaks them names nothing.
    if (failed.validationContext === "params") throw notFound();
    const problems = formProblems(schema, request.body, failed);
    if (options.invalid) return options.invalid(request as RefusedRequest<P>, reply, problems);
    throw validationFailed(problems.errors);
  };
  const limited = options.limited;
  for (const locale of LOCALES) {
    app.post(
      localizedPath(locale, path),
      {
        ...(guard ? { onRequest: guard } : {}),
        // A form that shows itself again when limited needs its body: the limit is counted once
        // the body is read (still before the CSRF token and the handler).
        ...(limited
          ? {
              errorHandler: (error: unknown, request: FastifyRequest, reply: FastifyReply) => {
                if (!(error instanceof AppError && error.id === "rate_limited_wait")) throw error;
                const message = request.t(error.messageKey, error.values);
                const values = formValues(schema, request.body);
                return limited(request as RefusedRequest<P>, reply, { message, values });
              },
            }
          : {}),
        schema: { body: schema, ...(params ? { params } : {}) },
        attachValidation: true,
        validatorCompiler: ({ schema: s }) => compiledOnFirstUse(() => formAjv.compile(s)),
        preValidation: normalizeFormBody(schema),
        preHandler: app.csrfProtection,
        ...(bodyLimit ? { bodyLimit } : {}),
        config: {
          rateLimit: limited ? { ...rateLimit, hook: "preValidation" as const } : rateLimit,
        },
      },
      run,
    );
  }
}

/**
 * Trims every string and makes its line breaks LF, but the fields kept as typed (validation.ts
 * `keptAsTyped`), and makes a missing field of the schema an empty one, as a browser sends.
 */
function normalizeFormBody(schema: FormSchema) {
  const properties: Record<string, TSchema> = schema.properties ?? {};
  const names = Object.keys(properties);
  return async (request: FastifyRequest) => {
    const body = request.body;
    if (body === undefined || body === null) {
      request.body = Object.fromEntries(names.map((n) => [n, ""]));
      return;
    }
    if (typeof body !== "object" || Array.isArray(body)) return;
    const fields = body as Record<string, unknown>;
    for (const [name, value] of Object.entries(fields)) {
      const field = properties[name];
      // Browsers send a textarea's line breaks as CRLF: one break is one character, as typed.
      if (typeof value === "string" && !(field && keptAsTyped(field))) {
        fields[name] = value.replace(/\r\n?/g, "\n").trim();
      }
    }
    for (const name of names) fields[name] ??= "";
  };
}

function formProblems(schema: FormSchema, body: unknown, failed: Error): FormProblems {
  const ajvErrors = (failed as { validation?: ErrorObject[] }).validation ?? [];
  const errors = fieldErrors(ajvErrors, body, "body");
  const values = formValues(schema, body);
  return { errors, byField: Object.fromEntries(errors.map((e) => [e.field, e])), values };
}

/** Every field of the schema as posted, to show again. */
function formValues(schema: FormSchema, body: unknown): Record<string, string> {
  const source = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  const values: Record<string, string> = {};
  for (const name of Object.keys(schema.properties ?? {})) {
    const raw = source[name];
    // Echoed back into the form for correction, whole (the body limit bounds it: a refused text
    // is never lost) and without control characters.
    values[name] = typeof raw === "string" ? raw.replace(/[^\P{Cc}\t\n\r]/gu, "") : "";
  }
  return values;
}
