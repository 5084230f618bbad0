// What a filing's `filing_error` column keeps: why the last attempt did not file, as a reason
// code and the API's own words, stored as JSON so the draft page can say it in the reader's
// language (comment-filing.json) with the API's message beside it, as received.
import type { MessageKey, Translate } from "../../../i18n/index.js";
import { type CommentTextProblem, oneLine } from "../../../rules/index.js";

export type FilingErrorReason =
  // refused: nothing filed; sending the same again will not help.
  | "refused"
  | "text"
  | "no_document"
  // null again: nothing filed; a person may ask again.
  | "no_api_key"
  | "changed"
  | "gave_up"
  // queued again: nothing filed yet; the job tries again by itself.
  | "rate_limited"
  | "unreachable"
  | "attachment"
  // unclear: maybe filed; a person checks before anything is sent again.
  | "timeout"
  | "server_error"
  | "connection_lost"
  | "no_tracking_number"
  | "unexpected_answer"
  | "interrupted";

export interface FilingError {
  reason: FilingErrorReason;
  /** The API's message or what failed, one line, as received (English). */
  detail?: string;
  status?: number;
}

const REASONS = new Set<string>([
  "refused",
  "text",
  "no_document",
  "no_api_key",
  "changed",
  "gave_up",
  "rate_limited",
  "unreachable",
  "attachment",
  "timeout",
  "server_error",
  "connection_lost",
  "no_tracking_number",
  "unexpected_answer",
  "interrupted",
]);

export function storeFilingError(error: FilingError): string {
  return JSON.stringify({
    reason: error.reason,
    ...(error.detail ? { detail: oneLine(error.detail, 1000) } : {}),
    ...(error.status !== undefined ? { status: error.status } : {}),
  });
}

/** The stored error, or null when there is none (or it is not one of ours). */
export function readFilingError(stored: string | null): FilingError | null {
  if (!stored) return null;
  try {
    const value = JSON.parse(stored) as Partial<FilingError>;
    if (typeof value.reason !== "string" || !REASONS.has(value.reason)) return null;
    return {
      reason: value.reason,
      ...(typeof value.detail === "string" ? { detail: value.detail } : {}),
      ...(typeof value.status === "number" ? { status: value.status } : {}),
    };
  } catch {
    return null;
  }
}

/**
 * What a person reads about the last attempt, in their language; the API's own words (English,
 * mark them lang="en") are in `detail`. Null when there is nothing to say.
 */
export function describeFilingError(
  t: Translate,
  stored: string | null,
): { message: string; detail: string | null } | null {
  const error = readFilingError(stored);
  if (!error) return null;
  return {
    message: t(`comment-filing.error.${error.reason}` as MessageKey, {
      status: error.status ?? "",
    }),
    detail: error.detail ?? null,
  };
}

/** A text problem (rules/ `commentTextProblems`) as a sentence in the reader's language. */
export function textProblemMessage(t: Translate, problem: CommentTextProblem): string {
  switch (problem.kind) {
    case "empty":
      return t("comment-filing.text.empty");
    case "too_many_characters":
      return t("comment-filing.text.too_many_characters", { ...problem });
    case "too_many_bytes":
      return t("comment-filing.text.too_many_bytes", { ...problem });
    case "emoji":
      return t("comment-filing.text.emoji", { characters: problem.characters.join(" ") });
  }
}
