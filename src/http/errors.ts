// The error catalogue: every error the app answers with has a stable id, which is also its
// message key (`errors.<id>` in every locale's errors.json), and one status. Handlers, guards,
// policies and services throw `appError(id)`; the one handler (error-handler.tsx) renders it as a
// translated page or as JSON. Domain errors (a refusal with a reason a person can act on) are
// added here, with their messages, by the feature that needs them.
import type { MessageKey, MessageValues } from "../i18n/index.js";

export const ERRORS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  validation: 422,
  rate_limited: 429,
  /** A rate limit with its wait: `{ minutes }`. */
  rate_limited_wait: 429,
  internal: 500,
  unavailable: 503,
  // accounts
  wrong_credentials: 401,
  wrong_password: 401,
  wrong_code: 401,
  wrong_backup_code: 401,
  sign_in_expired: 401,
  too_many_codes: 401,
  not_member_admin: 403,
  not_member_admin_named: 403,
  wrong_jurisdiction: 403,
  not_a_member: 403,
  no_memberships: 403,
  wrong_account: 403,
  link_two_factor: 403,
  last_admin: 409,
  last_member_admin: 409,
  invitation_mail_limit: 429,
  // members
  members_admin_only: 403,
  members_staff_only: 403,
  profile_not_yours: 403,
  jurisdiction_already_member: 409,
  application_pending: 409,
  application_decided: 409,
  // campaigns
  campaigns_staff_only: 403,
  campaigns_admin_only: 403,
  campaign_members_only: 403,
  campaign_not_started: 409,
  campaign_closed: 409,
  campaign_changed: 409,
  letter_admins_only: 403,
  // campaigns: events
  event_cancelled: 409,
  event_over: 409,
  event_not_colleague: 403,
  event_link_invalid: 404,
  // campaigns: comments on federal rules
  comment_approvers_only: 403,
  comment_admins_only: 403,
  comment_changed: 409,
  comment_not_ready: 409,
  comment_rule_closed: 409,
  // mail
  mail_not_configured: 409,
  mail_secret_gone: 409,
  // rules
  rules_staff_only: 403,
  federal_register_unavailable: 503,
  // campaigns: filing comments on federal rules
  comment_not_approved: 409,
  comment_filing_in_progress: 409,
  comment_already_filed: 409,
  comment_filing_unclear: 409,
  comment_not_unclear: 409,
  // resources
  resources_staff_only: 403,
  resources_admin_only: 403,
  resource_changed: 409,
  // search
  search_query_empty: 400,
  search_query_too_long: 400,
  search_no_words: 400,
} as const satisfies Record<string, number>;

export type ErrorId = keyof typeof ERRORS;

export interface FieldError {
  /** The field's name as in the form or JSON body (dotted for nested JSON). */
  field: string;
  /** Message key of the problem, e.g. `errors.field.too_long`. */
  id: MessageKey;
  /** What the message needs: `{ length: 301, limit: 280 }`. */
  values?: Record<string, string | number>;
}

export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly id: ErrorId,
    readonly fields: FieldError[] = [],
    /** Values for the error's message, e.g. the name of the jurisdiction refused. */
    readonly values: MessageValues = {},
  ) {
    super(id);
    this.name = "AppError";
  }

  get messageKey(): MessageKey {
    return `errors.${this.id}` as MessageKey;
  }
}

/** The catalogue's error `id`, with its status. */
export function appError(
  id: ErrorId,
  options: { fields?: FieldError[]; values?: MessageValues } = {},
): AppError {
  return new AppError(ERRORS[id], id, options.fields, options.values);
}

export const notFound = () => appError("not_found");
export const unavailable = () => appError("unavailable");
export const forbidden = (id: ErrorId = "forbidden", values?: MessageValues) =>
  appError(id, { values });
export const validationFailed = (fields: FieldError[]) => appError("validation", { fields });

const BY_STATUS: Record<number, ErrorId> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  409: "conflict",
  413: "payload_too_large",
  429: "rate_limited",
  503: "unavailable",
};

/** Maps any thrown value to a catalogue error; unknown errors become a 500 that hides its cause. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown })?.code;
  if (typeof code === "string" && code.startsWith("FST_CSRF_")) return appError("csrf_failed");
  const status = (error as { statusCode?: unknown })?.statusCode;
  if (typeof status === "number" && status >= 400 && status < 500) {
    return new AppError(status, BY_STATUS[status] ?? "bad_request");
  }
  if (status === 503) return unavailable();
  return appError("internal");
}
