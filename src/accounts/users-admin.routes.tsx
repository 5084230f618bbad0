// /admin/users: coalition admins see everyone with an account, invite people to any role,
// change coalition roles, remove memberships and revoke invitations. The last coalition admin
// cannot lose that role, whoever asks.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { UserRole } from "../db/index.js";
import { notFound } from "../http/errors.js";
import { registerFormPost } from "../http/forms.js";
import { registerPage } from "../http/locale.js";
import { pageContext, sendPage } from "../http/render.js";
import { requireCoalitionRole } from "./guards.js";
import {
  checkInvite,
  type Done,
  doneNotice,
  formId,
  isCoalitionRole,
  redirectDone,
} from "./invitation-form.js";
import { emptyInviteForm, type InviteFormState } from "./invitation-form.view.js";
import {
  type Actor,
  alreadyHas,
  createInvitation,
  type InvitationTarget,
  listPendingInvitations,
  revokeInvitation,
} from "./invitations.service.js";
import { memberJurisdictions } from "./jurisdictions.port.js";
import { removeMembership } from "./memberships.service.js";
import { listPeople, setCoalitionRole } from "./people.service.js";
import type { Account } from "./session.js";
import { UsersPage, type UsersPageProps } from "./users-admin.view.js";

const DONE = [
  "invited",
  "removed",
  "revoked",
  "role",
  "unchanged",
] as const satisfies readonly Done[];

export async function usersAdminRoutes(app: FastifyInstance) {
  const admin = requireCoalitionRole("coalition_admin");

  registerPage(
    app,
    "/admin/users",
    async (request, reply) => {
      const notice = doneNotice(request, DONE);
      return sendUsers(request, reply, { notice });
    },
    { restricted: true, preHandler: admin },
  );

  const post = (path: string, handler: (r: FastifyRequest, s: FastifyReply) => Promise<unknown>) =>
    registerFormPost(app, path, handler, { guard: admin });

  post("/admin/users/invite", async (request, reply) => {
    const account = request.account as Account;
    const members = await memberJurisdictions(app.db);
    const checked = checkInvite(
      request.body,
      ["coalition_admin", "coalition_editor", "member_admin", "member_staff"],
      new Set(members.map((m) => m.id)),
    );
    if (!checked.ok) return sendUsers(request, reply, { form: checked.form }, 422);
    const role = checked.role;
    const target: InvitationTarget = isCoalitionRole(role)
      ? { kind: "coalition", role }
      : { kind: "jurisdiction", jurisdictionId: checked.jurisdiction, role };
    if (await alreadyHas(app.db, checked.email, target)) {
      const form = { ...checked.form, errors: ["email" as const], already: true };
      return sendUsers(request, reply, { form }, 422);
    }
    const made = await createInvitation(app.db, app.mailer, app.config, {
      email: checked.email,
      name: checked.name,
      target,
      locale: checked.locale,
      inviter: { id: account.user.id, email: account.user.email, name: account.user.name },
    });
    if (!made) {
      // The jurisdiction stopped being a member since the list was read.
      const form = { ...checked.form, errors: ["jurisdiction" as const] };
      return sendUsers(request, reply, { form }, 422);
    }
    app.mailer.flush();
    return done(request, reply, "invited");
  });

  post("/admin/users/role", async (request, reply) => {
    const userId = formId(request.body, "user");
    if (!userId) throw notFound();
    const value = (request.body as Record<string, unknown>).role;
    const role: UserRole | null | undefined =
      value === "none"
        ? null
        : typeof value === "string" && isCoalitionRole(value)
          ? value
          : undefined;
    if (role === undefined) {
      const text = request.t("team.users.role_invalid");
      return sendUsers(request, reply, { notice: { kind: "error", text } }, 422);
    }
    const outcome = await setCoalitionRole(app.db, userId, role, actor(request));
    if (outcome === "not_found") throw notFound();
    if (outcome === "last_admin") {
      const text = request.t("team.users.last_admin");
      return sendUsers(request, reply, { notice: { kind: "error", text } }, 409);
    }
    return done(request, reply, outcome === "changed" ? "role" : "unchanged");
  });

  post("/admin/users/remove-membership", async (request, reply) => {
    const userId = formId(request.body, "user");
    const jurisdictionId = formId(request.body, "jurisdiction");
    if (!userId || !jurisdictionId) throw notFound();
    const outcome = await removeMembership(app.db, userId, jurisdictionId, actor(request), {
      keepOneAdmin: false,
    });
    if (outcome === "not_found") throw notFound();
    return done(request, reply, "removed");
  });

  post("/admin/users/revoke", async (request, reply) => {
    const id = formId(request.body, "invitation");
    if (!id || !(await revokeInvitation(app.db, id, actor(request)))) throw notFound();
    return done(request, reply, "revoked");
  });

  function actor(request: FastifyRequest): Actor {
    const user = (request.account as Account).user;
    return { id: user.id, email: user.email };
  }

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
        jurisdictions={members.map((m) => ({ value: m.id, label: `${m.name}, ${m.state}` }))}
        form={state.form ?? emptyInviteForm(request.locale.tag)}
        csrfToken={reply.generateCsrf()}
        notice={state.notice}
      />,
      statusCode,
    );
  }
}
