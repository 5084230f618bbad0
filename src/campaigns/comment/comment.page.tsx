// A member's comment page, /campaigns/:slug/actions/:action/comment: everything about the comment
// of the jurisdiction the person acts for (never another's), loaded and rendered; the forms of
// comment.routes.tsx render it again with what they refused.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { memberStaffContacts, userNames } from "../../accounts/index.js";
import { requireActing } from "../../http/account.js";
import { notFound } from "../../http/errors.js";
import { allowed, authorize } from "../../http/policy.js";
import { pageContext, sendPage } from "../../http/render.js";
import type { Translate } from "../../i18n/index.js";
import { type CommentTextProblem, commentTextProblems, ruleById } from "../../rules/index.js";
import { chooseText } from "../campaign.text.js";
import { can } from "../campaigns.policy.js";
import { campaignText, loadActionOf } from "../public/campaign.page.js";
import {
  commentActionRule,
  type DraftRow,
  findDraft,
  templatesOf,
  versionsOf,
} from "./comment.queries.js";
import { isApproved, placeholdersLeft } from "./comment.service.js";
import { CommentPage, type CommentPageProps } from "./comment.view.js";
import { describeFilingError, textProblemMessage } from "./filing/filing.errors.js";
import { meterFor } from "./meter/index.js";
import { fillTemplate, mergeValues } from "./template/index.js";

/** The comment action of a campaign, its rule, and the acting person: 404 unless all exist. */
export async function loadComment(
  app: FastifyInstance,
  request: FastifyRequest,
  params: { slug: string; action: string },
) {
  const loaded = await loadActionOf(app.db, params.slug, params.action, "comment");
  const acting = requireActing(request);
  const jurisdictionId = acting.jurisdiction.jurisdictionId;
  authorize(can(acting, "read_comment", { jurisdictionId }));
  const ruleId = await commentActionRule(app.db, loaded.action.id);
  const rule = ruleId ? await ruleById(app.db, ruleId) : undefined;
  if (!rule) throw notFound();
  const draft = await findDraft(app.db, loaded.action.id, jurisdictionId);
  return { ...loaded, acting, jurisdictionId, rule, draft };
}

export type LoadedComment = Awaited<ReturnType<typeof loadComment>>;

export interface Refused {
  /** The form's fields as sent, and each refused field's message. */
  values: Record<string, string>;
  errors: Record<string, string>;
  /** Which form was refused. */
  form: "draft" | "approver" | "filed" | "checked";
}

/** The template in the draft's language (or the reader's, or English), filled for this member. */
export async function filledTemplate(app: FastifyInstance, loaded: LoadedComment, locale: string) {
  const templates = await templatesOf(app.db, loaded.action.id);
  const template =
    templates.find((t) => t.locale === locale) ?? templates.find((t) => t.locale === "en");
  if (!template) return undefined;
  const values = await mergeValues(app.db, {
    jurisdictionId: loaded.jurisdictionId,
    ruleId: loaded.rule.id,
    locale: template.locale,
  });
  return { locale: template.locale, body: fillTemplate(template.body, values, template.locale) };
}

/** What stands between a text and its approval, said for the reader. */
export function commentProblems(
  t: Translate,
  problems: CommentTextProblem[],
  placeholders: string[],
): string[] {
  return [
    ...problems.map((p) => textProblemMessage(t, p)),
    ...(placeholders.length > 0
      ? [t("campaign-comments.problem.placeholders", { list: placeholders.join(" ") })]
      : []),
  ];
}

export async function sendCommentPage(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  loaded: LoadedComment,
  options: { refused?: Refused; notice?: string; status?: number } = {},
) {
  const ctx = pageContext(request);
  const { draft, acting, rule, campaign, action, shown } = loaded;
  const locale = draft?.locale ?? ctx.locale.tag;
  const template = await filledTemplate(app, loaded, locale);
  // What the text box shows: what was refused, else the saved draft, else the filled template.
  const refusedBody = options.refused?.form === "draft" ? options.refused.values.body : undefined;
  const body = refusedBody ?? draft?.body ?? template?.body ?? "";
  const meter = body
    ? await meterFor(app.db, {
        actionId: action.id,
        draftId: draft?.id,
        body,
        locale,
        template: template?.body ?? "",
      })
    : undefined;
  const versions = draft ? await versionsOf(app.db, draft.id) : [];
  const staff = await memberStaffContacts(app.db, [loaded.jurisdictionId]);
  const names = await userNames(app.db, [
    ...versions.map((v) => v.savedBy),
    draft?.approved_by ?? null,
    draft?.filed_by ?? null,
    draft?.approver_id ?? null,
  ]);
  const subject = { jurisdictionId: loaded.jurisdictionId, approverId: draft?.approver_id };
  const open = shown === "open";
  const props: CommentPageProps = {
    ctx,
    csrfToken: reply.generateCsrf(),
    campaign: { slug: campaign.slug, title: campaignText(campaign, ctx.locale.tag).title },
    actionTitle: chooseText(action.texts, ctx.locale.tag)?.text.title ?? "",
    actionPath: `/campaigns/${campaign.slug}/actions/${action.id}`,
    member: { id: loaded.jurisdictionId, name: acting.jurisdiction.name },
    rule,
    open,
    draft: draft ? draftFacts(draft, names, ctx.t) : undefined,
    body,
    locale: refusedBody !== undefined ? (options.refused?.values.locale ?? locale) : locale,
    version:
      options.refused?.form === "draft"
        ? (options.refused.values.version ?? "0")
        : String(draft?.version ?? 0),
    templateBody: template?.body,
    problems: commentProblems(ctx.t, commentTextProblems(body), placeholdersLeft(body)),
    meter,
    versions: versions.map((v) => ({
      ...v,
      savedByName: v.savedBy ? (names.get(v.savedBy) ?? "") : "",
    })),
    mayApprove: open && allowed(can(acting, "approve_comment", subject)),
    mayNameApprover: open && allowed(can(acting, "name_approver", subject)),
    staff: staff.map((s) => ({ id: s.userId, name: s.name, role: s.role })),
    canFileByApi: app.config.regulationsGov.apiKey !== undefined,
    refused: options.refused,
    notice: options.notice,
  };
  reply.header("cache-control", "no-store");
  return sendPage(reply, <CommentPage {...props} />, options.status ?? 200);
}

function draftFacts(draft: DraftRow, names: Map<string, string>, t: Translate) {
  const name = (id: string | null) => (id ? (names.get(id) ?? "") : "");
  return {
    id: draft.id,
    version: draft.version,
    approved: isApproved(draft),
    approvedBy: name(draft.approved_by),
    approvedAt: draft.approved_at,
    approvedVersion: draft.approved_version,
    approverId: draft.approver_id,
    approverName: name(draft.approver_id),
    filing: draft.filing,
    filedVia: draft.filed_via,
    trackingNumber: draft.tracking_number,
    filedAt: draft.filed_at,
    filedBy: name(draft.filed_by),
    filingError: (() => {
      const described = describeFilingError(t, draft.filing_error);
      return described ? [described.message, described.detail].filter(Boolean).join(" ") : null;
    })(),
    updatedAt: draft.updated_at,
  };
}

export type DraftFacts = ReturnType<typeof draftFacts>;
