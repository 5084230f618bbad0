import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { type Static, Type } from "typebox";
import { requireAccount } from "../../http/account.js";
import { notFound } from "../../http/errors.js";
import { registerFormPost } from "../../http/forms.js";
import { registerPage } from "../../http/locale.js";
import { authorize } from "../../http/policy.js";
import { pageContext, sendPage } from "../../http/render.js";
import { fieldMessage, Text } from "../../http/validation.js";
import { localizedPath } from "../../i18n/index.js";
import {
  type Application,
  findApplication,
  listApplications,
} from "../join/applications.queries.js";
import { can } from "../members.policy.js";
import { type Decision, decide } from "./review.service.js";
import { ApplicationPage, ApplicationsPage } from "./review.view.js";

const UUID = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";
const IdParams = Type.Object({ id: Type.String({ pattern: UUID }) });
/** `?decided=<id>` after a decision: the notice names that application (anything else, none). */
const ListQuery = Type.Object({ decided: Type.Optional(Type.String({ maxLength: 100 })) });
const AcceptForm = Type.Object({});
const DeclineForm = Type.Object({ reason: Text({ minLength: 1, maxLength: 1000 }) });

/** Coalition admins review membership applications at /admin/members. */
export async function reviewRoutes(app: FastifyInstance) {
  const guard = app.guards.coalition("coalition_admin");

  /** The reviewer, once the policy agrees. */
  function reviewer(request: FastifyRequest) {
    const account = requireAccount(request);
    authorize(can(account, "review_applications"));
    return { id: account.user.id, email: account.user.email };
  }

  registerPage(
    app,
    "/admin/members",
    { schema: { querystring: ListQuery }, guard, restricted: true },
    async (request, reply) => {
      reviewer(request);
      const { pending, decided } = await listApplications(app.db);
      const decidedId = request.query.decided;
      const just = decidedId ? decided.find((d) => d.id === decidedId) : undefined;
      const notice = just
        ? request.t(just.status === "accepted" ? "admin.done.accepted" : "admin.done.declined", {
            name: just.name,
          })
        : undefined;
      return sendPage(
        reply,
        <ApplicationsPage
          ctx={pageContext(request)}
          pending={pending}
          decided={decided}
          notice={notice}
        />,
      );
    },
  );

  async function application(id: string): Promise<Application> {
    const found = await findApplication(app.db, id);
    if (!found) throw notFound();
    return found;
  }

  function sendApplication(
    request: FastifyRequest,
    reply: FastifyReply,
    found: Application,
    decline: { reason: string; reasonError?: string } = { reason: "" },
  ) {
    return sendPage(
      reply,
      <ApplicationPage
        ctx={pageContext(request)}
        application={found}
        forms={{ csrfToken: reply.generateCsrf(), ...decline }}
      />,
      decline.reasonError !== undefined ? 422 : 200,
    );
  }

  registerPage(
    app,
    "/admin/members/applications/:id",
    { schema: { params: IdParams }, guard, restricted: true, attachValidation: true },
    async (request, reply) => {
      reviewer(request);
      if (request.validationError) throw notFound();
      return sendApplication(request, reply, await application(request.params.id));
    },
  );

  /** Applies a decision, then back to the list, which names the application decided. */
  async function apply(
    request: FastifyRequest<{ Params: Static<typeof IdParams> }>,
    reply: FastifyReply,
    decision: Decision,
  ) {
    const who = reviewer(request);
    const { id } = request.params;
    await application(id);
    await decide(app.db, app.mailer, app.config.siteName, id, decision, who);
    app.mailer.flush();
    return reply.redirect(`${localizedPath(request.locale, "/admin/members")}?decided=${id}`, 303);
  }

  registerFormPost(
    app,
    "/admin/members/applications/:id/accept",
    { body: AcceptForm, params: IdParams, guard },
    async (request, reply) => apply(request, reply, { kind: "accept" }),
  );

  registerFormPost(
    app,
    "/admin/members/applications/:id/decline",
    {
      body: DeclineForm,
      params: IdParams,
      guard,
      invalid: async (request, reply, { values, byField }) => {
        reviewer(request);
        const found = await application(request.params.id);
        const own = request.t("admin.decline.error.reason");
        return sendApplication(request, reply, found, {
          reason: values.reason ?? "",
          reasonError: byField.reason ? fieldMessage(request.t, byField.reason, own) : own,
        });
      },
    },
    async (request, reply) =>
      apply(request, reply, { kind: "decline", reason: request.body.reason }),
  );
}
