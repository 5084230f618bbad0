// Staff's dashboard of a campaign (/admin/campaigns/:slug/dashboard: editors and admins), the
// "Remind them" button (admins), the participation CSV for staff, and the public results CSV once
// results are published. Nothing here is cached: the figures change with every act.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { requireAccount } from "../../http/account.js";
import { notFound } from "../../http/errors.js";
import { registerFormPost } from "../../http/forms.js";
import { registerPage } from "../../http/locale.js";
import { allowed, authorize } from "../../http/policy.js";
import { pageContext, sendPage } from "../../http/render.js";
import { localizedPath } from "../../i18n/index.js";
import { shownStatus, todayIn } from "../campaign.status.js";
import { chooseText } from "../campaign.text.js";
import { CAMPAIGN_EDITORS, can } from "../campaigns.policy.js";
import { type CampaignWithTexts, findCampaignBySlug } from "../campaigns.queries.js";
import { CampaignParams } from "../manage/manage.schema.js";
import { loadVisibleCampaign } from "../public/campaign.page.js";
import { campaignDashboard } from "./dashboard.service.js";
import { DashboardPage, type DashboardProps } from "./dashboard.view.js";
import { remindMembers } from "./remind.service.js";
import { participationCsv, resultsCsv } from "./results.csv.js";
import { campaignResults } from "./results.service.js";

const DashboardQuery = Type.Object({
  reminded: Type.Optional(Type.String({ pattern: "^[0-9]{1,6}$" })),
});

const RemindForm = Type.Object({});

async function loadCampaign(app: FastifyInstance, slug: string): Promise<CampaignWithTexts> {
  const campaign = await findCampaignBySlug(app.db, slug);
  if (!campaign) throw notFound();
  return campaign;
}

function csv(reply: FastifyReply, name: string, body: string) {
  return reply
    .header("content-type", "text/csv; charset=utf-8")
    .header("content-disposition", `attachment; filename="${name}"`)
    .header("cache-control", "no-store")
    .send(body);
}

export async function resultsRoutes(app: FastifyInstance) {
  const staff = app.guards.coalition(...CAMPAIGN_EDITORS);

  async function sendDashboard(
    request: FastifyRequest,
    reply: FastifyReply,
    campaign: CampaignWithTexts,
    notice?: DashboardProps["notice"],
    status = 200,
  ) {
    const ctx = pageContext(request);
    const shown = shownStatus(campaign, new Date());
    const text = chooseText(campaign.texts, ctx.locale.tag)?.text;
    reply.header("cache-control", "no-store");
    return sendPage(
      reply,
      <DashboardPage
        ctx={ctx}
        slug={campaign.slug}
        title={text?.title ?? campaign.slug}
        titleLocale={text?.locale ?? "en"}
        shown={shown}
        dashboard={await campaignDashboard(app.db, campaign, ctx.locale.tag)}
        isDemo={campaign.is_demo === 1}
        timeZone={campaign.time_zone}
        remind={
          shown === "open" && allowed(can(request.account, "publish"))
            ? { csrfToken: reply.generateCsrf() }
            : undefined
        }
        notice={notice}
      />,
      status,
    );
  }

  registerPage(
    app,
    "/admin/campaigns/:slug/dashboard",
    {
      schema: { params: CampaignParams, querystring: DashboardQuery },
      guard: staff,
      restricted: true,
    },
    async (request, reply) => {
      const campaign = await loadCampaign(app, request.params.slug);
      authorize(can(request.account, "watch"));
      const reminded = request.query.reminded;
      return sendDashboard(
        request,
        reply,
        campaign,
        reminded === undefined
          ? undefined
          : {
              kind: "success",
              text: request.t("campaign-results.dashboard.reminded", { count: Number(reminded) }),
            },
      );
    },
  );

  registerFormPost(
    app,
    "/admin/campaigns/:slug/remind",
    { guard: staff, params: CampaignParams, body: RemindForm },
    async (request, reply) => {
      const campaign = await loadCampaign(app, request.params.slug);
      authorize(can(request.account, "publish"));
      const account = requireAccount(request);
      const outcome = await remindMembers(
        app.db,
        app.mailer,
        { siteName: app.config.siteName, publicUrl: app.config.publicUrl },
        { id: account.user.id, email: account.user.email },
        campaign,
      );
      if (outcome.sent) {
        const path = localizedPath(request.locale, `/admin/campaigns/${campaign.slug}/dashboard`);
        return reply.redirect(`${path}?reminded=${outcome.people}`, 303);
      }
      if ("nobody" in outcome) {
        return sendDashboard(request, reply, campaign, {
          kind: "info",
          text: request.t("campaign-results.dashboard.nobody_to_remind"),
        });
      }
      const time = (iso: string) =>
        new Intl.DateTimeFormat(request.locale.intl, {
          hour: "numeric",
          minute: "2-digit",
          timeZone: campaign.time_zone,
          timeZoneName: "short",
        }).format(new Date(iso));
      const wait = Math.ceil((Date.parse(outcome.next) - Date.now()) / 1000);
      reply.header("retry-after", String(Math.max(1, wait)));
      return sendDashboard(
        request,
        reply,
        campaign,
        {
          kind: "error",
          text: request.t("campaign-results.dashboard.remind_too_soon", {
            last: time(outcome.last),
            next: time(outcome.next),
          }),
        },
        429,
      );
    },
  );

  registerPage(
    app,
    "/admin/campaigns/:slug/participation.csv",
    { schema: { params: CampaignParams }, guard: staff, restricted: true },
    async (request, reply) => {
      const campaign = await loadCampaign(app, request.params.slug);
      authorize(can(request.account, "watch"));
      const dashboard = await campaignDashboard(app.db, campaign, request.locale.tag);
      const body = await participationCsv(app.db, dashboard.results, dashboard.notActed);
      return csv(reply, `${campaign.slug}-participation.csv`, body);
    },
  );

  registerPage(
    app,
    "/campaigns/:slug/results.csv",
    { schema: { params: CampaignParams } },
    async (request, reply) => {
      const { campaign } = await loadVisibleCampaign(app.db, request, request.params.slug);
      if (campaign.results_published_at === null && !allowed(can(request.account, "watch")))
        throw notFound();
      const results = await campaignResults(app.db, campaign, request.locale.tag);
      const body = resultsCsv(results, (iso) => todayIn(campaign.time_zone, new Date(iso)));
      return csv(reply, `${campaign.slug}-results.csv`, body);
    },
  );
}
