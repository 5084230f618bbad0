// What accounts' pages and forms share beyond http/forms.ts: typed query strings for pages,
// passwords taken as typed (registerFormPost trims every string), and a field's message with
// the reason it was refused.
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Static, TObject } from "typebox";
import { appError, type ErrorId, type FieldError } from "../http/errors.js";
import { LOCALES, localizedPath, type MessageValues, type Translate } from "../i18n/index.js";

type QueryRequest<Q extends TObject> = FastifyRequest<{ Querystring: Static<Q> }>;

/**
 * A GET page at `path` (unprefixed) in every locale, as `registerPage` (http/locale.ts) does,
 * with a TypeBox schema for its query string: the handler reads a typed `request.query`.
 * Public pages are listed in `app.pagePaths`; `restricted` ones are not.
 */
export function registerQueryPage<Q extends TObject>(
  app: FastifyInstance,
  path: string,
  querystring: Q,
  handler: (request: QueryRequest<Q>, reply: FastifyReply) => Promise<unknown>,
  { restricted = false }: { restricted?: boolean } = {},
): void {
  if (!restricted) app.pagePaths.push(path);
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  for (const locale of LOCALES) {
    typed.get(localizedPath(locale, path), { schema: { querystring } }, handler);
  }
}

/** The form fields that hold passwords: never trimmed, never echoed. */
const PASSWORD_FIELDS = ["password", "password_confirm", "confirm"] as const;
type PasswordField = (typeof PASSWORD_FIELDS)[number];

const typedPasswords = new WeakMap<FastifyRequest, Partial<Record<PasswordField, string>>>();

/**
 * Keeps the password fields of every form post under `app` as typed, before registerFormPost
 * trims the body: a password is taken exactly as the person typed it (instance hooks run before
 * the route's own).
 */
export function keepPasswordsAsTyped(app: FastifyInstance): void {
  app.addHook("preValidation", async (request) => {
    const body: unknown = request.body;
    if (request.method !== "POST" || !body || typeof body !== "object") return;
    const kept: Partial<Record<PasswordField, string>> = {};
    for (const name of PASSWORD_FIELDS) {
      const value: unknown = Reflect.get(body, name);
      if (typeof value === "string") kept[name] = value;
    }
    typedPasswords.set(request, kept);
  });
}

/** A password field of the posted form as typed ("" when missing or not text). */
export function passwordAsTyped(request: FastifyRequest, name: PasswordField): string {
  return typedPasswords.get(request)?.[name] ?? "";
}

/** Reasons specific enough to say instead of the field's own message. */
const SPECIFIC = new Set<string>([
  "errors.field.too_long",
  "errors.field.markup",
  "errors.field.control",
  "errors.field.line_break",
]);

/**
 * The message for a refused field: why, when the reason is specific ("This is 301 characters
 * long; the limit is 120."), else the field's own message (`own`), which says what it takes.
 */
export function fieldMessage(t: Translate, error: FieldError, own: string): string {
  return SPECIFIC.has(error.id) ? t(error.id, error.values) : own;
}

/**
 * A refusal from the error catalogue (http/errors.ts) for a page that shows it in its own
 * context (a form again, with the message above it): the status and the translated message.
 */
export function refusalOf(
  request: FastifyRequest,
  id: ErrorId,
  values?: MessageValues,
): { statusCode: number; message: string } {
  const error = appError(id, { values });
  return { statusCode: error.statusCode, message: request.t(error.messageKey, error.values) };
}
