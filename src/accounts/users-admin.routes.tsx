// /admin/users: coalition admins see everyone with an account, invite people to any role,
// change coalition roles, remove memberships and revoke invitations. The area is guarded in
// index.ts (`app.guards.coalition("coalition_admin")`). The last coalition admin cannot lose that
// role, whoever asks: the page says so with the catalogue's `last_admin` (409).
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { type Account, requireAccount } from "../http/account.js";
import { AppError, notFound } from "../http/errors.js";
import { registerFormPost } from "../http/forms.js";
import { registerPage } from "../http/locale.js";
import { authorize } from "../http/policy.js";
import { pageContext, sendPage } from "../http/render.js";
import { Choice } from "../http/validation.js";
import { can } from "./accounts.policy.js";
import {
  alreadyInvited,
  checkInvite,
  type Done,
  DoneQuery,
  doneNotice,
  Id,
  InviteBody,
  inviteValues,
  mailLimited,
  redirectDone,
} from "./invitation-form.js";
import { emptyInviteForm, type InviteFormState } from "./invitation-form.view.js";
import {
  alreadyHas,
  type InvitationTarget,
  listPendingInvitations,
  revokeInvitation,
} from "./invitations.service.js";
import { createInvitation } from "./invite.service.js";
import { memberJurisdictions, placeName } from "./jurisdictions.port.js";
import { removeMembership } from "./memberships.service.js";
import { listPeople, setCoalitionRole } from "./people.service.js";
import { isCoalitionRole } from "./roles.js";
import { UsersPage, type UsersPageProps } from "./users-admin.view.js";

const DONE = [
  "invited",
  "removed",
  "revoked",
  "role",
  "unchanged",
] as const satisfies readonly Done[];
const TARGETS = ["coalition_admin", "coalition_editor", "member_admin", "member_staff"] as const;

const RoleBody = Type.Object({
  user: Id,
  role: Choice(["none", "coalition_editor", "coalition_admin"] as const),
});
const MembershipBody = Type.Object({ user: Id, jurisdiction: Id });
const RevokeBody = Type.Object({ invitation: Id });

/** A form naming a malformed id: nobody by that id (404). */
function refusedId(): never {
  throw notFound();
}

function actor(account: Account) {
  return { id: account.user.id, email: account.user.email };
}

/** Behind the coalition admins' guard (index.ts): everyone's accounts, roles and invitations. */
export async function usersAdminRoutes(app: FastifyInstance) {
  registerPage(
    app,
    "/admin/users",
    { schema: { querystring: DoneQuery }, restricted: true },
    async (request, reply) => {
      const notice = doneNotice(request.t, request.query.done, DONE);
      return sendUsers(request, reply, { notice });
    },
  );

  registerFormPost(
    app,
    "/admin/users/invite",
    {
      body: InviteBody,
      invalid: async (request, reply, problems) => {
        const members = await memberJurisdictions(app.db);
        const values = inviteValues(problems.values);
        const ids = new Set(members.map((m) => m.id));
        const { form } = checkInvite(request.t, values, problems.byField, TARGETS, ids);
        return sendUsers(request, reply, { form }, 422);
      },
    },
    async (request, reply) => {
      const account = requireAccount(request);
      const members = await memberJurisdictions(app.db);
      const ids = new Set(members.map((m) => m.id));
      const checked = checkInvite(request.t, request.body, {}, TARGETS, ids);
      if (!checked.ok) return sendUsers(request, reply, { form: checked.form }, 422);
      const role = checked.role;
      const target: InvitationTarget = isCoalitionRole(role)
        ? { kind: "coalition", role }
        : { kind: "jurisdiction", jurisdictionId: checked.jurisdiction, role };
      if (await alreadyHas(app.db, checked.email, target)) {
        return sendUsers(request, reply, { form: alreadyInvited(request.t, checked.form) }, 422);
      }
      const made = await createInvitation(app.db, app.mailer, app.config, {
        email: checked.email,
        name: checked.name,
        target,
        locale: checked.locale,
        inviter: { id: account.user.id, email: account.user.email, name: account.user.name },
      });
      if (made.kind === "not_member") {
        // The jurisdiction stopped being a member since the list was read.
        const text = request.t("team.invite.error.jurisdiction");
        const form = { ...checked.form, errors: { jurisdiction: text } };
        return sendUsers(request, reply, { form }, 422);
      }
      if (made.kind === "mail_limit") {
        const { form, statusCode } = mailLimited(request, checked.form);
        return sendUsers(request, reply, { form }, statusCode);
      }
      app.mailer.flush();
      return done(request, reply, "invited");
    },
  );

  registerFormPost(
    app,
    "/admin/users/role",
    {
      body: RoleBody,
      invalid: (request, reply, problems) => {
        if (problems.byField.user) throw notFound();
        const text = request.t("team.users.role_invalid");
        return sendUsers(request, reply, { notice: { kind: "error", text } }, 422);
      },
    },
    async (request, reply) => {
      const account = requireAccount(request);
      const role = request.body.role === "none" ? null : request.body.role;
      let outcome: Awaited<ReturnType<typeof setCoalitionRole>>;
      try {
        outcome = await setCoalitionRole(
          app.db,
          request.body.user,
          role,
          actor(account),
          ({ from, otherAdmins }) =>
            can(account, { action: "people.set_role", from, to: role, otherAdmins }),
        );
      } catch (error) {
        // The last coalition admin: this page again, with the catalogue's reason and status.
        if (!(error instanceof AppError && error.id === "last_admin")) throw error;
        const text = request.t(error.messageKey, error.values);
        return sendUsers(request, reply, { notice: { kind: "error", text } }, error.statusCode);
      }
      if (outcome === "not_found") throw notFound();
      return done(request, reply, outcome === "changed" ? "role" : "unchanged");
    },
  );

  registerFormPost(
    app,
    "/admin/users/remove-membership",
    { body: MembershipBody, invalid: refusedId },
    async (request, reply) => {
      const account = requireAccount(request);
      authorize(can(account, { action: "people.remove_membership" }));
      const removed = await removeMembership(
        app.db,
        request.body.user,
        request.body.jurisdiction,
        actor(account),
        () => can(account, { action: "people.remove_membership" }),
      );
      if (!removed) throw notFound();
      return done(request, reply, "removed");
    },
  );

  registerFormPost(
    app,
    "/admin/users/revoke",
    { body: RevokeBody, invalid: refusedId },
    async (request, reply) => {
      const account = requireAccount(request);
      if (!(await revokeInvitation(app.db, request.body.invitation, actor(account)))) {
        throw notFound();
      }
      return done(request, reply, "revoked");
    },
  );

  function done(request: FastifyRequest, reply: FastifyReply, what: (typeof DONE)[number]) {
    return redirectDone(request, reply, "/admin/users", what);
  }

  async function sendUsers(
    request: FastifyRequest,
    reply: FastifyReply,
    state: { form?: InviteFormState; notice?: UsersPageProps["notice"] },
    statusCode = 200,
  ) {
    const [people, invitations, members] = await Promise.all([
      listPeople(app.db),
      listPendingInvitations(app.db),
      memberJurisdictions(app.db),
    ]);
    return sendPage(
      reply,
      <UsersPage
        ctx={pageContext(request)}
        people={people}
        invitations={invitations}
        jurisdictions={members.map((m) => ({ value: m.id, label: placeName(m.name, m.state) }))}
        form={state.form ?? emptyInviteForm(request.locale.tag)}
        csrfToken={reply.generateCsrf()}
        notice={state.notice}
      />,
      statusCode,
    );
  }
}
