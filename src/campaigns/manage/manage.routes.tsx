// Coalition staff prepare campaigns at /admin/campaigns: editors and admins draft a campaign and
// its actions; only admins publish, close, archive and publish results (campaigns.policy.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { registerFormPost } from "../../http/forms.js";
import { registerPage } from "../../http/locale.js";
import { allowed, authorize } from "../../http/policy.js";
import { pageContext, sendPage } from "../../http/render.js";
import { localizedPath } from "../../i18n/index.js";
import { actionsOf } from "../actions.queries.js";
import { shownStatus } from "../campaign.status.js";
import { chooseText } from "../campaign.text.js";
import { CAMPAIGN_EDITORS, can } from "../campaigns.policy.js";
import { allCampaigns, type CampaignWithTexts } from "../campaigns.queries.js";
import { actorOf, campaignTitle, loadCampaign, messages, refusedMessages } from "./manage.forms.js";
import { CampaignForm, CampaignParams, field, NoticeQuery, StatusForm } from "./manage.schema.js";
import { checkCampaign, createCampaign, moveCampaign, saveCampaign } from "./manage.service.js";
import {
  CampaignEditPage,
  CampaignListPage,
  type CampaignSummary,
  type FormState,
} from "./manage.view.js";

/** The form's values from a stored campaign. */
function campaignValues(campaign: CampaignWithTexts): Record<string, string> {
  const values: Record<string, string> = {
    slug: campaign.slug,
    starts_on: campaign.starts_on,
    ends_on: campaign.ends_on,
    time_zone: campaign.time_zone,
    topics: campaign.topics,
    goal_members: campaign.goal_members === null ? "" : String(campaign.goal_members),
    visibility: campaign.visibility,
    signatories_public: campaign.signatories_public ? "yes" : "",
  };
  for (const text of campaign.texts) {
    values[field("title", text.locale)] = text.title;
    values[field("summary", text.locale)] = text.summary;
    values[field("body", text.locale)] = text.body;
    values[field("ready", text.locale)] = text.status === "ready" ? "yes" : "";
  }
  return values;
}

const NEW_CAMPAIGN: Record<string, string> = {
  time_zone: "America/New_York",
  visibility: "public",
  signatories_public: "yes",
};

