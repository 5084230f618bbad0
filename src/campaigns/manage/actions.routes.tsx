// Staff add actions to a campaign and edit their texts: /admin/campaigns/:slug/actions/...
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { notFound } from "../../http/errors.js";
import { registerFormPost } from "../../http/forms.js";
import { registerPage } from "../../http/locale.js";
import { authorize } from "../../http/policy.js";
import { pageContext, sendPage } from "../../http/render.js";
import { localizedPath } from "../../i18n/index.js";
import { findAction } from "../actions.queries.js";
import { CAMPAIGN_EDITORS, can } from "../campaigns.policy.js";
import type { CampaignWithTexts } from "../campaigns.queries.js";
import { ActionEditPage } from "./action.view.js";
import type { FormState } from "./fields.view.js";
import { actorOf, campaignTitle, loadCampaign, messages, refusedMessages } from "./manage.forms.js";
import { ActionForm, ActionParams, CampaignParams, field, NoticeQuery } from "./manage.schema.js";
import { addAction, checkAction, saveAction } from "./manage.service.js";

export async function actionRoutes(app: FastifyInstance) {
  app.addHook("onRequest", app.guards.coalition(...CAMPAIGN_EDITORS));

  async function sendActionForm(
    request: FastifyRequest,
    reply: FastifyReply,
    campaign: CampaignWithTexts,
    form: FormState,
    action?: { id: string; kind: string },
    notice?: string,
  ) {
    const failed = Object.keys(form.errors).length > 0;
    return sendPage(
      reply,
      <ActionEditPage
        ctx={pageContext(request)}
        campaign={{ slug: campaign.slug, title: campaignTitle(campaign, request.locale.tag) }}
        form={form}
        actionId={action?.id}
        kind={action?.kind}
        notice={notice}
      />,
      failed ? 422 : 200,
    );
  }

  registerPage(
    app,
    "/admin/campaigns/:slug/actions/new",
    { schema: { params: CampaignParams }, restricted: true },
    async (request, reply) => {
      const campaign = await loadCampaign(app.db, request.params.slug);
      authorize(can(request.account, "draft"));
      return sendActionForm(request, reply, campaign, {
        csrfToken: reply.generateCsrf(),
        values: { kind: "letter" },
        errors: {},
      });
    },
  );

  registerFormPost(
    app,
    "/admin/campaigns/:slug/actions/new",
    {
      params: CampaignParams,
      body: ActionForm,
      invalid: async (request, reply, problems) =>
        sendActionForm(request, reply, await loadCampaign(app.db, request.params.slug), {
          csrfToken: reply.generateCsrf(),
          values: problems.values,
          errors: refusedMessages(request, problems),
        }),
    },
    async (request, reply) => {
      const campaign = await loadCampaign(app.db, request.params.slug);
      authorize(can(request.account, "draft"));
      const values = request.body;
      const { problems, checked } = checkAction(values);
      if (!checked) {
        return sendActionForm(request, reply, campaign, {
          csrfToken: reply.generateCsrf(),
          values,
          errors: messages(request, problems),
        });
      }
      const id = await addAction(app.db, actorOf(request), campaign, checked);
      const path = localizedPath(request.locale, `/admin/campaigns/${campaign.slug}/actions/${id}`);
      return reply.redirect(`${path}?done=action`, 303);
    },
  );

  async function loadAction(slug: string, actionId: string) {
    const campaign = await loadCampaign(app.db, slug);
    const action = await findAction(app.db, campaign.id, actionId);
    if (!action) throw notFound();
    return { campaign, action };
  }

  registerPage(
    app,
    "/admin/campaigns/:slug/actions/:action",
    { schema: { params: ActionParams, querystring: NoticeQuery }, restricted: true },
    async (request, reply) => {
      const { campaign, action } = await loadAction(request.params.slug, request.params.action);
      const values: Record<string, string> = { kind: action.kind };
      for (const text of action.texts) {
        values[field("title", text.locale)] = text.title;
        values[field("body", text.locale)] = text.body;
      }
      const done = request.query.done;
      return sendActionForm(
        request,
        reply,
        campaign,
        { csrfToken: reply.generateCsrf(), values, errors: {} },
        action,
        done ? request.t(`campaigns.admin.done.${done}`) : undefined,
      );
    },
  );

  registerFormPost(
    app,
    "/admin/campaigns/:slug/actions/:action",
    {
      params: ActionParams,
      body: ActionForm,
      invalid: async (request, reply, problems) => {
        const { campaign, action } = await loadAction(request.params.slug, request.params.action);
        return sendActionForm(
          request,
          reply,
          campaign,
          {
            csrfToken: reply.generateCsrf(),
            values: problems.values,
            errors: refusedMessages(request, problems),
          },
          action,
        );
      },
    },
    async (request, reply) => {
      const { campaign, action } = await loadAction(request.params.slug, request.params.action);
      authorize(can(request.account, "draft"));
      // The kind is the stored one: an action does not change kind once created.
      const values = { ...request.body, kind: action.kind };
      const { problems, checked } = checkAction(values);
      if (!checked) {
        return sendActionForm(
          request,
          reply,
          campaign,
          { csrfToken: reply.generateCsrf(), values, errors: messages(request, problems) },
          action,
        );
      }
      await saveAction(app.db, actorOf(request), action.id, action, checked);
      const path = localizedPath(
        request.locale,
        `/admin/campaigns/${campaign.slug}/actions/${action.id}`,
      );
      return reply.redirect(`${path}?done=saved`, 303);
    },
  );
}
