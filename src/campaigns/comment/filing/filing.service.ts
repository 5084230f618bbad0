// What people do about filing a member's comment: ask for it to be filed through Regulations.gov
// (the job runner sends it, filing.job.ts), record that they filed it themselves, or say what
// they found on Regulations.gov after an unclear attempt. Each is one transaction: the filing
// columns' compare-and-set (filing.queries.ts), the participation a filed comment counts as, the
// job, and the audit entry commit together or not at all.
//
// Who may do it (the member's admin, or the named approver) is asked by the route through the
// campaigns policy before calling here; these functions check the draft's own state.
import type { Kysely } from "kysely";
import { recordAudit } from "../../../audit/index.js";
import type { DB } from "../../../db/index.js";
import { appError, type FieldError } from "../../../http/errors.js";
import { type JobRunner, retryJob } from "../../../jobs/index.js";
import { commentTextProblems } from "../../../rules/index.js";
import { upsertParticipation } from "../../participation.queries.js";
import {
  type CommentDraft,
  type FilingState,
  findDraft,
  lockDraft,
  setFiling,
} from "./filing.queries.js";

export const FILING_JOB = "comment.file";

/** What the `comment.file` job is given; `tries` counts the attempts that sent nothing. */
export interface FilingPayload {
  draftId: string;
  version: number;
  tries?: number;
}

/** The job's key for a draft's version: asking twice enqueues one job. */
export const filingJobKey = (draftId: string, version: number) =>
  `${FILING_JOB}:${draftId}:${version}`;

export interface FilingActor {
  id: string;
  email: string;
}

export const TRACKING_NUMBER_MIN = 5;
export const TRACKING_NUMBER_MAX = 40;
// Regulations.gov's look like "lxm-9dn5-0z3a" (three groups of letters and digits); the format
// is not documented, so anything of letters, digits and dashes of a sensible length is taken.
const TRACKING_NUMBER = new RegExp(
  `^[A-Za-z0-9](?:[A-Za-z0-9-]{${TRACKING_NUMBER_MIN - 2},${TRACKING_NUMBER_MAX - 2}})[A-Za-z0-9]$`,
);

/** The tracking number typed, trimmed; a 422 on the field `tracking_number` if it is not one. */
export function checkTrackingNumber(typed: string): string {
  const trackingNumber = typed.trim();
  if (!TRACKING_NUMBER.test(trackingNumber)) {
    throw appError("validation", {
      fields: [
        {
          field: "tracking_number",
          id: "comment-filing.tracking_number.invalid",
          values: { min: TRACKING_NUMBER_MIN, max: TRACKING_NUMBER_MAX },
        },
      ],
    });
  }
  return trackingNumber;
}

/** The refusal that says why a draft in `state` cannot take the step asked for. */
function busy(draft: CommentDraft) {
  switch (draft.filing) {
    case "filed":
      return appError("comment_already_filed", {
        values: { trackingNumber: draft.tracking_number ?? "" },
      });
    case "unclear":
      return appError("comment_filing_unclear");
    default:
      return appError("comment_filing_in_progress");
  }
}

/** The draft's text problems as the body field's errors (the draft page shows them there). */
function textErrors(body: string): FieldError[] {
  return commentTextProblems(body).map((problem): FieldError => {
    const id = `comment-filing.text.${problem.kind}` as const;
    if (problem.kind === "emoji") {
      return { field: "body", id, values: { characters: problem.characters.join(" ") } };
    }
    if (problem.kind === "empty") return { field: "body", id };
    const { count, limit, over } = problem;
    return { field: "body", id, values: { count, limit, over } };
  });
}

const filingOf = (draft: CommentDraft) => ({
  filing: draft.filing,
  version: draft.version,
  tracking_number: draft.tracking_number,
  filed_via: draft.filed_via,
});

async function loadLocked(trx: Kysely<DB>, draftId: string): Promise<CommentDraft> {
  const draft = await lockDraft(trx, draftId);
  if (!draft) throw appError("not_found");
  return draft;
}

/**
 * Queues a member's approved comment to be filed through Regulations.gov: only when it is
 * approved in its current version and not yet queued, sent or filed (a refused one may be sent
 * again once corrected and approved). The job `comment.file` is enqueued in the same transaction.
 */
