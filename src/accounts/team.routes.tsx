// /account/team: member admins manage the people of the jurisdiction they act for, and only it.
// The area is guarded in index.ts (acting for a jurisdiction, as its member admin: the policy's
// `team.manage`). Every form carries that jurisdiction's id: a form from another tab, after the
// person switched jurisdictions, or a forged one, is refused (`wrong_jurisdiction`, 403) rather
// than applied to the wrong place. The last member admin cannot leave: the page says so (409).
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { requireActing } from "../http/account.js";
import { AppError, notFound } from "../http/errors.js";
import { registerFormPost } from "../http/forms.js";
import { registerPage } from "../http/locale.js";
import { authorize } from "../http/policy.js";
import { pageContext, sendPage } from "../http/render.js";
import { localizedPath } from "../i18n/index.js";
import { can, canOfferRemoval } from "./accounts.policy.js";
import {
  alreadyInvited,
  checkInvite,
  type Done,
  DoneQuery,
  doneNotice,
  FormJurisdiction,
  Id,
  InviteBody,
  inviteValues,
  mailLimited,
  redirectDone,
} from "./invitation-form.js";
import { emptyInviteForm, type InviteFormState } from "./invitation-form.view.js";
import { alreadyHas, listPendingInvitations, revokeInvitation } from "./invitations.service.js";
import { createInvitation } from "./invite.service.js";
import { listTeam } from "./memberships.queries.js";
import { removeMembership } from "./memberships.service.js";
import { TeamPage, type TeamPageProps } from "./team.view.js";

const DONE = ["invited", "removed", "revoked"] as const satisfies readonly Done[];
const TARGETS = ["member_staff", "member_admin"] as const;

const RemoveBody = Type.Object({ jurisdiction: FormJurisdiction, user: Id });
const RevokeBody = Type.Object({ jurisdiction: FormJurisdiction, invitation: Id });

/** The person and the jurisdiction they act for, which a form must name (the policy says). */
function acting(request: FastifyRequest, named: string | undefined) {
  const account = requireActing(request);
  authorize(can(account, { action: "team.form", jurisdictionId: named ?? "" }));
  return { account, jurisdiction: account.jurisdiction };
}

/** A form naming a malformed id: refused for another jurisdiction first, else 404. */
function refusedId(
  request: FastifyRequest,
  _reply: FastifyReply,
  problems: { values: Record<string, string> },
) {
  acting(request, problems.values.jurisdiction);
  throw notFound();
}

/** Behind the team guard (index.ts): the people of the jurisdiction acted for. */
export async function teamRoutes(app: FastifyInstance) {
  registerPage(
    app,
    "/account/team",
    { schema: { querystring: DoneQuery }, restricted: true },
    async (request, reply) => {
      const notice = doneNotice(request.t, request.query.done, DONE);
      return sendTeam(request, reply, { notice });
    },
  );

  registerFormPost(
    app,
    "/account/team/invite",
    {
      body: InviteBody,
      invalid: (request, reply, problems) => {
        const { jurisdiction } = acting(request, problems.values.jurisdiction);
        const values = inviteValues(problems.values);
        const jurisdictions = new Set([jurisdiction.jurisdictionId]);
        const { form } = checkInvite(request.t, values, problems.byField, TARGETS, jurisdictions);
        return sendTeam(request, reply, { form }, 422);
      },
    },
    async (request, reply) => {
      const { account, jurisdiction } = acting(request, request.body.jurisdiction);
      const jurisdictions = new Set([jurisdiction.jurisdictionId]);
      const checked = checkInvite(request.t, request.body, {}, TARGETS, jurisdictions);
      if (!checked.ok) return sendTeam(request, reply, { form: checked.form }, 422);
      const target = {
        kind: "jurisdiction" as const,
        jurisdictionId: jurisdiction.jurisdictionId,
        role:
          checked.role === "member_admin" ? ("member_admin" as const) : ("member_staff" as const),
      };
      if (await alreadyHas(app.db, checked.email, target)) {
        return sendTeam(request, reply, { form: alreadyInvited(request.t, checked.form) }, 422);
      }
      const made = await createInvitation(app.db, app.mailer, app.config, {
        email: checked.email,
        name: checked.name,
        target,
        locale: checked.locale,
        inviter: { id: account.user.id, email: account.user.email, name: account.user.name },
      });
      // The jurisdiction left the coalition (nothing was written): its admins invite nobody.
      authorize(can(account, { action: "team.invite", member: made.kind !== "not_member" }));
      if (made.kind === "mail_limit") {
        const { form, statusCode } = mailLimited(request, checked.form);
        return sendTeam(request, reply, { form }, statusCode);
      }
      app.mailer.flush();
      return done(request, reply, "invited");
    },
  );

  registerFormPost(
    app,
    "/account/team/remove",
    { body: RemoveBody, invalid: refusedId },
    async (request, reply) => {
      const { account, jurisdiction } = acting(request, request.body.jurisdiction);
      const userId = request.body.user;
      let removed: boolean;
      try {
        removed = await removeMembership(
          app.db,
          userId,
          jurisdiction.jurisdictionId,
          { id: account.user.id, email: account.user.email },
          ({ role, otherAdmins }) => can(account, { action: "team.remove", role, otherAdmins }),
        );
      } catch (error) {
        // The last member admin: the team page again, with the catalogue's reason and status.
        if (!(error instanceof AppError && error.id === "last_member_admin")) throw error;
        const text = request.t(error.messageKey, error.values);
        return sendTeam(request, reply, { notice: { kind: "error", text } }, error.statusCode);
      }
      // Someone who is not of this jurisdiction: the same answer whether they exist or not.
      if (!removed) throw notFound();
      // Removing oneself ends one's access to this page.
      if (userId === account.user.id)
        return reply.redirect(localizedPath(request.locale, "/account"), 303);
      return done(request, reply, "removed");
    },
  );

  registerFormPost(
    app,
    "/account/team/revoke",
    { body: RevokeBody, invalid: refusedId },
    async (request, reply) => {
      const { account, jurisdiction } = acting(request, request.body.jurisdiction);
      const revoked = await revokeInvitation(
        app.db,
        request.body.invitation,
        { id: account.user.id, email: account.user.email },
        { jurisdictionId: jurisdiction.jurisdictionId },
      );
      if (!revoked) throw notFound();
      return done(request, reply, "revoked");
    },
  );

  function done(request: FastifyRequest, reply: FastifyReply, what: (typeof DONE)[number]) {
    return redirectDone(request, reply, "/account/team", what);
  }

  async function sendTeam(
    request: FastifyRequest,
    reply: FastifyReply,
    state: { form?: InviteFormState; notice?: TeamPageProps["notice"] },
    statusCode = 200,
  ) {
    const account = requireActing(request);
    const jurisdiction = account.jurisdiction;
    const [people, invitations] = await Promise.all([
      listTeam(app.db, jurisdiction.jurisdictionId),
      listPendingInvitations(app.db, jurisdiction.jurisdictionId),
    ]);
    const admins = people.filter((p) => p.role === "member_admin").length;
    return sendPage(
      reply,
      <TeamPage
        ctx={pageContext(request)}
        jurisdiction={jurisdiction}
        selfId={account.user.id}
        people={people.map((p) => ({ ...p, removable: canOfferRemoval(account, p, admins) }))}
        invitations={invitations}
        form={state.form ?? emptyInviteForm(request.locale.tag, "member_staff")}
        csrfToken={reply.generateCsrf()}
        notice={state.notice}
      />,
      statusCode,
    );
  }
}
