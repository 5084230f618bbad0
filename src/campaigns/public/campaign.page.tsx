// The campaign page, rendered for whoever looks: the campaign's text in their language (or
// English, marked), its actions each with its kind's panel, and what the viewer may do. The form
// posts of every kind render it again with their refused form (`sent`).
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import type { ActionKind, DB } from "../../db/index.js";
import { requireActing } from "../../http/account.js";
import { notFound } from "../../http/errors.js";
import { allowed, authorize } from "../../http/policy.js";
import { pageContext, sendPage } from "../../http/render.js";
import { localizedPath } from "../../i18n/index.js";
import { type ActionWithTexts, actionsOf, findAction, findActionRef } from "../actions.queries.js";
import { type ShownStatus, shownStatus } from "../campaign.status.js";
import { chooseText } from "../campaign.text.js";
import { can } from "../campaigns.policy.js";
import { type CampaignWithTexts, findCampaignBySlug } from "../campaigns.queries.js";
import { countingParticipations } from "../participation.queries.js";
import { CampaignPage, type ShownText } from "./campaign.view.js";
import { PANELS } from "./panels.js";

/** The campaign's text for `locale`: its own when ready, else English. */
export function campaignText(campaign: CampaignWithTexts, locale: string): ShownText {
  const chosen = chooseText(campaign.texts, locale);
  const text = chosen?.text;
  return {
    title: text?.title ?? campaign.slug,
    summary: text?.summary ?? "",
    body: text?.body ?? "",
    locale: text?.locale ?? "en",
  };
}

/** A campaign the viewer may see, or 404 (a draft for the public) / 403 (members only). */
export async function loadVisibleCampaign(
  db: Kysely<DB>,
  request: FastifyRequest,
  slug: string,
): Promise<{ campaign: CampaignWithTexts; shown: ShownStatus }> {
  const campaign = await findCampaignBySlug(db, slug);
  if (!campaign) throw notFound();
  const shown = shownStatus(campaign, new Date());
  const verdict = can(request.account, "view", { status: shown, visibility: campaign.visibility });
  if (verdict !== true && verdict.refused === "not_found") throw notFound();
  authorize(verdict);
  return { campaign, shown };
}

/** An action of a campaign, of the kind a route handles: another kind or campaign is not found. */
export async function loadActionOf(
  db: Kysely<DB>,
  slug: string,
  actionId: string,
  kind: ActionKind,
): Promise<{ campaign: CampaignWithTexts; action: ActionWithTexts; shown: ShownStatus }> {
  const campaign = await findCampaignBySlug(db, slug);
  if (!campaign || campaign.status === "draft") throw notFound();
  const action = await findAction(db, campaign.id, actionId);
  if (!action || action.kind !== kind) throw notFound();
  return { campaign, action, shown: shownStatus(campaign, new Date()) };
}

/**
 * A member's act on an action, authorized: the action of its kind (404 for another kind or
 * campaign), the person acting, and the policy's yes for the jurisdiction the form was for (its
 * refusal otherwise: another jurisdiction, a closed campaign, a letter for member staff).
 */
export async function authorizeAct(
  db: Kysely<DB>,
  request: FastifyRequest,
  params: { slug: string; action: string },
  kind: ActionKind,
  jurisdictionId: string,
) {
  const loaded = await loadActionOf(db, params.slug, params.action, kind);
  const acting = requireActing(request);
  authorize(
    can(acting, "take_part", {
      status: loaded.shown,
      visibility: loaded.campaign.visibility,
      kind,
      jurisdictionId,
    }),
  );
  return { ...loaded, acting };
}

/**
 * The same as `authorizeAct`, for an act that needs only the campaign's and action's ids and
 * slug, not their texts (signing a letter): one query instead of four.
 */
export async function authorizeActRef(
  db: Kysely<DB>,
  request: FastifyRequest,
  params: { slug: string; action: string },
  kind: ActionKind,
  jurisdictionId: string,
) {
  const found = await findActionRef(db, params.slug, params.action);
  if (!found || found.campaign.status === "draft" || found.action.kind !== kind) throw notFound();
  const acting = requireActing(request);
  authorize(
    can(acting, "take_part", {
      status: shownStatus(found.campaign, new Date()),
      visibility: found.campaign.visibility,
      kind,
      jurisdictionId,
    }),
  );
  return { ...found, acting };
}

export interface PageOptions {
  /** A refused form of one action, shown again at that action. */
  sent?: { actionId: string; values: Record<string, string>; errors: Record<string, string> };
  notice?: string;
  status?: number;
}

export async function sendCampaignPage(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  campaign: CampaignWithTexts,
  options: PageOptions = {},
) {
  const ctx = pageContext(request);
  const shown = shownStatus(campaign, new Date());
  const viewer = request.account;
  const staff = allowed(can(viewer, "watch"));
  const csrfToken = reply.generateCsrf();
  const actions = await actionsOf(app.db, campaign.id);
  const counted = await countingParticipations(
    app.db,
    actions.map((a) => a.id),
  );
  const sections = [];
  for (const action of actions) {
    const text = chooseText(action.texts, ctx.locale.tag)?.text;
    const panel = await PANELS[action.kind]({
      db: app.db,
      ctx,
      campaign,
      action,
      shown,
      viewer,
      csrfToken,
      actionPath: `/campaigns/${campaign.slug}/actions/${action.id}`,
      staff,
      sent: options.sent?.actionId === action.id ? options.sent : undefined,
    });
    sections.push({
      id: action.id,
      kind: action.kind,
      title: text?.title ?? "",
      titleLocale: text?.locale ?? "en",
      body: text?.body ?? "",
      bodyLocale: text?.locale ?? "en",
      panel,
    });
  }
  const signInHref = viewer
    ? undefined
    : `${localizedPath(ctx.locale, "/account/sign-in")}?next=${encodeURIComponent(
        localizedPath(ctx.locale, `/campaigns/${campaign.slug}`),
      )}`;
  reply.header("cache-control", "no-store");
  return sendPage(
    reply,
    <CampaignPage
      ctx={ctx}
      slug={campaign.slug}
      text={campaignText(campaign, ctx.locale.tag)}
      shown={shown}
      dates={{
        startsOn: campaign.starts_on,
        endsOn: campaign.ends_on,
        timeZone: campaign.time_zone,
      }}
      topics={campaign.topics}
      goal={campaign.goal_members}
      members={new Set(counted.map((p) => p.jurisdiction_id)).size}
      actions={sections}
      notice={options.notice}
      signInHref={signInHref}
      resultsPublished={campaign.results_published_at !== null}
      demo={campaign.is_demo === 1}
    />,
    options.status ?? 200,
  );
}
