// A member's comment: the page, saving (a form post, or the page's script asking for JSON as it
// autosaves), approval, naming the approver, filing, and the letterhead PDF. Every form names the
// jurisdiction it was shown for: one the person no longer acts for is refused (policy).
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { type FormProblems, type RefusedRequest, registerFormPost } from "../../http/forms.js";
import { registerPage } from "../../http/locale.js";
import { authorize } from "../../http/policy.js";
import { fieldMessage } from "../../http/validation.js";
import { localizedPath, type MessageKey } from "../../i18n/index.js";
import { commentTextProblems } from "../../rules/index.js";
import { can } from "../campaigns.policy.js";
import { ActionParams } from "../manage/manage.schema.js";
import { filingRoutes } from "./comment.filing.routes.js";
import {
  commentProblems,
  filledTemplate,
  type LoadedComment,
  loadComment,
  type Refused,
  sendCommentPage,
} from "./comment.page.js";
import { commentPdfFor } from "./comment.pdf.js";
import { ApproveForm, ApproverForm, DraftForm, VersionQuery } from "./comment.schema.js";
import { approveComment, nameApprover, placeholdersLeft, saveDraft } from "./comment.service.js";
import { meterFor } from "./meter/index.js";

/** Autosaves come every few seconds while someone types: a limit of their own. */
const AUTOSAVE_LIMIT = { max: 600, timeWindow: "15 minutes" };

const wantsJson = (request: FastifyRequest) =>
  (request.headers.accept ?? "").includes("application/json");

