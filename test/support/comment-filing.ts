// Builders for filing comments on federal rules: a campaign's comment action on a rule (the
// rule from comments.ts's builder), and a member's draft (approved or not, in any filing state).
// Rows are inserted directly, with unique defaults overridden by what the test is about.
import { randomUUID } from "node:crypto";
import type { Insertable, Kysely, Selectable } from "kysely";
import type { CommentDraftsTable, DB } from "../../src/db/index.js";
import { dbOf, type Target } from "./builders.js";
import { buildCampaign } from "./campaigns.js";
import { buildCommentAction as buildCommentActionOn, buildRule } from "./comments.js";

export { buildRule };

export type Draft = Selectable<CommentDraftsTable>;

let n = 0;
const NOW = () => new Date().toISOString();

/** A comment action on `rule` (a new one if none) in `campaign` (a new open one if none). */
export async function buildCommentAction(
  target: Target,
  options: { campaign?: { id: string }; rule?: { id: string } } = {},
): Promise<{ id: string; ruleId: string; campaignId: string }> {
  const db = dbOf(target);
  const campaign = options.campaign ?? (await buildCampaign(db));
  const rule = options.rule ?? (await buildRule(db));
  const action = await buildCommentActionOn(db, campaign, rule, {});
  return { id: action.id, ruleId: rule.id, campaignId: campaign.id };
}

export interface DraftOptions extends Partial<Insertable<CommentDraftsTable>> {
  action: { id: string };
  jurisdiction: { id: string };
  /** Approved for its version by this person (default: not approved). */
  approvedBy?: { id: string };
}

/** A member's draft of its comment, version 1 unless told, approved when `approvedBy` is given. */
export async function buildDraft(target: Target, options: DraftOptions): Promise<Draft> {
  const db = dbOf(target);
  n += 1;
  const { action, jurisdiction, approvedBy, ...overrides } = options;
  const at = NOW();
  const version = overrides.version ?? 1;
  const row: Insertable<CommentDraftsTable> = {
    id: randomUUID(),
    action_id: action.id,
    jurisdiction_id: jurisdiction.id,
    locale: "en",
    body: `Our city opposes this rule, comment ${n}. It would keep families from care they need.`,
    version,
    ...(approvedBy
      ? { approved_by: approvedBy.id, approved_at: at, approved_version: version }
      : {}),
    created_at: at,
    updated_at: at,
    ...overrides,
  };
  await db.insertInto("comment_drafts").values(row).execute();
  return draftRow(db, row.id);
}

export async function draftRow(target: Target, id: string): Promise<Draft> {
  return dbOf(target)
    .selectFrom("comment_drafts")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
}

/** The participations of a member in an action (withdrawn included). */
export function participationsOf(target: Target, actionId: string) {
  return dbOf(target)
    .selectFrom("participations")
    .selectAll()
    .where("action_id", "=", actionId)
    .execute();
}

/** The audit entries about a draft, oldest first. */
export function auditOf(target: Target, draftId: string) {
  return dbOf(target)
    .selectFrom("audit_log")
    .selectAll()
    .where("entity", "=", "comment_draft")
    .where("entity_id", "=", draftId)
    .orderBy("at")
    .execute();
}

/** Makes every queued `comment.file` job due now (time moved past its back-off). */
export async function makeFilingJobsDue(db: Kysely<DB>): Promise<number> {
  const result = await db
    .updateTable("jobs")
    .set({ run_at: new Date(Date.now() - 1000).toISOString() })
    .where("name", "=", "comment.file")
    .where("state", "=", "queued")
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The `comment.file` jobs waiting, with their payloads parsed. */
export async function filingJobs(db: Kysely<DB>) {
  const rows = await db
    .selectFrom("jobs")
    .selectAll()
    .where("name", "=", "comment.file")
    .orderBy("created_at")
    .execute();
  return rows.map((r) => ({ ...r, payload: JSON.parse(r.payload) as Record<string, unknown> }));
}
