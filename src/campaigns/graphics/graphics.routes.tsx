// A social push's graphics: staff upload them with their alt text per language, correct the alt
// text and delete them at /admin/campaigns/:slug/actions/:action/graphics; anyone who may see
// the campaign gets the file at /campaigns/:slug/graphics/:graphic.
import multipart from "@fastify/multipart";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { sendStoredFile } from "../../files/files.serve.js";
import { notFound } from "../../http/errors.js";
import { FORM_RATE_LIMIT, registerFormPost } from "../../http/forms.js";
import { registerPage } from "../../http/locale.js";
import { authorize } from "../../http/policy.js";
import { pageContext, sendPage } from "../../http/render.js";
import { LOCALES, localizedPath } from "../../i18n/index.js";
import { findAction } from "../actions.queries.js";
import { CAMPAIGN_EDITORS, can } from "../campaigns.policy.js";
import type { CampaignWithTexts } from "../campaigns.queries.js";
import { actorOf, campaignTitle, loadCampaign, refusedMessages } from "../manage/manage.forms.js";
import { ActionParams } from "../manage/manage.schema.js";
import { loadVisibleCampaign } from "../public/campaign.page.js";
import { findGraphic, findServedGraphic, graphicsOf } from "./graphics.queries.js";
import {
  AltForm,
  DoneQuery,
  GRAPHIC_MAX_BYTES,
  GraphicParams,
  ServeParams,
} from "./graphics.schema.js";
import { addGraphic, describeGraphic, removeGraphic } from "./graphics.service.js";
import { graphicsStore } from "./graphics.store.js";
import { checkUpload, type UploadBody } from "./graphics.upload.js";
import { type FormState, GraphicsPage } from "./graphics.view.js";
import { EXTENSIONS } from "./image-type.js";

const PATH = "/admin/campaigns/:slug/actions/:action/graphics";

const EMPTY: FormState = { values: {}, errors: {} };

