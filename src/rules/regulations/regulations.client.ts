// A small client for the Regulations.gov API v4 (shared/reference/government-apis.md): posting a
// comment as an organisation, with attachments, and reading a docket's comment count.
//
// What matters is what a failed post proves. The API has no idempotency key, so a comment sent
// twice is filed twice, in the coalition's name. Every post ends in one of four outcomes:
// - accepted: a 2xx with the tracking number;
// - not_sent: an answer or a failure that proves nothing was accepted and that trying later may
//   work (429, connection refused, DNS, TLS before the request went out, an attachment step);
// - refused: a 4xx answer to the comment: nothing accepted, and the same comment would be
//   refused again; the API's message is kept for the person who must act on it;
// - unclear: the comment may have been accepted (a timeout once it was sent, a 5xx, the connection
//   lost mid-answer, a 2xx without a tracking number): a person must look before it is sent again.
// The key goes into the X-Api-Key header only: never into a message, a log or a pre-signed URL.
import { commentTextProblems } from "./comment-text.js";

/** The API's type for a submitter that is an organisation (documented). */
export const SUBMITTER_TYPE = "ORGANIZATION";
/**
 * `organizationType` is required for ORGANIZATION submitters, but the notes list no values:
 * unconfirmed. A city or county files as a local government; change it here if the API refuses.
 */
export const ORGANIZATION_TYPE = "Local Government";
/** The longest organisation name the API takes. */
export const ORGANIZATION_MAX = 120;

const DEFAULT_TIMEOUT_MS = 30_000;
const JSON_API = "application/vnd.api+json";
const MESSAGE_MAX = 500;

export interface RegulationsClientOptions {
  /** Base URL without a trailing slash, e.g. https://api.regulations.gov/v4 (config). */
  apiUrl: string;
  apiKey: string;
  fetch?: typeof fetch;
  /** Each request, its answer included (default 30 s). */
  timeoutMs?: number;
  /** The clock a Retry-After date is read against (tests). */
  now?: () => number;
}

export interface CommentFile {
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
}

export interface CommentSubmission {
  /** The Regulations.gov document id, e.g. USCIS-2010-0012-0001. */
  documentId: string;
  comment: string;
  /** The organisation's name as people know it (120 characters at most). */
  organization: string;
  organizationType: string;
  email?: string;
  files?: readonly CommentFile[];
  /** Aborts the exchange (the job's lease); an abort once the comment is out is `unclear`. */
  signal?: AbortSignal;
}

export type NotSentReason = "rate_limited" | "unreachable" | "attachment";
export type UnclearReason =
  | "timeout"
  | "server_error"
  | "connection_lost"
  | "no_tracking_number"
  | "unexpected_answer";

export type CommentOutcome =
  | { outcome: "accepted"; trackingNumber: string }
  | { outcome: "not_sent"; reason: NotSentReason; detail: string; retryAt?: Date }
  /** `status` is null when the client refused before sending (the text breaks the API's rules). */
  | { outcome: "refused"; status: number | null; message: string }
  | { outcome: "unclear"; reason: UnclearReason; detail: string; status?: number };

export interface RegulationsClient {
  postComment(submission: CommentSubmission): Promise<CommentOutcome>;
  /** The docket's own count of comments on a document; null when the API does not say. */
  commentCount(documentId: string): Promise<number | null>;
}

// Failures that happen before a request leaves this machine: the connection was never made.
const NEVER_SENT = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT",
  "ERR_INVALID_URL",
  "CERT_HAS_EXPIRED",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

/** The error codes of a failed fetch, through `cause` and AggregateError's `errors`. */
function codesOf(error: unknown, depth = 0): string[] {
  if (error === null || typeof error !== "object" || depth > 4) return [];
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  return [
    ...(typeof code === "string" ? [code] : []),
    ...(Array.isArray(errors) ? errors.flatMap((e) => codesOf(e, depth + 1)) : []),
    ...codesOf(cause, depth + 1),
  ];
}

