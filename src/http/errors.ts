// The error catalogue: each error has a stable id, which is also its message key in errors.json.
import type { MessageKey } from "../i18n/index.js";

export type ErrorId =
  | "forbidden"
  | "csrf_failed"
  | "bad_request"
  | "not_found"
  | "method_not_allowed"
  | "payload_too_large"
  | "rate_limited"
  | "internal"
  | "unavailable"
  | "validation";

export interface FieldError {
  /** The field's name as in the form or JSON body (dotted for nested JSON). */
  field: string;
  /** Message key of the problem. */
  id: MessageKey;
  values?: Record<string, string | number>;
}

export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly id: ErrorId,
    readonly fields: FieldError[] = [],
  ) {
    super(id);
    this.name = "AppError";
  }

  get messageKey(): MessageKey {
    return `errors.${this.id}` as MessageKey;
  }
}

export const notFound = () => new AppError(404, "not_found");
export const unavailable = () => new AppError(503, "unavailable");
export const validationFailed = (fields: FieldError[]) => new AppError(422, "validation", fields);

const BY_STATUS: Record<number, ErrorId> = {
  400: "bad_request",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  413: "payload_too_large",
  429: "rate_limited",
  503: "unavailable",
};

/** Maps any thrown value to a catalogue error; unknown errors become a 500 that hides its cause. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown })?.code;
  if (typeof code === "string" && code.startsWith("FST_CSRF_"))
    return new AppError(403, "csrf_failed");
  const status = (error as { statusCode?: unknown })?.statusCode;
  if (typeof status === "number" && status >= 400 && status < 500) {
    return new AppError(status, BY_STATUS[status] ?? "bad_request");
  }
  if (status === 503) return unavailable();
  return new AppError(500, "internal");
}
