// The public campaign pages: /campaigns (open and past campaigns: the coalition's timeline of
// actions), /campaigns/:slug (a campaign and its actions; staff also see drafts, as a preview),
// and /campaigns/:slug/results once staff published them.
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { notFound } from "../../http/errors.js";
import { registerPage } from "../../http/locale.js";
import { allowed } from "../../http/policy.js";
import { pageContext, sendPage } from "../../http/render.js";
import { Choice } from "../../http/validation.js";
import { shownStatus } from "../campaign.status.js";
import { can } from "../campaigns.policy.js";
import { publishedCampaigns } from "../campaigns.queries.js";
import { CampaignParams } from "../manage/manage.schema.js";
import { campaignResults } from "../results/results.service.js";
import { campaignText, loadVisibleCampaign, sendCampaignPage } from "./campaign.page.js";
import { type CampaignCard, CampaignListPage, ResultsPage } from "./campaign.view.js";

/** The notices a campaign page shows after a member's act (each kind adds its own). */
export const DONE = [
  "signed",
  "withdrawn",
  "rsvp",
  "rsvp_cancelled",
  "rsvp_check_mail",
  "reported",
] as const;

const CampaignQuery = Type.Object({ done: Type.Optional(Choice(DONE)) });

export async function campaignsRoutes(app: FastifyInstance) {
  registerPage(app, "/campaigns", {}, async (request, reply) => {
    const now = new Date();
    const ctx = pageContext(request);
    const cards: CampaignCard[] = [];
    for (const campaign of await publishedCampaigns(app.db)) {
      const shown = shownStatus(campaign, now);
      if (
        !allowed(can(request.account, "view", { status: shown, visibility: campaign.visibility }))
      )
        continue;
      const resultsPublished = campaign.results_published_at !== null;
      cards.push({
        slug: campaign.slug,
        text: campaignText(campaign, ctx.locale.tag),
        shown,
        startsOn: campaign.starts_on,
        endsOn: campaign.ends_on,
        timeZone: campaign.time_zone,
        members: resultsPublished
          ? (await campaignResults(app.db, campaign, ctx.locale.tag)).members
          : undefined,
        resultsPublished,
        isDemo: campaign.is_demo === 1,
      });
    }
    const past = (c: CampaignCard) => c.shown === "closed" || c.shown === "archived";
    return sendPage(
      reply,
      <CampaignListPage
        ctx={ctx}
        current={cards.filter((c) => !past(c))}
        past={cards.filter(past)}
      />,
    );
  });

  registerPage(
    app,
    "/campaigns/:slug",
    { schema: { params: CampaignParams, querystring: CampaignQuery } },
    async (request, reply) => {
      const { campaign } = await loadVisibleCampaign(app.db, request, request.params.slug);
      const done = request.query.done;
      return sendCampaignPage(app, request, reply, campaign, {
        notice: done ? request.t(`campaigns.done.${done}`) : undefined,
      });
    },
  );

  registerPage(
    app,
    "/campaigns/:slug/results",
    { schema: { params: CampaignParams } },
    async (request, reply) => {
      const { campaign } = await loadVisibleCampaign(app.db, request, request.params.slug);
      const staff = allowed(can(request.account, "watch"));
      if (campaign.results_published_at === null && !staff) throw notFound();
      const ctx = pageContext(request);
      return sendPage(
        reply,
        <ResultsPage
          ctx={ctx}
          slug={campaign.slug}
          text={campaignText(campaign, ctx.locale.tag)}
          results={await campaignResults(app.db, campaign, ctx.locale.tag)}
        />,
      );
    },
  );
}
