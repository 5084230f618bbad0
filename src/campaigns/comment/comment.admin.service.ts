// Staff's side of the comment action: a campaign started from a rule in one step, the rule an
// action comments on and its templates, and the campaigns that follow their rule's deadline.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { recordAudit } from "../../audit/index.js";
import type { DB } from "../../db/index.js";
import { isUniqueViolation } from "../../db/index.js";
import { appError } from "../../http/errors.js";
import type { DeadlineListener, FederalRule } from "../../rules/index.js";
import { insertAction, saveActionText } from "../actions.queries.js";
import { todayIn } from "../campaign.status.js";
import {
  insertCampaign,
  moveCampaignEnd,
  saveCampaignText,
  slugTaken,
} from "../campaigns.queries.js";
import {
  actionsOnRule,
  deleteTemplate,
  saveTemplate,
  setCommentActionRule,
  templatesOf,
} from "./comment.queries.js";
import type { Person } from "./comment.service.js";

/** Comment deadlines are the end of a day in Washington: campaigns on a rule keep its clock. */
export const RULE_TIME_ZONE = "America/New_York";

/** Per locale: the campaign's title, summary and body, and the action's title and template. */
export type RuleCampaignTexts = Record<
  string,
  { title: string; summary: string; body: string; action: string; template: string }
>;

/**
 * A draft campaign on `rule`, from today to its comment deadline, with one comment action and a
 * template per language, written in one transaction: staff then edit and publish it. 409
 * `comment_rule_closed` when the rule takes no more comments. Returns the campaign's slug.
 */
export async function startCampaignFromRule(
  db: Kysely<DB>,
  person: Person,
  rule: FederalRule,
  texts: RuleCampaignTexts,
  now = new Date(),
): Promise<string> {
  const today = todayIn(RULE_TIME_ZONE, now);
  const closes = rule.commentsCloseOn;
  if (!closes || closes < today || rule.withdrawnAt) throw appError("comment_rule_closed");
  const base = `comments-${rule.documentNumber.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  const at = now.toISOString();
  // Two staff pressing at once: both read the slug free, the unique index refuses one, which
  // then takes the next.
  for (let attempt = 0; ; attempt++) {
    let slug = base;
    for (let n = 2; await slugTaken(db, slug); n++) slug = `${base}-${n}`;
    try {
      await db.transaction().execute(async (trx) => {
        const campaignId = randomUUID();
        const actionId = randomUUID();
        await insertCampaign(trx, {
          id: campaignId,
          slug,
          status: "draft",
          starts_on: today,
          ends_on: closes,
          time_zone: RULE_TIME_ZONE,
          topics: "",
          goal_members: null,
          visibility: "public",
          signatories_public: 1,
          created_by: person.id,
          created_at: at,
          updated_at: at,
          published_at: null,
          closed_at: null,
          results_published_at: null,
        });
        await insertAction(trx, { id: actionId, campaignId, kind: "comment", now: at });
        await setCommentActionRule(trx, actionId, rule.id, at);
        for (const [locale, t] of Object.entries(texts)) {
          await saveCampaignText(trx, {
            campaign_id: campaignId,
            locale,
            title: t.title,
            summary: t.summary,
            body: t.body,
            // English is the original; staff check the others before they show.
            status: locale === "en" ? "ready" : "draft",
            updated_at: at,
          });
          await saveActionText(trx, {
            action_id: actionId,
            locale,
            title: t.action,
            body: "",
            updated_at: at,
          });
          await saveTemplate(trx, { actionId, locale, body: t.template, now: at });
        }
        await recordAudit(
          trx,
          {
            actor: person,
            action: "campaign.create",
            entity: "campaign",
            entityId: campaignId,
            after: { slug, rule: rule.documentNumber, endsOn: closes },
          },
          now,
        );
      });
      return slug;
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 3) throw error;
    }
  }
}

export interface CommentSetup {
  ruleId: string;
  /** Per locale; an empty template is removed. */
  templates: { locale: string; body: string }[];
}

/** Saves which rule an action comments on and its templates, audited with what they were. */
export async function saveCommentSetup(
  db: Kysely<DB>,
  person: Person,
  actionId: string,
  setup: CommentSetup,
  before: { ruleId: string | undefined },
  now = new Date(),
): Promise<void> {
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    const previous = await templatesOf(trx, actionId);
    await setCommentActionRule(trx, actionId, setup.ruleId, at);
    for (const { locale, body } of setup.templates) {
      if (body) await saveTemplate(trx, { actionId, locale, body, now: at });
      else await deleteTemplate(trx, actionId, locale);
    }
    await recordAudit(
      trx,
      {
        actor: person,
        action: "campaign.comment.update",
        entity: "campaign_action",
        entityId: actionId,
        before: { ruleId: before.ruleId, templates: previous },
        after: setup,
      },
      now,
    );
  });
}

/**
 * The watch list's job found a rule's deadline moved (an extension, or shortened) (rules/refresh.service.ts calls this in the
 * transaction of its change): each campaign commenting on it that was set to end with the old
 * deadline ends with the new one. A campaign staff set to end earlier, or closed, stays as it is.
 */
export const followRuleDeadline: DeadlineListener = async (trx, change) => {
  if (!change.before || !change.after || change.after === change.before) return;
  const at = new Date().toISOString();
  for (const { campaignId } of await actionsOnRule(trx, change.ruleId)) {
    if (await moveCampaignEnd(trx, campaignId, change.before, change.after, at)) {
      await recordAudit(trx, {
        actor: null,
        action: "campaign.follow_rule_deadline",
        entity: "campaign",
        entityId: campaignId,
        before: { endsOn: change.before },
        after: { endsOn: change.after, rule: change.documentNumber },
      });
    }
  }
};
