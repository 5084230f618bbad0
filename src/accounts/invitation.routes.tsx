// The invitation landing page, /account/invitation?token=…: a new person makes their account
// there (name and password), someone with an account accepts while signed in as the address.
import { fromNodeHeaders } from "better-auth/node";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { checkFields, registerFormPost } from "../http/forms.js";
import { registerPage } from "../http/locale.js";
import { pageContext, sendPage } from "../http/render.js";
import { localizedPath } from "../i18n/index.js";
import { forwardCookies } from "./account.routes.js";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, newPasswordProblem } from "./auth.js";
import {
  InvitationPage,
  InvitationProblemPage,
  type LandingProblem,
  type LandingStep,
  type SignUpField,
} from "./invitation.view.js";
import { NAME_SCHEMA } from "./invitation-form.js";
import {
  acceptInvitation,
  accountExists,
  findInvitationByToken,
  type Invitation,
  invitationState,
} from "./invitations.service.js";
import { deleteUser, userHasEmail } from "./people.queries.js";
import { loadAccount, signInPath } from "./session.js";

/** Accepting (and making an account) is rarely repeated: 10 tries per address and quarter hour. */
export const INVITATION_RATE_LIMIT = { max: 10, timeWindow: "15 minutes" };

const SIGN_UP_FIELDS = { name: NAME_SCHEMA };

export async function invitationRoutes(app: FastifyInstance) {
  registerPage(
    app,
    "/account/invitation",
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      const token = (request.query as Record<string, unknown>).token;
      const found = await usable(typeof token === "string" ? token : "");
      if (!found.ok) return sendProblem(request, reply, found.problem);
      const step = await stepFor(request, reply, found.invitation, found.token);
      return sendLanding(request, reply, found.invitation, found.token, step);
    },
    // Not a listed page: it means nothing without a token.
    { restricted: true },
  );
  registerFormPost(
    app,
    "/account/invitation",
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      const body = (request.body ?? {}) as Record<string, unknown>;
      const found = await usable(typeof body.token === "string" ? body.token : "");
      if (!found.ok) return sendProblem(request, reply, found.problem);
      const { invitation, token } = found;
      const landing = `${localizedPath(request.locale, "/account/invitation")}?token=${token}`;

      if (await accountExists(app.db, invitation.email)) {
        const account = await loadAccount(request, reply);
        if (!account) return reply.redirect(signInPath(request, landing), 303);
        if (account.user.email.toLowerCase() !== invitation.email) {
          const step: LandingStep = { kind: "other_account", signedInAs: account.user.email };
          return sendLanding(request, reply, invitation, token, step, 403);
        }
        const outcome = await acceptInvitation(app.db, invitation.id, {
          id: account.user.id,
          email: account.user.email,
        });
        if (!outcome.accepted) return sendProblem(request, reply, problemOf(outcome.state));
        return reply.redirect(localizedPath(request.locale, "/account"), 303);
      }

      // A new person: their name and a password, checked before anything is written.
      const { values, errors } = checkFields(SIGN_UP_FIELDS, body);
      const fieldErrors: SignUpField[] = errors.length ? ["name"] : [];
      const problem = newPasswordProblem(body.password, body.password_confirm);
      if (problem) fieldErrors.push(problem === "mismatch" ? "password_confirm" : "password");
      const password = String(body.password);
      if (fieldErrors.length) {
        const step: LandingStep = { kind: "sign_up", name: values.name, errors: fieldErrors };
        return sendLanding(request, reply, invitation, token, step, 422);
      }

      // better-auth makes the account in its own transaction, so ours cannot include it: the
      // account is made first and removed again if accepting fails, leaving nothing behind.
      const { user } = await app.auth.api.signUpEmail({
        body: { email: invitation.email, password, name: values.name },
      });
      // With autoSignIn off, better-auth answers an address that got an account meanwhile
      // with a made-up user rather than an error: only a row with that id is ours.
      if (!(await userHasEmail(app.db, user.id, invitation.email))) {
        return reply.redirect(landing, 303);
      }
      const remove = () => deleteUser(app.db, user.id);
      let outcome: Awaited<ReturnType<typeof acceptInvitation>>;
      try {
        outcome = await acceptInvitation(app.db, invitation.id, {
          id: user.id,
          email: invitation.email,
        });
      } catch (error) {
        await remove();
        throw error;
      }
      if (!outcome.accepted) {
        await remove();
        return sendProblem(request, reply, problemOf(outcome.state));
      }
      const { headers } = await app.auth.api.signInEmail({
        body: { email: invitation.email, password },
        headers: fromNodeHeaders(request.headers),
        returnHeaders: true,
      });
      forwardCookies(reply, headers);
      return reply.redirect(localizedPath(request.locale, "/account"), 303);
    },
    { rateLimit: INVITATION_RATE_LIMIT },
  );

  type Found =
    | { ok: true; invitation: Invitation; token: string }
    | { ok: false; problem: LandingProblem };

  async function usable(token: string): Promise<Found> {
    const invitation = await findInvitationByToken(app.db, token);
    if (!invitation) return { ok: false, problem: "invalid" };
    const state = invitationState(invitation);
    if (state !== "pending") return { ok: false, problem: state };
    return { ok: true, invitation, token };
  }

  async function stepFor(
    request: FastifyRequest,
    reply: FastifyReply,
    invitation: Invitation,
    token: string,
  ): Promise<LandingStep> {
    if (!(await accountExists(app.db, invitation.email))) {
      return { kind: "sign_up", name: invitation.name ?? "", errors: [] };
    }
    const account = await loadAccount(request, reply);
    if (!account) {
      const landing = `${localizedPath(request.locale, "/account/invitation")}?token=${token}`;
      return { kind: "sign_in", href: signInPath(request, landing) };
    }
    if (account.user.email.toLowerCase() !== invitation.email) {
      return { kind: "other_account", signedInAs: account.user.email };
    }
    return { kind: "accept" };
  }

  function sendLanding(
    request: FastifyRequest,
    reply: FastifyReply,
    invitation: Invitation,
    token: string,
    step: LandingStep,
    statusCode = 200,
  ) {
    return sendPage(
      reply,
      <InvitationPage
        ctx={pageContext(request)}
        invitation={invitation}
        step={step}
        token={token}
        csrfToken={reply.generateCsrf()}
        minPassword={MIN_PASSWORD_LENGTH}
        maxPassword={MAX_PASSWORD_LENGTH}
      />,
      statusCode,
    );
  }

  function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: LandingProblem) {
    return sendPage(
      reply,
      <InvitationProblemPage ctx={pageContext(request)} problem={problem} />,
      problem === "invalid" ? 404 : 410,
    );
  }
}

function problemOf(state: string): LandingProblem {
  return state === "expired" || state === "revoked" || state === "unavailable" ? state : "accepted";
}