/** One line, bounded, control characters as spaces: safe for a column, a page and a log. */
export function oneLine(text: string, max = MESSAGE_MAX): string {
  const flat = Array.from(text, (c) => {
    const code = c.codePointAt(0) ?? 0;
    return code < 0x20 || (code >= 0x7f && code <= 0x9f) ? " " : c;
  })
    .join("")
    .replace(/\s+/g, " ")
    .trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The API's own words from an error answer: JSON:API `errors`, api.data.gov's `error`, or text. */
function apiMessage(body: unknown, text: string, status: number): string {
  const b = (body ?? {}) as {
    errors?: { title?: unknown; detail?: unknown }[];
    error?: { code?: unknown; message?: unknown };
    message?: unknown;
  };
  const parts: string[] = [];
  if (Array.isArray(b.errors)) {
    for (const e of b.errors) {
      const words = [e?.title, e?.detail].filter((w) => typeof w === "string" && w !== "");
      if (words.length > 0) parts.push(words.join(": "));
    }
  }
  if (typeof b.error?.message === "string") parts.push(b.error.message);
  if (typeof b.message === "string") parts.push(b.message);
  const said = parts.length > 0 ? parts.join("; ") : body === undefined ? text : "";
  return oneLine(said.trim() === "" ? `HTTP ${status}` : `HTTP ${status}: ${said}`);
}

function retryAtFrom(headers: Headers, now: number): Date | undefined {
  const value = headers.get("retry-after")?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return new Date(now + Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : new Date(Math.max(at, now));
}

function idOf(body: unknown): string | undefined {
  const id = (body as { data?: { id?: unknown } } | undefined)?.data?.id;
  return typeof id === "string" && id.trim() !== "" ? id.trim() : undefined;
}

type Exchange =
  | { kind: "answer"; status: number; headers: Headers; body: unknown; text: string }
  /** `sent`: the request may have reached the server. */
  | { kind: "failed"; sent: boolean; timeout: boolean; detail: string };

export function createRegulationsClient(options: RegulationsClientOptions): RegulationsClient {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = options.now ?? Date.now;
  const base = options.apiUrl.replace(/\/+$/, "");

  async function exchange(
    url: string,
    init: RequestInit,
    signal: AbortSignal | undefined,
  ): Promise<Exchange> {
    const limit = AbortSignal.timeout(timeoutMs);
    const combined = signal ? AbortSignal.any([limit, signal]) : limit;
    let response: Response;
    try {
      // A redirect would turn a POST into a GET elsewhere: it is an answer to classify instead.
      response = await doFetch(url, { ...init, redirect: "manual", signal: combined });
    } catch (error) {
      const codes = codesOf(error);
      const aborted = combined.aborted;
      const neverSent = !aborted && codes.length > 0 && codes.every((c) => NEVER_SENT.has(c));
      const name = error instanceof Error ? error.name : "Error";
      const detail = aborted
        ? limit.aborted
          ? `no answer within ${timeoutMs} ms`
          : "stopped before an answer came"
        : oneLine(`${name}: ${codes.join(", ") || (error as Error)?.message || "failed"}`);
      return { kind: "failed", sent: !neverSent, timeout: aborted, detail };
    }
    let text = "";
    try {
      text = await response.text();
    } catch (error) {
      // Headers came, the body did not: the status still says what happened.
      return {
        kind: "answer",
        status: response.status,
        headers: response.headers,
        body: undefined,
        text: oneLine(`(the answer was cut off: ${codesOf(error).join(", ") || "aborted"})`),
      };
    }
    let body: unknown;
    try {
      body = text === "" ? undefined : JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { kind: "answer", status: response.status, headers: response.headers, body, text };
  }

  const apiHeaders = (json: boolean): Record<string, string> => ({
    "X-Api-Key": options.apiKey,
    Accept: JSON_API,
    ...(json ? { "Content-Type": JSON_API } : {}),
  });

  const postJson = (path: string, data: unknown, signal?: AbortSignal) =>
    exchange(
      `${base}${path}`,
      { method: "POST", headers: apiHeaders(true), body: JSON.stringify({ data }) },
      signal,
    );

  /** A step before the comment's own POST: any failure proves the comment was not sent. */
  function stepFailed(step: string, answer: Exchange): CommentOutcome {
    if (answer.kind === "failed") {
      const unreachable = !answer.sent;
      return {
        outcome: "not_sent",
        reason: unreachable ? "unreachable" : "attachment",
        detail: oneLine(`${step}: ${answer.detail}`),
      };
    }
    const message = apiMessage(answer.body, answer.text, answer.status);
    if (answer.status === 429) {
      const retryAt = retryAtFrom(answer.headers, now());
      return {
        outcome: "not_sent",
        reason: "rate_limited",
        detail: oneLine(`${step}: ${message}`),
        ...(retryAt ? { retryAt } : {}),
      };
    }
    // A bad key, an unknown document or a file the API will not take is refused however often
    // it is tried: say so now rather than after hours of retries.
    if (answer.status >= 400 && answer.status < 500) {
      return { outcome: "refused", status: answer.status, message: oneLine(`${step}: ${message}`) };
    }
    return { outcome: "not_sent", reason: "attachment", detail: oneLine(`${step}: ${message}`) };
  }

  /** Uploads the files; the submission key and file names on success, or why not. */
  async function upload(
    files: readonly CommentFile[],
    signal?: AbortSignal,
  ): Promise<{ submissionKey: string; fileNames: string[] } | CommentOutcome> {
    const keyAnswer = await postJson("/submission-keys", { type: "submission-keys" }, signal);
    const submissionKey = keyAnswer.kind === "answer" ? idOf(keyAnswer.body) : undefined;
    if (keyAnswer.kind === "failed" || keyAnswer.status >= 300 || !submissionKey) {
      return stepFailed("submission key", keyAnswer);
    }
    for (const file of files) {
      const urlAnswer = await postJson(
        "/file-upload-urls",
        {
          type: "file-upload-urls",
          attributes: { fileName: file.fileName, submissionKey, contentType: file.contentType },
        },
        signal,
      );
      const uploadUrl = urlAnswer.kind === "answer" ? idOf(urlAnswer.body) : undefined;
      if (urlAnswer.kind === "failed" || urlAnswer.status >= 300 || !uploadUrl) {
        return stepFailed("upload URL", urlAnswer);
      }
      // A pre-signed URL of a storage host: it gets the bytes, never our key.
      const put = await exchange(
        uploadUrl,
        { method: "PUT", headers: { "Content-Type": file.contentType }, body: file.bytes },
        signal,
      );
      if (put.kind === "failed" || put.status < 200 || put.status >= 300) {
        const detail =
          put.kind === "failed" ? put.detail : apiMessage(put.body, put.text, put.status);
        return { outcome: "not_sent", reason: "attachment", detail: oneLine(`upload: ${detail}`) };
      }
    }
    return { submissionKey, fileNames: files.map((f) => f.fileName) };
  }

  async function postComment(submission: CommentSubmission): Promise<CommentOutcome> {
    const problems = commentTextProblems(submission.comment);
    if (problems.length > 0) {
      return {
        outcome: "refused",
        status: null,
        message: `not sent: the text breaks the API's rules (${problems.map((p) => p.kind).join(", ")})`,
      };
    }
    let attachments: { submissionKey: string; fileNames: string[] } | undefined;
    if (submission.files && submission.files.length > 0) {
      const uploaded = await upload(submission.files, submission.signal);
      if ("outcome" in uploaded) return uploaded;
      attachments = uploaded;
    }
    const attributes = {
      commentOnDocumentId: submission.documentId,
      comment: submission.comment,
      submissionType: "API",
      submitterType: SUBMITTER_TYPE,
      organization: submission.organization.slice(0, ORGANIZATION_MAX),
      organizationType: submission.organizationType,
      ...(submission.email ? { email: submission.email } : {}),
      ...(attachments
        ? { submissionKey: attachments.submissionKey, files: attachments.fileNames }
        : {}),
    };
    const answer = await postJson("/comments", { type: "comments", attributes }, submission.signal);
    return commentOutcome(answer);
  }

  function commentOutcome(answer: Exchange): CommentOutcome {
    if (answer.kind === "failed") {
      if (!answer.sent)
        return { outcome: "not_sent", reason: "unreachable", detail: answer.detail };
      return {
        outcome: "unclear",
        reason: answer.timeout ? "timeout" : "connection_lost",
        detail: answer.detail,
      };
    }
    const { status } = answer;
    if (status >= 200 && status < 300) {
      const trackingNumber = idOf(answer.body);
      if (trackingNumber) return { outcome: "accepted", trackingNumber };
      return {
        outcome: "unclear",
        reason: "no_tracking_number",
        status,
        detail: oneLine(`HTTP ${status} without a tracking number: ${answer.text}`),
      };
    }
    const message = apiMessage(answer.body, answer.text, status);
    if (status === 429) {
      const retryAt = retryAtFrom(answer.headers, now());
      return {
        outcome: "not_sent",
        reason: "rate_limited",
        detail: message,
        ...(retryAt ? { retryAt } : {}),
      };
    }
    if (status >= 400 && status < 500) return { outcome: "refused", status, message };
    if (status >= 500)
      return { outcome: "unclear", reason: "server_error", status, detail: message };
    return { outcome: "unclear", reason: "unexpected_answer", status, detail: message };
  }

  async function getJson(path: string): Promise<unknown> {
    const answer = await exchange(
      `${base}${path}`,
      { method: "GET", headers: apiHeaders(false) },
      undefined,
    );
    return answer.kind === "answer" && answer.status === 200 ? answer.body : undefined;
  }

  async function commentCount(documentId: string): Promise<number | null> {
    const document = (await getJson(`/documents/${encodeURIComponent(documentId)}`)) as
      | { data?: { attributes?: { objectId?: unknown } } }
      | undefined;
    const objectId = document?.data?.attributes?.objectId;
    if (typeof objectId !== "string" || objectId === "") return null;
    const query = new URLSearchParams({ "filter[commentOnId]": objectId, "page[size]": "5" });
    const comments = (await getJson(`/comments?${query}`)) as
      | { meta?: { totalElements?: unknown } }
      | undefined;
    const total = comments?.meta?.totalElements;
    return typeof total === "number" && Number.isInteger(total) && total >= 0 ? total : null;
  }

  return { postComment, commentCount };
}
