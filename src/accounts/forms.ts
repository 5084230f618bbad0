// What accounts' forms share beyond http/forms.ts: a field's message with the reason it was
// refused, and a refusal from the catalogue shown in the form's own context.
import type { FastifyRequest } from "fastify";
import { appError, type ErrorId } from "../http/errors.js";
import type { MessageValues } from "../i18n/index.js";

// The message of a refused field is shared by every form (http/validation.ts).
export { fieldMessage } from "../http/validation.js";

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

/**
 * True when better-auth refused a request (4xx) rather than failed (5xx or a bug). Its body
 * checks ("[body.email] Invalid email address", for `josé@example.org`) throw a plain Error with
 * a statusCode, not an APIError, so both are recognized.
 */
export function isAuthRefusal(error: unknown): boolean {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === "number" && status >= 400 && status < 500;
}
