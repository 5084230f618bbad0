// The comment action's tables: comment_actions (which rule), comment_templates (per language),
// comment_drafts (one per member and action: its text, version and approval; the filing columns
// are written by filing/filing.queries.ts) and comment_draft_versions (every saved text).
//
// A draft's version is its optimistic lock: a save names the version it was edited from and
// changes the row only if that is still the version, so two people saving at once cannot both
// win, and a save after an approval clears it in the same statement.
import { randomUUID } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import type { CommentDraftsTable, DB } from "../../db/index.js";

export type DraftRow = Selectable<CommentDraftsTable>;

export async function commentActionRule(
  db: Kysely<DB>,
  actionId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom("comment_actions")
    .select("rule_id")
    .where("action_id", "=", actionId)
    .executeTakeFirst();
  return row?.rule_id;
}

/** Sets (or changes) the rule an action comments on. */
export async function setCommentActionRule(
  trx: Kysely<DB>,
  actionId: string,
  ruleId: string,
  now: string,
): Promise<void> {
  await trx
    .insertInto("comment_actions")
    .values({ action_id: actionId, rule_id: ruleId, updated_at: now })
    .onConflict((oc) => oc.column("action_id").doUpdateSet({ rule_id: ruleId, updated_at: now }))
    .execute();
}

/** The comment actions on a rule, with their campaign (a deadline change moves them). */
export async function actionsOnRule(db: Kysely<DB>, ruleId: string) {
  return db
    .selectFrom("comment_actions")
    .innerJoin("campaign_actions", "campaign_actions.id", "comment_actions.action_id")
    .select(["comment_actions.action_id as actionId", "campaign_actions.campaign_id as campaignId"])
    .where("comment_actions.rule_id", "=", ruleId)
    .execute();
}

export async function templatesOf(
  db: Kysely<DB>,
  actionId: string,
): Promise<{ locale: string; body: string }[]> {
  return db
    .selectFrom("comment_templates")
    .select(["locale", "body"])
    .where("action_id", "=", actionId)
    .orderBy("locale")
    .execute();
}

export async function saveTemplate(
  trx: Kysely<DB>,
  row: { actionId: string; locale: string; body: string; now: string },
): Promise<void> {
  await trx
    .insertInto("comment_templates")
    .values({ action_id: row.actionId, locale: row.locale, body: row.body, updated_at: row.now })
    .onConflict((oc) =>
      oc.columns(["action_id", "locale"]).doUpdateSet({ body: row.body, updated_at: row.now }),
    )
    .execute();
}

export async function deleteTemplate(
  trx: Kysely<DB>,
  actionId: string,
  locale: string,
): Promise<void> {
  await trx
    .deleteFrom("comment_templates")
    .where("action_id", "=", actionId)
    .where("locale", "=", locale)
    .execute();
}

export async function findDraft(
  db: Kysely<DB>,
  actionId: string,
  jurisdictionId: string,
): Promise<DraftRow | undefined> {
  return db
    .selectFrom("comment_drafts")
    .selectAll()
    .where("action_id", "=", actionId)
    .where("jurisdiction_id", "=", jurisdictionId)
    .executeTakeFirst();
}