export async function manageRoutes(app: FastifyInstance) {
  app.addHook("onRequest", app.guards.coalition(...CAMPAIGN_EDITORS));

  async function summaryOf(
    request: FastifyRequest,
    campaign: CampaignWithTexts,
  ): Promise<CampaignSummary> {
    const actions = await actionsOf(app.db, campaign.id);
    return {
      slug: campaign.slug,
      title: campaignTitle(campaign, request.locale.tag),
      shown: shownStatus(campaign, new Date()),
      status: campaign.status,
      resultsPublished: campaign.results_published_at !== null,
      actions: actions.map((a) => ({
        id: a.id,
        kind: a.kind,
        title: chooseText(a.texts, request.locale.tag)?.text.title ?? a.kind,
      })),
    };
  }

  async function sendCampaignForm(
    request: FastifyRequest,
    reply: FastifyReply,
    form: FormState,
    campaign?: CampaignWithTexts,
    notice?: string,
  ) {
    const failed = Object.keys(form.errors).length > 0;
    return sendPage(
      reply,
      <CampaignEditPage
        ctx={pageContext(request)}
        form={form}
        campaign={campaign ? await summaryOf(request, campaign) : undefined}
        canPublish={allowed(can(request.account, "publish"))}
        notice={notice}
      />,
      failed ? 422 : 200,
    );
  }

  registerPage(app, "/admin/campaigns", { restricted: true }, async (request, reply) => {
    const now = new Date();
    const rows = (await allCampaigns(app.db)).map((c) => ({
      slug: c.slug,
      title: campaignTitle(c, request.locale.tag),
      shown: shownStatus(c, now),
      startsOn: c.starts_on,
      endsOn: c.ends_on,
      timeZone: c.time_zone,
    }));
    return sendPage(
      reply,
      <CampaignListPage
        ctx={pageContext(request)}
        rows={rows}
        canDraft={allowed(can(request.account, "draft"))}
      />,
    );
  });

  registerPage(app, "/admin/campaigns/new", { restricted: true }, async (request, reply) => {
    authorize(can(request.account, "draft"));
    return sendCampaignForm(request, reply, {
      csrfToken: reply.generateCsrf(),
      values: NEW_CAMPAIGN,
      errors: {},
    });
  });

  registerFormPost(
    app,
    "/admin/campaigns/new",
    {
      body: CampaignForm,
      invalid: (request, reply, problems) =>
        sendCampaignForm(request, reply, {
          csrfToken: reply.generateCsrf(),
          values: problems.values,
          errors: refusedMessages(request, problems),
        }),
    },
    async (request, reply) => {
      authorize(can(request.account, "draft"));
      const values = request.body;
      const { problems, checked } = await checkCampaign(app.db, values);
      if (!checked) {
        return sendCampaignForm(request, reply, {
          csrfToken: reply.generateCsrf(),
          values,
          errors: messages(request, problems),
        });
      }
      const taken = await createCampaign(app.db, actorOf(request), checked);
      if (taken) {
        return sendCampaignForm(request, reply, {
          csrfToken: reply.generateCsrf(),
          values,
          errors: messages(request, [taken]),
        });
      }
      const path = localizedPath(request.locale, `/admin/campaigns/${checked.settings.slug}`);
      return reply.redirect(`${path}?done=created`, 303);
    },
  );

  registerPage(
    app,
    "/admin/campaigns/:slug",
    { schema: { params: CampaignParams, querystring: NoticeQuery }, restricted: true },
    async (request, reply) => {
      const campaign = await loadCampaign(app.db, request.params.slug);
      const done = request.query.done;
      return sendCampaignForm(
        request,
        reply,
        { csrfToken: reply.generateCsrf(), values: campaignValues(campaign), errors: {} },
        campaign,
        done ? request.t(`campaigns.admin.done.${done}`) : undefined,
      );
    },
  );

  registerFormPost(
    app,
    "/admin/campaigns/:slug",
    {
      params: CampaignParams,
      body: CampaignForm,
      invalid: async (request, reply, problems) => {
        const campaign = await loadCampaign(app.db, request.params.slug);
        return sendCampaignForm(
          request,
          reply,
          {
            csrfToken: reply.generateCsrf(),
            values: problems.values,
            errors: refusedMessages(request, problems),
          },
          campaign,
        );
      },
    },
    async (request, reply) => {
      const campaign = await loadCampaign(app.db, request.params.slug);
      authorize(can(request.account, "draft"));
      const values = request.body;
      const { problems, checked } = await checkCampaign(app.db, values, campaign.id);
      if (!checked) {
        return sendCampaignForm(
          request,
          reply,
          { csrfToken: reply.generateCsrf(), values, errors: messages(request, problems) },
          campaign,
        );
      }
      const taken = await saveCampaign(app.db, actorOf(request), campaign, checked);
      if (taken) {
        return sendCampaignForm(
          request,
          reply,
          { csrfToken: reply.generateCsrf(), values, errors: messages(request, [taken]) },
          campaign,
        );
      }
      const path = localizedPath(request.locale, `/admin/campaigns/${checked.settings.slug}`);
      return reply.redirect(`${path}?done=saved`, 303);
    },
  );

  registerFormPost(
    app,
    "/admin/campaigns/:slug/status",
    { params: CampaignParams, body: StatusForm },
    async (request, reply) => {
      const campaign = await loadCampaign(app.db, request.params.slug);
      authorize(can(request.account, "publish"));
      const to = request.body.to;
      await moveCampaign(
        app.db,
        app.mailer,
        { siteName: app.config.siteName, publicUrl: app.config.publicUrl },
        actorOf(request),
        campaign,
        to,
      );
      const path = localizedPath(request.locale, `/admin/campaigns/${campaign.slug}`);
      return reply.redirect(`${path}?done=${to}`, 303);
    },
  );
}
