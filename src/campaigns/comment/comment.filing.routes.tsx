// Filing a member's approved comment: through Regulations.gov by the job runner (when a key is
// configured), "I filed it myself" with the tracking number, and a person's answer after a
// filing whose outcome was unclear. The state machine is filing/'s.
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  onRequestAsyncHookHandler,
} from "fastify";
import { appError } from "../../http/errors.js";
import { type FormProblems, type RefusedRequest, registerFormPost } from "../../http/forms.js";
import type { MessageKey } from "../../i18n/index.js";
import { daysLeft } from "../../rules/index.js";
import { ActionParams } from "../manage/manage.schema.js";
import { type LoadedComment, loadComment, type Refused } from "./comment.page.js";
import { CheckedForm, FiledForm, FileForm } from "./comment.schema.js";
import { recordSelfFiled, requestFiling, resolveUnclear } from "./filing/filing.service.js";

interface Helpers {
  memberStaff: onRequestAsyncHookHandler;
  person: (loaded: LoadedComment) => { id: string; email: string };
  mayAct: (loaded: LoadedComment, jurisdiction: string) => void;
  back: (request: FastifyRequest, loaded: LoadedComment, done: string) => string;
  invalidAt: (
    form: Refused["form"],
    label: MessageKey,
  ) => (
    request: RefusedRequest<typeof ActionParams>,
    reply: FastifyReply,
    problems: FormProblems,
  ) => Promise<unknown>;
  refusedPage: (
    request: FastifyRequest,
    reply: FastifyReply,
    loaded: LoadedComment,
    refused: Refused,
    status?: number,
  ) => Promise<unknown>;
}

/** A rule whose comment period is over takes no comment: nothing is sent or recorded. */
function ruleStillOpen(loaded: LoadedComment) {
  const closes = loaded.rule.commentsCloseOn;
  if (loaded.rule.withdrawnAt || !closes || daysLeft(closes, new Date()) < 0) {
    throw appError("comment_rule_closed");
  }
}

export function filingRoutes(app: FastifyInstance, helpers: Helpers) {
  const { memberStaff, mayAct, back, refusedPage } = helpers;

  registerFormPost(
    app,
    "/campaigns/:slug/actions/:action/comment/file",
    { guard: memberStaff, params: ActionParams, body: FileForm },
    async (request, reply) => {
      const loaded = await loadComment(app, request, request.params);
      mayAct(loaded, request.body.jurisdiction);
      ruleStillOpen(loaded);
      if (!app.config.regulationsGov.apiKey || !loaded.draft) throw appError("not_found");
      await requestFiling(app.db, app.jobs, {
        draftId: loaded.draft.id,
        actor: helpers.person(loaded),
      });
      return reply.redirect(back(request, loaded, "queued"), 303);
    },
  );

  registerFormPost(
    app,
    "/campaigns/:slug/actions/:action/comment/filed",
    {
      guard: memberStaff,
      params: ActionParams,
      body: FiledForm,
      invalid: helpers.invalidAt("filed", "campaign-comments.self.error"),
    },
    async (request, reply) => {
      const loaded = await loadComment(app, request, request.params);
      mayAct(loaded, request.body.jurisdiction);
      if (!loaded.draft) throw appError("not_found");
      await recordSelfFiled(app.db, {
        draftId: loaded.draft.id,
        actor: helpers.person(loaded),
        trackingNumber: request.body.tracking_number,
      });
      return reply.redirect(back(request, loaded, "filed"), 303);
    },
  );

  registerFormPost(
    app,
    "/campaigns/:slug/actions/:action/comment/checked",
    {
      guard: memberStaff,
      params: ActionParams,
      body: CheckedForm,
      invalid: helpers.invalidAt("checked", "campaign-comments.self.error"),
    },
    async (request, reply) => {
      const loaded = await loadComment(app, request, request.params);
      mayAct(loaded, request.body.jurisdiction);
      if (!loaded.draft) throw appError("not_found");
      const { outcome, tracking_number } = request.body;
      if (outcome === "arrived" && !tracking_number) {
        return refusedPage(request, reply, loaded, {
          form: "checked",
          values: request.body,
          errors: { tracking_number: request.t("campaign-comments.checked.need_number") },
        });
      }
      await resolveUnclear(app.db, {
        draftId: loaded.draft.id,
        actor: helpers.person(loaded),
        outcome: outcome === "arrived" ? { trackingNumber: tracking_number } : "not_received",
      });
      return reply.redirect(back(request, loaded, "checked"), 303);
    },
  );
}