export async function graphicsRoutes(app: FastifyInstance) {
  const editors = app.guards.coalition(...CAMPAIGN_EDITORS);
  const store = graphicsStore(app.config.filesDir);

  async function loadSocialAction(slug: string, actionId: string) {
    const campaign = await loadCampaign(app.db, slug);
    const action = await findAction(app.db, campaign.id, actionId);
    if (action?.kind !== "social") throw notFound();
    return { campaign, action };
  }

  async function send(
    request: FastifyRequest,
    reply: FastifyReply,
    campaign: CampaignWithTexts,
    actionId: string,
    forms: { upload?: FormState; edit?: FormState & { graphicId: string }; notice?: string },
    status = 200,
  ) {
    return sendPage(
      reply,
      <GraphicsPage
        ctx={pageContext(request)}
        campaign={{ slug: campaign.slug, title: campaignTitle(campaign, request.locale.tag) }}
        actionId={actionId}
        csrfToken={reply.generateCsrf()}
        graphics={await graphicsOf(app.db, actionId)}
        upload={forms.upload ?? EMPTY}
        edit={forms.edit}
        notice={forms.notice}
      />,
      status,
    );
  }

  const done = (request: FastifyRequest, slug: string, actionId: string, what: string) =>
    `${localizedPath(request.locale, `/admin/campaigns/${slug}/actions/${actionId}/graphics`)}?done=${what}`;

  registerPage(
    app,
    PATH,
    { schema: { params: ActionParams, querystring: DoneQuery }, guard: editors, restricted: true },
    async (request, reply) => {
      const { slug, action: actionId } = request.params;
      const { campaign, action } = await loadSocialAction(slug, actionId);
      authorize(can(request.account, "draft"));
      const what = request.query.done;
      const notice = what ? request.t(`campaign-graphics.admin.done.${what}`) : undefined;
      return send(request, reply, campaign, action.id, { notice });
    },
  );

  // The upload is multipart: the plugin lives in this context only, so no other route takes
  // files. Its fields come to the body as plain values ("keyValues"), the file as its bytes, so
  // the CSRF check reads `_csrf` from the body as it does for every other form.
  await app.register(async (uploads) => {
    await uploads.register(multipart, {
      attachFieldsToBody: "keyValues",
      limits: { fileSize: GRAPHIC_MAX_BYTES, files: 1, fields: 8, fieldSize: 16 * 1024, parts: 9 },
    });
    for (const locale of LOCALES) {
      uploads.post<{ Params: { slug: string; action: string }; Body: UploadBody }>(
        localizedPath(locale, PATH),
        {
          onRequest: editors,
          schema: { params: ActionParams },
          preHandler: app.csrfProtection,
          config: { rateLimit: FORM_RATE_LIMIT },
          // A file over the limit stops the body being read: the page says so at its field.
          errorHandler: async (error, request, reply) => {
            const code = (error as { code?: unknown }).code;
            if (code !== "FST_REQ_FILE_TOO_LARGE") throw error;
            const { campaign, action } = await loadSocialAction(
              request.params.slug,
              request.params.action,
            );
            authorize(can(request.account, "draft"));
            const errors = { file: request.t("campaign-graphics.error.file_too_large") };
            return send(
              request,
              reply,
              campaign,
              action.id,
              { upload: { values: {}, errors } },
              413,
            );
          },
        },
        async (request, reply) => {
          const { slug, action: actionId } = request.params;
          const { campaign, action } = await loadSocialAction(slug, actionId);
          authorize(can(request.account, "draft"));
          const checked = checkUpload(request.body, request.t);
          if (!checked.ok) {
            return send(request, reply, campaign, action.id, { upload: checked.form }, 422);
          }
          await addGraphic(
            app.db,
            store,
            actorOf(request),
            campaign,
            action.id,
            checked.file,
            checked.alts,
          );
          return reply.redirect(done(request, campaign.slug, action.id, "added"), 303);
        },
      );
    }
  });

  registerFormPost(
    app,
    `${PATH}/:graphic/alt`,
    {
      guard: editors,
      params: GraphicParams,
      body: AltForm,
      invalid: async (request, reply, problems) => {
        const { campaign, action } = await loadSocialAction(
          request.params.slug,
          request.params.action,
        );
        authorize(can(request.account, "draft"));
        const graphic = await findGraphic(app.db, action.id, request.params.graphic);
        if (!graphic) throw notFound();
        const errors = refusedMessages(request, problems);
        if ("alt_en" in errors && problems.values.alt_en === "") {
          errors.alt_en = request.t("campaign-graphics.error.alt_required");
        }
        return send(
          request,
          reply,
          campaign,
          action.id,
          { edit: { graphicId: graphic.id, values: problems.values, errors } },
          422,
        );
      },
    },
    async (request, reply) => {
      const { campaign, action } = await loadSocialAction(
        request.params.slug,
        request.params.action,
      );
      authorize(can(request.account, "draft"));
      const graphic = await findGraphic(app.db, action.id, request.params.graphic);
      if (!graphic) throw notFound();
      const alts: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.body)) {
        if (typeof value === "string" && name.startsWith("alt_")) alts[name.slice(4)] = value;
      }
      await describeGraphic(app.db, actorOf(request), campaign, graphic, alts);
      return reply.redirect(done(request, campaign.slug, action.id, "described"), 303);
    },
  );

  registerFormPost(
    app,
    `${PATH}/:graphic/delete`,
    { guard: editors, params: GraphicParams, body: Type.Object({}) },
    async (request, reply) => {
      const { campaign, action } = await loadSocialAction(
        request.params.slug,
        request.params.action,
      );
      authorize(can(request.account, "draft"));
      const graphic = await findGraphic(app.db, action.id, request.params.graphic);
      if (!graphic) throw notFound();
      await removeGraphic(app.db, store, actorOf(request), campaign, graphic);
      return reply.redirect(done(request, campaign.slug, action.id, "deleted"), 303);
    },
  );

  // The file, for whoever may see the campaign. Its address names one graphic, whose bytes never
  // change (a new upload is a new graphic), so it may be kept for a year.
  app.get<{ Params: { slug: string; graphic: string } }>(
    "/campaigns/:slug/graphics/:graphic",
    { schema: { params: ServeParams } },
    async (request, reply) => {
      const graphic = await findServedGraphic(app.db, request.params.graphic);
      if (!graphic || graphic.slug !== request.params.slug) throw notFound();
      const { campaign } = await loadVisibleCampaign(app.db, request, graphic.slug);
      const name = `graphic-${graphic.id.slice(0, 8)}.${EXTENSIONS[graphic.media_type]}`;
      const sent = await sendStoredFile(request, reply, store, {
        key: graphic.sha256,
        mediaType: graphic.media_type,
        name,
        shared: campaign.visibility === "public" && campaign.status !== "draft",
      });
      if (!sent) throw notFound();
      return sent;
    },
  );
}
