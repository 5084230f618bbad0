// Staff's side of the comment action: /admin/campaigns/:slug/actions/:action/comment (the rule,
// the templates per language with their merge fields checked, a preview filled for any member,
// where each member's comment stands) and POST /admin/campaigns/from-rule (a campaign from a
// rule on the watch list, in one step).
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { notFound } from "../../http/errors.js";
import { registerFormPost } from "../../http/forms.js";
import { registerPage } from "../../http/locale.js";
import { authorize } from "../../http/policy.js";
import { pageContext, sendPage } from "../../http/render.js";
import { fieldMessage } from "../../http/validation.js";
import { findLocale, localizedPath, translator } from "../../i18n/index.js";
import { jurisdictionsByIds, memberJurisdictions } from "../../members/index.js";
import { easternToday, ruleById, watchList } from "../../rules/index.js";
import { findAction } from "../actions.queries.js";
import { chooseText } from "../campaign.text.js";
import { CAMPAIGN_EDITORS, can } from "../campaigns.policy.js";
import { actorOf, campaignTitle, loadCampaign } from "../manage/manage.forms.js";
import { ActionParams } from "../manage/manage.schema.js";
import {
  type RuleCampaignTexts,
  saveCommentSetup,
  startCampaignFromRule,
} from "./comment.admin.service.js";
import { CommentSetupPage, type SetupState } from "./comment.admin.view.js";
import { day } from "./comment.parts.view.js";
import { commentActionRule, draftsOf, templatesOf } from "./comment.queries.js";
import { FromRuleForm, SetupForm, SetupQuery } from "./comment.schema.js";
import { fillTemplate, mergeValues, templateProblems } from "./template/index.js";

const TAGS = ["en", "es", "zh-Hans"] as const;

