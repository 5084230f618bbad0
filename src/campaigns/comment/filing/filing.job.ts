// The `comment.file` job: sends one approved comment to Regulations.gov, within the posting limits
// every process shares, with its letterhead PDF attached, and records what the answer proves.
//
// The API has no idempotency key, so the one rule is: resend only after an answer that proves
// nothing was accepted (not_sent). Then the comment is queued again, tried later by a job of its
// own (after the back-off, or when a 429 says, whichever is later), and given up after
// `maxTries` (back to not filed, saying why). Anything else that may have reached the API is
// `unclear` and the job ends: a person checks Regulations.gov before anything is sent again.
// A failure before the request (the PDF, the database) puts the comment back in the queue and
// lets the runner retry the job.
import type { Kysely } from "kysely";
import type { DB } from "../../../db/index.js";
import {
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_RETRY_DELAYS_MS,
  errorText,
  type JobContext,
  type JobRunner,
  type JobsLogger,
} from "../../../jobs/index.js";
import { jurisdictionsByIds, placeName } from "../../../members/index.js";
import {
  type CommentOutcome,
  ORGANIZATION_TYPE,
  type RegulationsClient,
  reservePostingSlot,
} from "../../../rules/index.js";
import { type FilingError, storeFilingError } from "./filing.errors.js";
import {
  type CommentDraft,
  type FilingChange,
  findDraft,
  regulationsDocumentOf,
  setFiling,
} from "./filing.queries.js";
import { countFiled, FILING_JOB, type FilingPayload, filingJobKey } from "./filing.service.js";

export interface FilingJobOptions {
  db: Kysely<DB>;
  /** The configured client; undefined when no key is set (members then file themselves). */
  client: () => RegulationsClient | undefined;
  /** The comment on the member's letterhead, as PDF bytes (attached to the comment). */
  pdf: (draft: CommentDraft) => Promise<Uint8Array>;
  log: JobsLogger;
  now?: () => Date;
  /** Waits before sending again after an attempt that sent nothing (the runner's by default). */
  retryDelaysMs?: readonly number[];
  /** Attempts that send nothing before giving up (default: the runner's maxAttempts). */
  maxTries?: number;
}

/**
 * The runner's own retries, for a run that failed before anything was sent (the PDF, the
 * database): soon, since nothing reached the API. Sends that did not go through are retried by
 * new jobs after `retryDelaysMs` instead.
 */
const RUNNER_OPTIONS = { maxAttempts: 5, retryDelaysMs: [30_000, 120_000, 600_000] };

export function defineFilingJob(jobs: JobRunner, options: FilingJobOptions): void {
  jobs.define<FilingPayload>(
    FILING_JOB,
    async (payload, context) => {
      try {
        await fileComment(jobs, options, payload, context);
      } catch (failure) {
        // The runner gives up after this run: the comment must not wait in a queue nobody runs.
        if (context.attempt >= RUNNER_OPTIONS.maxAttempts) {
          await setFiling(
            options.db,
            payload.draftId,
            { from: ["queued"], version: payload.version },
            {
              filing: null,
              filingError: storeFilingError({ reason: "gave_up", detail: errorText(failure) }),
            },
          ).catch(() => false);
        }
        throw failure;
      }
    },
    RUNNER_OPTIONS,
  );
}

async function fileComment(
  jobs: JobRunner,
  options: FilingJobOptions,
  payload: FilingPayload,
  context: JobContext,
): Promise<void> {
  const { db, log } = options;
  const now = options.now ?? (() => new Date());
  const fields = { draftId: payload.draftId, version: payload.version, jobId: context.id };
  const move = (from: FilingChange["filing"][], change: FilingChange) =>
    setFiling(db, payload.draftId, { from }, change);
  const error = (e: FilingError) => storeFilingError(e);

  const draft = await findDraft(db, payload.draftId);
  if (!draft) return log.info(fields, "comment.file: the draft is gone");
  if (draft.filing === "sending") {
    // This job ran before and stopped after claiming the comment (its process died, or its lease
    // ran out): the comment may have been sent. A first run finding it sending is another job's.
    if (context.attempt > 1) {
      await move(["sending"], {
        filing: "unclear",
        filingError: error({ reason: "interrupted" }),
      });
    }
    return log.warn(fields, "comment.file: the comment was already being sent; not sent again");
  }
  if (draft.filing !== "queued" || draft.version !== payload.version) {
    return log.info({ ...fields, filing: draft.filing }, "comment.file: nothing to send");
  }
  if (draft.approved_version !== draft.version) {
    await setFiling(
      db,
      draft.id,
      { from: ["queued"], version: draft.version },
      { filing: null, filingError: error({ reason: "changed" }) },
    );
    return log.info(fields, "comment.file: no longer approved; not sent");
  }
  const client = options.client();
  if (!client) {
    await move(["queued"], { filing: null, filingError: error({ reason: "no_api_key" }) });
    return log.warn(fields, "comment.file: no Regulations.gov key is configured; not sent");
  }
  const documentId = await regulationsDocumentOf(db, draft.action_id);
  if (!documentId) {
    await move(["queued"], { filing: "refused", filingError: error({ reason: "no_document" }) });
    return log.warn(fields, "comment.file: the rule has no Regulations.gov document");
  }

  const claimed = await setFiling(
    db,
    draft.id,
    { from: ["queued"], version: draft.version, approved: true },
    { filing: "sending" },
  );
  if (!claimed) return log.info(fields, "comment.file: claimed elsewhere; nothing to do");

  let submission: Parameters<RegulationsClient["postComment"]>[0];
  try {
    const [member] = await jurisdictionsByIds(db, [draft.jurisdiction_id]);
    if (!member) throw new Error("the draft's jurisdiction is gone");
    const pdf = await options.pdf(draft);
    submission = {
      documentId,
      comment: draft.body,
      organization: placeName(member.name, member.state),
      organizationType: ORGANIZATION_TYPE,
      files: [
        { fileName: `comment-${member.slug}.pdf`, contentType: "application/pdf", bytes: pdf },
      ],
      signal: context.signal,
    };
    const slot = await reservePostingSlot(db, now().getTime());
    if (!slot.ok) {
      // Not a failure: the limits shared by every process say when there is room again.
      await requeue(jobs, options, payload, payload.tries ?? 0, slot.retryAt, null);
      return log.info({ ...fields, retryAt: slot.retryAt }, "comment.file: posting limit reached");
    }
  } catch (failure) {
    // Nothing was sent: back in the queue, and the runner runs this job again.
    await move(["sending"], { filing: "queued" });
    throw failure;
  }

  let outcome: CommentOutcome;
  try {
    outcome = await client.postComment(submission);
  } catch (failure) {
    outcome = { outcome: "unclear", reason: "unexpected_answer", detail: errorText(failure) };
  }
  // Said before it is written: should the database fail now, the log still has the number.
  log.info(
    {
      ...fields,
      outcome: outcome.outcome,
      ...(outcome.outcome === "accepted" ? { trackingNumber: outcome.trackingNumber } : {}),
    },
    "comment.file: Regulations.gov answered",
  );
  await record(jobs, options, payload, draft, outcome, fields);
}

