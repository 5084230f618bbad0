// /account/team: member admins manage the people of the jurisdiction they act for, and only it.
// Every form carries that jurisdiction's id: a form from another tab, after the person switched
// jurisdictions, or a forged one, is refused (403) rather than applied to the wrong place.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError, notFound } from "../http/errors.js";
import { registerFormPost } from "../http/forms.js";
import { registerPage } from "../http/locale.js";
import { pageContext, sendPage } from "../http/render.js";
import { localizedPath } from "../i18n/index.js";
import { requireJurisdiction } from "./guards.js";
import { checkInvite, type Done, doneNotice, formId, redirectDone } from "./invitation-form.js";
import { emptyInviteForm, type InviteFormState } from "./invitation-form.view.js";
import {
  alreadyHas,
  createInvitation,
  listPendingInvitations,
  revokeInvitation,
} from "./invitations.service.js";
import { listTeam } from "./memberships.queries.js";
import { removeMembership } from "./memberships.service.js";
import type { Account, Membership } from "./session.js";
import { TeamPage, type TeamPageProps } from "./team.view.js";

const DONE = ["invited", "removed", "revoked"] as const satisfies readonly Done[];

export async function teamRoutes(app: FastifyInstance) {
  const memberAdmin = requireJurisdiction("member_admin");

  registerPage(
    app,
    "/account/team",
    async (request, reply) => {
      const notice = doneNotice(request, DONE);
      return sendTeam(request, reply, { notice });
    },
    { restricted: true, preHandler: memberAdmin },
  );

  const post = (path: string, handler: (r: FastifyRequest, s: FastifyReply) => Promise<unknown>) =>
    registerFormPost(app, path, handler, { guard: memberAdmin });

  post("/account/team/invite", async (request, reply) => {
    const { account, jurisdiction } = acting(request);
    const checked = checkInvite(
      request.body,
      ["member_staff", "member_admin"],
      new Set([jurisdiction.jurisdictionId]),
    );
    if (!checked.ok) return sendTeam(request, reply, { form: checked.form }, 422);
    const target = {
      kind: "jurisdiction" as const,
      jurisdictionId: jurisdiction.jurisdictionId,
      role: checked.role === "member_admin" ? ("member_admin" as const) : ("member_staff" as const),
    };
    if (await alreadyHas(app.db, checked.email, target)) {
      const form = { ...checked.form, errors: ["email" as const], already: true };
      return sendTeam(request, reply, { form }, 422);
    }
    const made = await createInvitation(app.db, app.mailer, app.config, {
      email: checked.email,
      name: checked.name,
      target,
      locale: checked.locale,
      inviter: { id: account.user.id, email: account.user.email, name: account.user.name },
    });
    // The jurisdiction left the coalition: its admins invite nobody.
    if (!made) throw new AppError(403, "forbidden");
    app.mailer.flush();
    return done(request, reply, "invited");
  });

  post("/account/team/remove", async (request, reply) => {
    const { account, jurisdiction } = acting(request);
    const userId = formId(request.body, "user");
    if (!userId) throw notFound();
    const outcome = await removeMembership(
      app.db,
      userId,
      jurisdiction.jurisdictionId,
      { id: account.user.id, email: account.user.email },
      { keepOneAdmin: true },
    );
    // Someone who is not of this jurisdiction: the same answer whether they exist or not.
    if (outcome === "not_found") throw notFound();
    if (outcome === "last_member_admin") {
      const text = request.t("team.remove.last_admin", { name: jurisdiction.name });
      return sendTeam(request, reply, { notice: { kind: "error", text } }, 409);
    }
    // Removing oneself ends one's access to this page.
    if (userId === account.user.id)
      return reply.redirect(localizedPath(request.locale, "/account"), 303);
    return done(request, reply, "removed");
  });

  post("/account/team/revoke", async (request, reply) => {
    const { account, jurisdiction } = acting(request);
    const id = formId(request.body, "invitation");
    const revoked = id
      ? await revokeInvitation(
          app.db,
          id,
          { id: account.user.id, email: account.user.email },
          { jurisdictionId: jurisdiction.jurisdictionId },
        )
      : false;
    if (!revoked) throw notFound();
    return done(request, reply, "revoked");
  });

  /** The person and the jurisdiction they act for, which the form must name. */
  function acting(request: FastifyRequest): { account: Account; jurisdiction: Membership } {
    const account = request.account;
    const jurisdiction = account?.jurisdiction;
    if (!account || !jurisdiction) throw new Error("requireJurisdiction lets nobody else through");
    const named = (request.body as Record<string, unknown> | undefined)?.jurisdiction;
    if (named !== jurisdiction.jurisdictionId) throw new AppError(403, "forbidden");
    return { account, jurisdiction };
  }

  function done(request: FastifyRequest, reply: FastifyReply, what: (typeof DONE)[number]) {
    return redirectDone(request, reply, "/account/team", what);
  }

  async function sendTeam(
    request: FastifyRequest,
    reply: FastifyReply,
    state: { form?: InviteFormState; notice?: TeamPageProps["notice"] },
    statusCode = 200,
  ) {
    const account = request.account as Account;
    const jurisdiction = account.jurisdiction as Membership;
    const [people, invitations] = await Promise.all([
      listTeam(app.db, jurisdiction.jurisdictionId),
      listPendingInvitations(app.db, jurisdiction.jurisdictionId),
    ]);
    return sendPage(
      reply,
      <TeamPage
        ctx={pageContext(request)}
        jurisdiction={jurisdiction}
        selfId={account.user.id}
        people={people}
        invitations={invitations}
        form={state.form ?? emptyInviteForm(request.locale.tag, "member_staff")}
        csrfToken={reply.generateCsrf()}
        notice={state.notice}
      />,
      statusCode,
    );
  }
}
