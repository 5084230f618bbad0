// The filing columns of comment_drafts (filing, filed_via, tracking_number, filed_at, filed_by,
// filing_error); the rest of the row belongs to the draft's own module. Filing is a state machine:
//
//   null/refused --request--> queued --job claims--> sending --accepted--> filed
//                               ^                       |--not sent (retry later)--> queued
//                               |                       |--refused--> refused
//                               |                       '--no proof either way--> unclear
//   unclear --a person checked--> filed (it arrived) | null (it did not)
//   null/refused/unclear --"I filed it myself"--> filed
//
// Every transition is a compare-and-set on the state it expects, so two clicks, two job runs or a
// person and the job at once change the row once: whoever comes second changes nothing and is
// told so (false).
import type { Kysely, Selectable } from "kysely";
import {
  type CommentDraftsTable,
  type CommentFiling,
  type DB,
  lockRows,
} from "../../../db/index.js";

export type CommentDraft = Selectable<CommentDraftsTable>;
export type FilingState = CommentFiling | null;

/** The filing columns a transition writes; those left out keep their value. */
export interface FilingChange {
  filing: FilingState;
  filedVia?: "api" | "self" | null;
  trackingNumber?: string | null;
  filedAt?: string | null;
  filedBy?: string | null;
  /** A stored FilingError (filing.errors.ts), or null. */
  filingError?: string | null;
}

export interface Expected {
  /** The states the row may be in; null stands for "not filed". */
  from: readonly FilingState[];
  /** The draft's version must still be this one. */
  version?: number;
  /** The draft must be approved for its current version. */
  approved?: boolean;
}

export async function findDraft(
  db: Kysely<DB>,
  draftId: string,
): Promise<CommentDraft | undefined> {
  return db.selectFrom("comment_drafts").selectAll().where("id", "=", draftId).executeTakeFirst();
}

/**
 * The draft, its row locked until the transaction ends on PostgreSQL (SQLite has one writer at a
 * time): read before a person's transition, so its checks and its write see the same row.
 */
export async function lockDraft(
  trx: Kysely<DB>,
  draftId: string,
): Promise<CommentDraft | undefined> {
  return lockRows(
    trx,
    trx.selectFrom("comment_drafts").selectAll().where("id", "=", draftId),
  ).executeTakeFirst();
}

/** Moves the draft's filing from one of `expected.from` to `change`; false if it was not there. */
export async function setFiling(
  db: Kysely<DB>,
  draftId: string,
  expected: Expected,
  change: FilingChange,
): Promise<boolean> {
  const states = expected.from.filter((s): s is CommentFiling => s !== null);
  const orNull = expected.from.includes(null);
  let query = db
    .updateTable("comment_drafts")
    .set({
      filing: change.filing,
      ...(change.filedVia !== undefined ? { filed_via: change.filedVia } : {}),
      ...(change.trackingNumber !== undefined ? { tracking_number: change.trackingNumber } : {}),
      ...(change.filedAt !== undefined ? { filed_at: change.filedAt } : {}),
      ...(change.filedBy !== undefined ? { filed_by: change.filedBy } : {}),
      ...(change.filingError !== undefined ? { filing_error: change.filingError } : {}),
    })
    .where("id", "=", draftId)
    .where((eb) =>
      eb.or([
        ...(states.length > 0 ? [eb("filing", "in", states)] : []),
        ...(orNull ? [eb("filing", "is", null)] : []),
      ]),
    );
  if (expected.version !== undefined) query = query.where("version", "=", expected.version);
  if (expected.approved) query = query.whereRef("approved_version", "=", "version");
  const result = await query.executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/**
 * The Regulations.gov document a comment action's rule takes comments on; null when the rule has
 * none (not on Regulations.gov) or the action has no rule. Reads comment_actions and
 * federal_rules (rules/ owns them) until rules/index.ts offers this read.
 */
export async function regulationsDocumentOf(
  db: Kysely<DB>,
  actionId: string,
): Promise<string | null> {
  const row = await db
    .selectFrom("comment_actions")
    .innerJoin("federal_rules", "federal_rules.id", "comment_actions.rule_id")
    .select("federal_rules.regulations_document_id")
    .where("comment_actions.action_id", "=", actionId)
    .executeTakeFirst();
  return row?.regulations_document_id ?? null;
}