export async function findDraftById(db: Kysely<DB>, id: string): Promise<DraftRow | undefined> {
  return db.selectFrom("comment_drafts").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Every draft of an action (for the staff's list and the counts). */
export async function draftsOf(db: Kysely<DB>, actionId: string): Promise<DraftRow[]> {
  return db
    .selectFrom("comment_drafts")
    .selectAll()
    .where("action_id", "=", actionId)
    .orderBy("created_at")
    .execute();
}

export interface NewDraft {
  actionId: string;
  jurisdictionId: string;
  locale: string;
  body: string;
  userId: string | null;
  isDemo?: boolean;
  now: string;
  /** Only the demo seed writes a draft already filed (by hand, with its tracking number). */
  filed?: { trackingNumber: string; at: string };
}

/** The first save of a member's draft; undefined when another save made it first. */
export async function insertDraft(trx: Kysely<DB>, draft: NewDraft): Promise<string | undefined> {
  const id = randomUUID();
  const inserted = await trx
    .insertInto("comment_drafts")
    .values({
      id,
      action_id: draft.actionId,
      jurisdiction_id: draft.jurisdictionId,
      locale: draft.locale,
      body: draft.body,
      version: 1,
      approver_id: null,
      approved_by: null,
      approved_at: draft.filed?.at ?? null,
      approved_version: draft.filed ? 1 : null,
      filing: draft.filed ? "filed" : null,
      filed_via: draft.filed ? "self" : null,
      tracking_number: draft.filed?.trackingNumber ?? null,
      filed_at: draft.filed?.at ?? null,
      filed_by: null,
      filing_error: null,
      is_demo: draft.isDemo ? 1 : 0,
      created_by: draft.userId,
      updated_by: draft.userId,
      created_at: draft.now,
      updated_at: draft.now,
    })
    .onConflict((oc) => oc.columns(["action_id", "jurisdiction_id"]).doNothing())
    .executeTakeFirst();
  if (inserted.numInsertedOrUpdatedRows !== 1n) return undefined;
  await insertVersion(trx, {
    draftId: id,
    version: 1,
    body: draft.body,
    userId: draft.userId,
    now: draft.now,
  });
  return id;
}

/**
 * A new version of a draft edited from version `from`: the text changes and any approval is
 * undone, in one compare-and-set. False when the draft is at another version (someone saved
 * meanwhile) or is being filed or filed (its text is then what the agency has or may have).
 */
export async function updateDraftText(
  trx: Kysely<DB>,
  change: { id: string; from: number; body: string; locale: string; userId: string | null },
  now: string,
): Promise<boolean> {
  const updated = await trx
    .updateTable("comment_drafts")
    .set({
      body: change.body,
      locale: change.locale,
      version: change.from + 1,
      approved_by: null,
      approved_at: null,
      approved_version: null,
      updated_by: change.userId,
      updated_at: now,
    })
    .where("id", "=", change.id)
    .where("version", "=", change.from)
    .where((eb) => eb.or([eb("filing", "is", null), eb("filing", "in", ["refused"])]))
    .executeTakeFirst();
  if (updated.numUpdatedRows !== 1n) return false;
  await insertVersion(trx, {
    draftId: change.id,
    version: change.from + 1,
    body: change.body,
    userId: change.userId,
    now,
  });
  return true;
}

async function insertVersion(
  trx: Kysely<DB>,
  v: { draftId: string; version: number; body: string; userId: string | null; now: string },
): Promise<void> {
  await trx
    .insertInto("comment_draft_versions")
    .values({
      draft_id: v.draftId,
      version: v.version,
      body: v.body,
      saved_by: v.userId,
      saved_at: v.now,
    })
    .execute();
}

/** Approves the draft as it is at `version`; false when it has changed since (or is filed). */
export async function approveDraft(
  trx: Kysely<DB>,
  approval: { id: string; version: number; userId: string },
  now: string,
): Promise<boolean> {
  const updated = await trx
    .updateTable("comment_drafts")
    .set({
      approved_by: approval.userId,
      approved_at: now,
      approved_version: approval.version,
      updated_at: now,
    })
    .where("id", "=", approval.id)
    .where("version", "=", approval.version)
    .where((eb) => eb.or([eb("filing", "is", null), eb("filing", "=", "refused")]))
    .executeTakeFirst();
  return updated.numUpdatedRows === 1n;
}

/** Names (or, with null, un-names) the person who approves this draft. */
export async function setDraftApprover(
  trx: Kysely<DB>,
  id: string,
  approverId: string | null,
  now: string,
): Promise<void> {
  await trx
    .updateTable("comment_drafts")
    .set({ approver_id: approverId, updated_at: now })
    .where("id", "=", id)
    .execute();
}

export interface DraftVersion {
  version: number;
  body: string;
  savedBy: string | null;
  savedAt: string;
}

/** A draft's saved versions, newest first. */
export async function versionsOf(db: Kysely<DB>, draftId: string): Promise<DraftVersion[]> {
  const rows = await db
    .selectFrom("comment_draft_versions")
    .select(["version", "body", "saved_by", "saved_at"])
    .where("draft_id", "=", draftId)
    .orderBy("version", "desc")
    .execute();
  return rows.map((r) => ({
    version: r.version,
    body: r.body,
    savedBy: r.saved_by,
    savedAt: r.saved_at,
  }));
}
