// Staff write a social push's messages: /admin/campaigns/:slug/actions/:action/messages. Each
// message is counted by its platform's rule; one over its limit is refused at its field ("301 of
// 280 characters") and the form comes back with everything typed.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { notFound } from "../../http/errors.js";
import { registerFormPost } from "../../http/forms.js";
import { registerPage } from "../../http/locale.js";
import { authorize } from "../../http/policy.js";
import { pageContext, sendPage } from "../../http/render.js";
import { Choice } from "../../http/validation.js";
import { localizedPath } from "../../i18n/index.js";
import { findAction } from "../actions.queries.js";
import { CAMPAIGN_EDITORS, can } from "../campaigns.policy.js";
import type { CampaignWithTexts } from "../campaigns.queries.js";
import { actorOf, campaignTitle, loadCampaign, refusedMessages } from "../manage/manage.forms.js";
import { ActionParams } from "../manage/manage.schema.js";
import { MessagesPage } from "./messages.view.js";
import { PLATFORM_INFO } from "./platforms.js";
import { messagesOf } from "./social.queries.js";
import { MessagesForm, messageField } from "./social.schema.js";
import { checkMessages, saveMessages } from "./social.service.js";

const SavedQuery = Type.Object({ done: Type.Optional(Choice(["saved"])) });

/** Facebook's 63,206 characters in every language, as UTF-8: more than the forms' 64 KB. */
const MESSAGES_BODY_LIMIT = 1024 * 1024;

export async function messagesRoutes(app: FastifyInstance) {
  const editors = app.guards.coalition(...CAMPAIGN_EDITORS);

  async function loadSocialAction(slug: string, actionId: string) {
    const campaign = await loadCampaign(app.db, slug);
    const action = await findAction(app.db, campaign.id, actionId);
    if (action?.kind !== "social") throw notFound();
    return { campaign, action };
  }

  function send(
    request: FastifyRequest,
    reply: FastifyReply,
    campaign: CampaignWithTexts,
    actionId: string,
    form: { values: Record<string, string>; errors: Record<string, string>; notice?: string },
  ) {
    return sendPage(
      reply,
      <MessagesPage
        ctx={pageContext(request)}
        campaign={{ slug: campaign.slug, title: campaignTitle(campaign, request.locale.tag) }}
        actionId={actionId}
        csrfToken={reply.generateCsrf()}
        values={form.values}
        errors={form.errors}
        notice={form.notice}
      />,
      Object.keys(form.errors).length > 0 ? 422 : 200,
    );
  }

  registerPage(
    app,
    "/admin/campaigns/:slug/actions/:action/messages",
    { schema: { params: ActionParams, querystring: SavedQuery }, guard: editors, restricted: true },
    async (request, reply) => {
      const { campaign, action } = await loadSocialAction(
        request.params.slug,
        request.params.action,
      );
      authorize(can(request.account, "draft"));
      const values: Record<string, string> = {};
      for (const m of await messagesOf(app.db, action.id)) {
        values[messageField(m.platform, m.locale)] = m.body;
      }
      const notice = request.query.done ? request.t("campaign-social.admin.saved") : undefined;
      return send(request, reply, campaign, action.id, { values, errors: {}, notice });
    },
  );

  registerFormPost(
    app,
    "/admin/campaigns/:slug/actions/:action/messages",
    {
      guard: editors,
      params: ActionParams,
      body: MessagesForm,
      bodyLimit: MESSAGES_BODY_LIMIT,
      invalid: async (request, reply, problems) => {
        const { campaign, action } = await loadSocialAction(
          request.params.slug,
          request.params.action,
        );
        authorize(can(request.account, "draft"));
        return send(request, reply, campaign, action.id, {
          values: problems.values,
          errors: refusedMessages(request, problems),
        });
      },
    },
    async (request, reply) => {
      const { campaign, action } = await loadSocialAction(
        request.params.slug,
        request.params.action,
      );
      authorize(can(request.account, "draft"));
      const values: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.body)) {
        if (typeof value === "string") values[name] = value;
      }
      const { messages, over } = checkMessages(values);
      if (over.length > 0) {
        const errors = Object.fromEntries(
          over.map((o) => [
            o.field,
            request.t("campaign-social.error.over", {
              count: o.length,
              limit: o.limit,
              over: Math.max(0, o.length - o.limit),
              platform: PLATFORM_INFO[o.platform].name,
            }),
          ]),
        );
        return send(request, reply, campaign, action.id, { values, errors });
      }
      await saveMessages(app.db, actorOf(request), campaign, action.id, messages);
      const path = localizedPath(
        request.locale,
        `/admin/campaigns/${campaign.slug}/actions/${action.id}/messages`,
      );
      return reply.redirect(`${path}?done=saved`, 303);
    },
  );
}