export async function commentAdminRoutes(app: FastifyInstance) {
  app.addHook("onRequest", app.guards.coalition(...CAMPAIGN_EDITORS));

  async function load(request: FastifyRequest, slug: string, actionId: string) {
    const campaign = await loadCampaign(app.db, slug);
    const action = await findAction(app.db, campaign.id, actionId);
    if (action?.kind !== "comment") throw notFound();
    authorize(can(request.account, "draft"));
    return { campaign, action, ruleId: await commentActionRule(app.db, action.id) };
  }

  async function sendSetup(
    request: FastifyRequest,
    reply: FastifyReply,
    loaded: Awaited<ReturnType<typeof load>>,
    form: SetupState,
    query: { preview?: string; lang?: string; done?: string },
  ) {
    const members = await memberJurisdictions(app.db);
    const today = easternToday(new Date());
    const { open: rules } = await watchList(app.db, today, today);
    const current = loaded.ruleId ? await ruleById(app.db, loaded.ruleId) : undefined;
    if (current && !rules.some((r) => r.id === current.id)) rules.unshift(current);
    const drafts = await draftsOf(app.db, loaded.action.id);
    const places = new Map(
      (
        await jurisdictionsByIds(
          app.db,
          drafts.map((d) => d.jurisdiction_id),
        )
      ).map((j) => [j.id, j]),
    );
    const previewId = query.preview ?? members[0]?.id;
    const lang = query.lang ?? "en";
    const template = form.values[`template_${lang}`] ?? "";
    let preview: string | undefined;
    if (previewId && template && loaded.ruleId) {
      const values = await mergeValues(app.db, {
        jurisdictionId: previewId,
        ruleId: loaded.ruleId,
        locale: lang,
      });
      preview = fillTemplate(template, values, lang);
    }
    return sendPage(
      reply,
      <CommentSetupPage
        ctx={pageContext(request)}
        campaign={{
          slug: loaded.campaign.slug,
          title: campaignTitle(loaded.campaign, request.locale.tag),
        }}
        actionId={loaded.action.id}
        actionTitle={chooseText(loaded.action.texts, request.locale.tag)?.text.title ?? ""}
        rules={rules}
        form={form}
        members={members}
        preview={{ jurisdictionId: previewId, lang, text: preview }}
        drafts={drafts.map((d) => ({ ...d, place: places.get(d.jurisdiction_id) }))}
        notice={query.done ? request.t("campaign-comments.admin.saved") : undefined}
      />,
      Object.keys(form.errors).length > 0 ? 422 : 200,
    );
  }

  registerPage(
    app,
    "/admin/campaigns/:slug/actions/:action/comment",
    { schema: { params: ActionParams, querystring: SetupQuery }, restricted: true },
    async (request, reply) => {
      const loaded = await load(request, request.params.slug, request.params.action);
      const values: Record<string, string> = { rule: loaded.ruleId ?? "" };
      for (const t of await templatesOf(app.db, loaded.action.id))
        values[`template_${t.locale}`] = t.body;
      return sendSetup(
        request,
        reply,
        loaded,
        { csrfToken: reply.generateCsrf(), values, errors: {} },
        request.query,
      );
    },
  );

  registerFormPost(
    app,
    "/admin/campaigns/:slug/actions/:action/comment",
    {
      params: ActionParams,
      body: SetupForm,
      invalid: async (request, reply, problems) => {
        const loaded = await load(request, request.params.slug, request.params.action);
        const errors = Object.fromEntries(
          problems.errors.map((e) => [
            e.field,
            fieldMessage(request.t, e, request.t("campaign-comments.admin.error.field")),
          ]),
        );
        return sendSetup(
          request,
          reply,
          loaded,
          { csrfToken: reply.generateCsrf(), values: problems.values, errors },
          {},
        );
      },
    },
    async (request, reply) => {
      const loaded = await load(request, request.params.slug, request.params.action);
      const body = request.body;
      const errors: Record<string, string> = {};
      const rule = await ruleById(app.db, body.rule);
      if (!rule) errors.rule = request.t("campaign-comments.admin.error.rule");
      for (const tag of TAGS) {
        const problems = templateProblems(body[`template_${tag}`]);
        if (problems.length > 0)
          errors[`template_${tag}`] = problems.map((p) => request.t(p.id, p.values)).join(" ");
      }
      if (!body.template_en)
        errors.template_en = request.t("campaign-comments.admin.error.template_en");
      if (!rule || Object.keys(errors).length > 0) {
        return sendSetup(
          request,
          reply,
          loaded,
          { csrfToken: reply.generateCsrf(), values: body, errors },
          {},
        );
      }
      await saveCommentSetup(
        app.db,
        actorOf(request),
        loaded.action.id,
        {
          ruleId: rule.id,
          templates: TAGS.map((tag) => ({ locale: tag, body: body[`template_${tag}`] })),
        },
        { ruleId: loaded.ruleId },
      );
      const path = localizedPath(
        request.locale,
        `/admin/campaigns/${loaded.campaign.slug}/actions/${loaded.action.id}/comment`,
      );
      return reply.redirect(`${path}?done=saved`, 303);
    },
  );

  registerFormPost(
    app,
    "/admin/campaigns/from-rule",
    { body: FromRuleForm },
    async (request, reply) => {
      authorize(can(request.account, "draft"));
      const rule = await ruleById(app.db, request.body.rule);
      if (!rule) throw notFound();
      const texts: RuleCampaignTexts = {};
      for (const tag of TAGS) {
        const locale = findLocale(tag);
        if (!locale) continue;
        const t = translator(locale);
        const values = {
          title: rule.title,
          number: rule.documentNumber,
          date: rule.commentsCloseOn ? day(locale.intl, rule.commentsCloseOn) : "",
        };
        texts[tag] = {
          title: t("campaign-comments.from_rule.title", values).slice(0, 160),
          summary: t("campaign-comments.from_rule.summary", values).slice(0, 500),
          body: t("campaign-comments.from_rule.body", values),
          action: t("campaign-comments.from_rule.action", values).slice(0, 160),
          template: t("campaign-comments.from_rule.template", values),
        };
      }
      const slug = await startCampaignFromRule(app.db, actorOf(request), rule, texts);
      return reply.redirect(
        `${localizedPath(request.locale, `/admin/campaigns/${slug}`)}?done=created`,
        303,
      );
    },
  );
}
