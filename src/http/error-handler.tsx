import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { isDatabaseUnavailable } from "../db/index.js";
import { ErrorPage } from "../views/error-page.js";
import {
  type AppError,
  appError,
  notFound,
  toAppError,
  unavailable,
  validationFailed,
} from "./errors.js";
import { pageContext, sendPage } from "./render.js";
import { fieldErrors } from "./validation.js";

// Machine endpoints answer errors in JSON; everything else is a page.
const JSON_PATHS = /^\/(api|healthz|readyz)(?=[/?]|$)/;

function isApi(request: FastifyRequest): boolean {
  return JSON_PATHS.test(request.url);
}

/** Schema validation errors from Fastify, one per field with its reason (validation.ts). */
function fromValidation(error: FastifyError): AppError {
  const context = error.validationContext;
  const fields = fieldErrors(error.validation ?? [], undefined, context);
  // A bad address (query or path) is a bad request; a well-formed body with bad values is 422.
  return context === "querystring" || context === "params"
    ? appError("bad_request", { fields })
    : validationFailed(fields);
}

/** Seconds a client is asked to wait after a 503: a database restart or failover, not an outage. */
export const RETRY_AFTER_SECONDS = 30;

async function respond(request: FastifyRequest, reply: FastifyReply, error: AppError) {
  // Whatever the failed handler meant to set (a new session before a bad redirect) is not set.
  reply.removeHeader("set-cookie");
  const t = request.t;
  if (error.statusCode === 503) reply.header("retry-after", String(RETRY_AFTER_SECONDS));
  const message = t(error.messageKey, error.values);
  if (isApi(request)) {
    return reply.code(error.statusCode).send({
      error: {
        id: error.id,
        statusCode: error.statusCode,
        message,
        ...(error.fields.length
          ? {
              fields: error.fields.map((f) => ({
                field: f.field,
                id: f.id,
                message: t(f.id, f.values),
              })),
            }
          : {}),
      },
    });
  }
  return sendPage(
    reply,
    <ErrorPage ctx={pageContext(request)} statusCode={error.statusCode} message={message} />,
    error.statusCode,
  );
}

/** One place renders every error: JSON under /api/, a translated page elsewhere; 5xx details only in the log. */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    // A database that is away is a passing condition (503, try again), not a bug (500).
    const appError = error.validation
      ? fromValidation(error)
      : isDatabaseUnavailable(error)
        ? unavailable()
        : toAppError(error);
    if (appError.statusCode >= 500) request.log.error({ err: error }, "request failed");
    // The request line (http/request-log.ts) has the status; the reason is for debugging.
    else
      request.log.debug({ err: { message: error.message, code: error.code } }, "request refused");
    return respond(request, reply, appError);
  });
  app.setNotFoundHandler(async (request, reply) => respond(request, reply, notFound()));
}