export async function commentRoutes(app: FastifyInstance) {
  const memberStaff = app.guards.jurisdiction("member_admin", "member_staff");
  const person = (loaded: LoadedComment) => ({
    id: loaded.acting.user.id,
    email: loaded.acting.user.email,
  });
  const back = (request: FastifyRequest, loaded: LoadedComment, done: string) =>
    `${localizedPath(request.locale, `/campaigns/${loaded.campaign.slug}/actions/${loaded.action.id}/comment`)}?done=${done}`;
  /** The form's jurisdiction must be the one acted for, and the campaign open. */
  const mayAct = (loaded: LoadedComment, jurisdiction: string) =>
    authorize(
      can(loaded.acting, "take_part", {
        status: loaded.shown,
        visibility: loaded.campaign.visibility,
        kind: "comment",
        jurisdictionId: jurisdiction,
      }),
    );

  registerPage(
    app,
    "/campaigns/:slug/actions/:action/comment",
    {
      guard: memberStaff,
      restricted: true,
      schema: { params: ActionParams, querystring: VersionQuery },
    },
    async (request, reply) => {
      const loaded = await loadComment(app, request, request.params);
      const done = request.query.done;
      return sendCommentPage(app, request, reply, loaded, {
        notice: done ? request.t(`campaign-comments.done.${done}`) : undefined,
      });
    },
  );

  async function refusedPage(
    request: FastifyRequest,
    reply: FastifyReply,
    loaded: LoadedComment,
    refused: Refused,
    status = 422,
  ) {
    if (wantsJson(request)) {
      return reply.code(status).send({ saved: false, errors: refused.errors });
    }
    return sendCommentPage(app, request, reply, loaded, { refused, status });
  }

  /** A form of the comment page refused by its schema: the page again, the field named. */
  const invalidAt =
    (form: Refused["form"], label: MessageKey) =>
    async (
      request: RefusedRequest<typeof ActionParams>,
      reply: FastifyReply,
      problems: FormProblems,
    ) => {
      const loaded = await loadComment(app, request, request.params);
      const errors = Object.fromEntries(
        problems.errors.map((e) => [e.field, fieldMessage(request.t, e, request.t(label))]),
      );
      return refusedPage(request, reply, loaded, { form, values: problems.values, errors });
    };

  registerFormPost(
    app,
    "/campaigns/:slug/actions/:action/comment",
    {
      guard: memberStaff,
      params: ActionParams,
      body: DraftForm,
      rateLimit: AUTOSAVE_LIMIT,
      invalid: invalidAt("draft", "campaign-comments.form.error.body"),
    },
    async (request, reply) => {
      const loaded = await loadComment(app, request, request.params);
      mayAct(loaded, request.body.jurisdiction);
      const result = await saveDraft(app.db, person(loaded), {
        campaignId: loaded.campaign.id,
        actionId: loaded.action.id,
        jurisdictionId: loaded.jurisdictionId,
        from: Number(request.body.version),
        body: request.body.body,
        locale: request.body.locale,
      });
      if (!result.saved) {
        const message = request.t("errors.comment_changed");
        const refused: Refused = { form: "draft", values: request.body, errors: { body: message } };
        return refusedPage(request, reply, { ...loaded, draft: result.latest }, refused, 409);
      }
      if (!wantsJson(request)) return reply.redirect(back(request, loaded, "saved"), 303);
      const draft = result.draft;
      const template = await filledTemplate(app, loaded, draft.locale);
      const meter = await meterFor(app.db, {
        actionId: loaded.action.id,
        draftId: draft.id,
        body: draft.body,
        locale: draft.locale,
        template: template?.body ?? "",
      });
      return reply.send({
        saved: true,
        version: draft.version,
        approved: draft.approved_version === draft.version,
        ownShare: meter.ownShare,
        problems: commentProblems(
          request.t,
          commentTextProblems(draft.body),
          placeholdersLeft(draft.body),
        ),
      });
    },
  );

  registerFormPost(
    app,
    "/campaigns/:slug/actions/:action/comment/approve",
    { guard: memberStaff, params: ActionParams, body: ApproveForm },
    async (request, reply) => {
      const loaded = await loadComment(app, request, request.params);
      mayAct(loaded, request.body.jurisdiction);
      const draft = loaded.draft;
      authorize(
        can(loaded.acting, "approve_comment", {
          jurisdictionId: request.body.jurisdiction,
          approverId: draft?.approver_id,
        }),
      );
      if (!draft) return reply.redirect(back(request, loaded, "saved"), 303);
      await approveComment(
        app.db,
        person(loaded),
        {
          campaignId: loaded.campaign.id,
          draftId: draft.id,
          version: Number(request.body.version),
        },
        (problems, left) => commentProblems(request.t, problems, left).join(" "),
      );
      return reply.redirect(back(request, loaded, "approved"), 303);
    },
  );

  registerFormPost(
    app,
    "/campaigns/:slug/actions/:action/comment/approver",
    { guard: memberStaff, params: ActionParams, body: ApproverForm },
    async (request, reply) => {
      const loaded = await loadComment(app, request, request.params);
      mayAct(loaded, request.body.jurisdiction);
      authorize(can(loaded.acting, "name_approver", { jurisdictionId: request.body.jurisdiction }));
      const draft = loaded.draft;
      if (!draft) return reply.redirect(back(request, loaded, "saved"), 303);
      const named = await nameApprover(app.db, person(loaded), {
        campaignId: loaded.campaign.id,
        draftId: draft.id,
        approverId: request.body.approver || null,
      });
      if (!named) {
        return refusedPage(request, reply, loaded, {
          form: "approver",
          values: request.body,
          errors: { approver: request.t("campaign-comments.approver.error") },
        });
      }
      return reply.redirect(back(request, loaded, "approver"), 303);
    },
  );

  registerPage(
    app,
    "/campaigns/:slug/actions/:action/comment/letter.pdf",
    { guard: memberStaff, restricted: true, schema: { params: ActionParams } },
    async (request, reply) => {
      const loaded = await loadComment(app, request, request.params);
      const template = await filledTemplate(
        app,
        loaded,
        loaded.draft?.locale ?? request.locale.tag,
      );
      const pdf = await commentPdfFor(app.db, {
        jurisdictionId: loaded.jurisdictionId,
        ruleId: loaded.rule.id,
        locale: loaded.draft?.locale ?? template?.locale ?? request.locale.tag,
        body: loaded.draft?.body ?? template?.body ?? "",
        demo: loaded.draft?.is_demo === 1,
      });
      return reply
        .header("content-type", "application/pdf")
        .header(
          "content-disposition",
          `inline; filename="comment-${loaded.rule.documentNumber}.pdf"`,
        )
        .header("cache-control", "private, no-store")
        .send(pdf);
    },
  );

  filingRoutes(app, { memberStaff, person, mayAct, back, refusedPage, invalidAt });
}
