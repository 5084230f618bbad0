import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ErrorPage } from "../views/error-page.js";
import { AppError, notFound, toAppError, validationFailed } from "./errors.js";
import { pageContext, sendPage } from "./render.js";

// Machine endpoints answer errors in JSON; everything else is a page.
const JSON_PATHS = /^\/(api|healthz|readyz)(?=[/?]|$)/;

function isApi(request: FastifyRequest): boolean {
  return JSON_PATHS.test(request.url);
}

/** Schema validation errors from Fastify, turned into one entry per field. */
function fromValidation(error: FastifyError): AppError {
  const fields = (error.validation ?? []).map((v) => {
    const path = v.instancePath.replace(/^\//, "").replaceAll("/", ".");
    const missing = (v.params as { missingProperty?: string }).missingProperty;
    const field =
      [path, missing].filter(Boolean).join(".") || String(error.validationContext ?? "body");
    return {
      field,
      id: missing ? ("errors.field.required" as const) : ("errors.field.invalid" as const),
    };
  });
  // A bad address (query or path) is a bad request; a well-formed body with bad values is 422.
  const context = error.validationContext;
  return context === "querystring" || context === "params"
    ? new AppError(400, "bad_request", fields)
    : validationFailed(fields);
}

async function respond(request: FastifyRequest, reply: FastifyReply, error: AppError) {
  const t = request.t;
  const message = t(error.messageKey);
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
    const appError = error.validation ? fromValidation(error) : toAppError(error);
    if (appError.statusCode >= 500) request.log.error({ err: error }, "request failed");
    else request.log.info({ err: { message: error.message, code: error.code } }, "request refused");
    return respond(request, reply, appError);
  });
  app.setNotFoundHandler(async (request, reply) => respond(request, reply, notFound()));
}