export async function requestFiling(
  db: Kysely<DB>,
  jobs: Pick<JobRunner, "enqueue">,
  request: { draftId: string; actor: FilingActor },
  now = new Date(),
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const draft = await loadLocked(trx, request.draftId);
    if (draft.filing !== null && draft.filing !== "refused") throw busy(draft);
    if (draft.approved_version !== draft.version) throw appError("comment_not_approved");
    const problems = textErrors(draft.body);
    if (problems.length > 0) throw appError("validation", { fields: problems });
    const queued = await setFiling(
      trx,
      draft.id,
      { from: [null, "refused"], version: draft.version, approved: true },
      {
        filing: "queued",
        filedVia: null,
        trackingNumber: null,
        filedAt: null,
        filedBy: request.actor.id,
        filingError: null,
      },
    );
    if (!queued) throw appError("comment_filing_in_progress");
    const payload: FilingPayload = { draftId: draft.id, version: draft.version };
    const key = filingJobKey(draft.id, draft.version);
    const job = await jobs.enqueue(trx, FILING_JOB, payload, { key });
    // The key is taken by a job that died (its handler failed every time; run it again) or by
    // the last run, which ends a moment after it wrote "refused": a job of its own then, since
    // the claim (queued → sending) lets only one of them send.
    if (!job.created && !(await retryJob(trx, job.id))) {
      await jobs.enqueue(trx, FILING_JOB, payload, { key: `${key}:${now.getTime()}` });
    }
    await recordAudit(
      trx,
      {
        actor: request.actor,
        action: "comment.filing.request",
        entity: "comment_draft",
        entityId: draft.id,
        before: filingOf(draft),
        after: { filing: "queued", version: draft.version },
      },
      now,
    );
  });
}

/** Counts the member as taking part in the comment action: a filed comment is its act. */
export async function countFiled(
  trx: Kysely<DB>,
  draft: CommentDraft,
  userId: string | null,
  now: Date,
): Promise<void> {
  await upsertParticipation(trx, {
    actionId: draft.action_id,
    jurisdictionId: draft.jurisdiction_id,
    userId,
    isDemo: draft.is_demo === 1,
    now: now.toISOString(),
  });
}

/**
 * "I filed it myself": the member filed on Regulations.gov and gives the tracking number. Taken
 * when nothing is on its way (not filed, refused, or unclear: a person who checked and filed it
 * by hand says so this way).
 */
export async function recordSelfFiled(
  db: Kysely<DB>,
  record: { draftId: string; actor: FilingActor; trackingNumber: string },
  now = new Date(),
): Promise<void> {
  const trackingNumber = checkTrackingNumber(record.trackingNumber);
  await db.transaction().execute(async (trx) => {
    const draft = await loadLocked(trx, record.draftId);
    const from: FilingState[] = [null, "refused", "unclear"];
    if (!from.includes(draft.filing)) throw busy(draft);
    // Filed by hand is filed all the same: only what was signed off (an unclear filing was).
    if (draft.filing !== "unclear" && draft.approved_version !== draft.version) {
      throw appError("comment_not_approved");
    }
    const filed = await setFiling(
      trx,
      draft.id,
      { from },
      {
        filing: "filed",
        filedVia: "self",
        trackingNumber,
        filedAt: now.toISOString(),
        filedBy: record.actor.id,
        filingError: null,
      },
    );
    if (!filed) throw appError("comment_filing_in_progress");
    await countFiled(trx, draft, record.actor.id, now);
    await recordAudit(
      trx,
      {
        actor: record.actor,
        action: "comment.filing.self",
        entity: "comment_draft",
        entityId: draft.id,
        before: filingOf(draft),
        after: { filing: "filed", filed_via: "self", tracking_number: trackingNumber },
      },
      now,
    );
  });
}

/**
 * A person checked Regulations.gov after an unclear attempt: the comment arrived (its tracking
 * number is recorded, filed through the API) or it did not (back to not filed, so it can be
 * filed again, deliberately).
 */
export async function resolveUnclear(
  db: Kysely<DB>,
  resolution: {
    draftId: string;
    actor: FilingActor;
    outcome: { trackingNumber: string } | "not_received";
  },
  now = new Date(),
): Promise<void> {
  const { outcome } = resolution;
  const trackingNumber =
    outcome === "not_received" ? null : checkTrackingNumber(outcome.trackingNumber);
  await db.transaction().execute(async (trx) => {
    const draft = await loadLocked(trx, resolution.draftId);
    if (draft.filing !== "unclear") throw appError("comment_not_unclear");
    const change =
      trackingNumber === null
        ? { filing: null, filingError: null }
        : {
            filing: "filed" as const,
            filedVia: "api" as const,
            trackingNumber,
            filedAt: now.toISOString(),
            filingError: null,
          };
    if (!(await setFiling(trx, draft.id, { from: ["unclear"] }, change))) {
      throw appError("comment_not_unclear");
    }
    if (trackingNumber !== null) await countFiled(trx, draft, draft.filed_by, now);
    await recordAudit(
      trx,
      {
        actor: resolution.actor,
        action: "comment.filing.resolve",
        entity: "comment_draft",
        entityId: draft.id,
        before: { ...filingOf(draft), filing_error: draft.filing_error },
        after:
          trackingNumber === null
            ? { filing: null, found: "not_received" }
            : { filing: "filed", filed_via: "api", tracking_number: trackingNumber },
      },
      now,
    );
  });
}

/** A draft's filing as the draft page shows it. */
export async function filingOfDraft(db: Kysely<DB>, draftId: string) {
  const draft = await findDraft(db, draftId);
  return draft ? { ...filingOf(draft), filedAt: draft.filed_at, error: draft.filing_error } : null;
}