/** Writes what the answer proves. */
async function record(
  jobs: JobRunner,
  options: FilingJobOptions,
  payload: FilingPayload,
  draft: CommentDraft,
  outcome: CommentOutcome,
  fields: object,
): Promise<void> {
  const { db, log } = options;
  const now = options.now?.() ?? new Date();
  switch (outcome.outcome) {
    case "accepted": {
      const filed = await db.transaction().execute(async (trx) => {
        // From unclear too: an answer that came after someone marked the run interrupted.
        const done = await setFiling(
          trx,
          draft.id,
          { from: ["sending", "unclear"] },
          {
            filing: "filed",
            filedVia: "api",
            trackingNumber: outcome.trackingNumber,
            filedAt: now.toISOString(),
            filingError: null,
          },
        );
        if (done) await countFiled(trx, draft, draft.filed_by, now);
        return done;
      });
      const said = { ...fields, trackingNumber: outcome.trackingNumber };
      if (filed) return log.info(said, "comment.file: filed");
      // Someone recorded something else meanwhile: the tracking number must not be lost.
      return log.error(said, "comment.file: filed, but the draft had moved on; record it by hand");
    }
    case "refused":
      await setFiling(
        db,
        draft.id,
        { from: ["sending"] },
        {
          filing: "refused",
          filingError: storeFilingError({
            reason: outcome.status === null ? "text" : "refused",
            detail: outcome.message,
            ...(outcome.status !== null ? { status: outcome.status } : {}),
          }),
        },
      );
      return log.warn({ ...fields, status: outcome.status }, "comment.file: refused");
    case "unclear":
      await setFiling(
        db,
        draft.id,
        { from: ["sending"] },
        {
          filing: "unclear",
          filingError: storeFilingError({
            reason: outcome.reason,
            detail: outcome.detail,
            ...(outcome.status !== undefined ? { status: outcome.status } : {}),
          }),
        },
      );
      return log.warn(
        { ...fields, reason: outcome.reason },
        "comment.file: unclear whether it was received; not sent again",
      );
    case "not_sent": {
      const tries = (payload.tries ?? 0) + 1;
      const failure = { reason: outcome.reason, detail: outcome.detail };
      const maxTries = options.maxTries ?? DEFAULT_MAX_ATTEMPTS;
      if (tries >= maxTries) {
        await setFiling(
          db,
          draft.id,
          { from: ["sending"] },
          { filing: null, filingError: storeFilingError({ ...failure, reason: "gave_up" }) },
        );
        return log.error({ ...fields, tries }, "comment.file: nothing sent after every try");
      }
      const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
      const backOff = now.getTime() + (delays[Math.min(tries, delays.length) - 1] ?? 0);
      const at = new Date(Math.max(backOff, outcome.retryAt?.getTime() ?? 0));
      await requeue(jobs, options, payload, tries, at, failure);
      return log.warn({ ...fields, tries, retryAt: at }, "comment.file: not sent; will retry");
    }
  }
}

/** Back in the queue, and a job of its own for then, in one transaction. */
async function requeue(
  jobs: JobRunner,
  options: FilingJobOptions,
  payload: FilingPayload,
  tries: number,
  at: Date,
  failure: FilingError | null,
): Promise<void> {
  await options.db.transaction().execute(async (trx) => {
    const back = await setFiling(
      trx,
      payload.draftId,
      { from: ["sending"] },
      { filing: "queued", ...(failure ? { filingError: storeFilingError(failure) } : {}) },
    );
    if (!back) return;
    const next: FilingPayload = { draftId: payload.draftId, version: payload.version, tries };
    await jobs.enqueue(trx, FILING_JOB, next, {
      runAt: at,
      key: `${filingJobKey(payload.draftId, payload.version)}:${tries}:${at.getTime()}`,
    });
  });
}
