import type { FastifyInstance, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { requireCoalitionRole } from "../../accounts/index.js";
import { notFound } from "../../http/errors.js";
import { checkFields, registerFormPost } from "../../http/forms.js";
import { registerPage } from "../../http/locale.js";
import { pageContext, sendPage } from "../../http/render.js";
import { localizedPath } from "../../i18n/index.js";
import { findApplication, listApplications } from "../join/applications.queries.js";
import { type Decision, decide, type Reviewer } from "./review.service.js";
import { ApplicationPage, ApplicationsPage } from "./review.view.js";

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const REASON = { reason: Type.String({ minLength: 1, maxLength: 1000 }) };

function reviewer(request: FastifyRequest): Reviewer {
  const user = request.account?.user;
  if (!user) throw new Error("requireCoalitionRole lets no anonymous request through");
  return { id: user.id, email: user.email };
}

/** Coalition admins review membership applications at /admin/members. */
export async function reviewRoutes(app: FastifyInstance) {
  const guard = requireCoalitionRole("coalition_admin");

  registerPage(
    app,
    "/admin/members",
    async (request, reply) => {
      const { pending, decided } = await listApplications(app.db);
      const decidedId = (request.query as Record<string, unknown>).decided;
      const just =
        typeof decidedId === "string" && ID.test(decidedId)
          ? decided.find((d) => d.id === decidedId)
          : undefined;
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
    { preHandler: guard, restricted: true },
  );

  registerPage(
    app,
    "/admin/members/applications/:id",
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const application = ID.test(id) ? await findApplication(app.db, id) : undefined;
      if (!application) throw notFound();
      return sendPage(
        reply,
        <ApplicationPage
          ctx={pageContext(request)}
          application={application}
          forms={{ csrfToken: reply.generateCsrf(), reason: "", reasonError: false }}
        />,
      );
    },
    { preHandler: guard, restricted: true },
  );
  for (const kind of ["accept", "decline"] as const) {
    registerFormPost(
      app,
      `/admin/members/applications/:id/${kind}`,
      async (request, reply) => {
        const { id } = request.params as { id: string };
        const application = ID.test(id) ? await findApplication(app.db, id) : undefined;
        if (!application) throw notFound();
        let decision: Decision = { kind: "accept" };
        if (kind === "decline") {
          const { values, errors } = checkFields(REASON, request.body);
          if (errors.length) {
            return sendPage(
              reply,
              <ApplicationPage
                ctx={pageContext(request)}
                application={application}
                forms={{
                  csrfToken: reply.generateCsrf(),
                  reason: values.reason,
                  reasonError: true,
                }}
              />,
              422,
            );
          }
          decision = { kind: "decline", reason: values.reason };
        }
        await decide(app.db, app.mailer, app.config.siteName, id, decision, reviewer(request));
        app.mailer.flush();
        return reply.redirect(
          `${localizedPath(request.locale, "/admin/members")}?decided=${id}`,
          303,
        );
      },
      { guard: guard },
    );
  }
}
