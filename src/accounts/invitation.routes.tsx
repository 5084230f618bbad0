// The invitation landing page, /account/invitation?token=…: a new person makes their account
// there (name and password), someone with an account accepts while signed in as the address.
import { fromNodeHeaders } from "better-auth/node";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { type Static, Type } from "typebox";
import type { FieldError } from "../http/errors.js";
import { registerFormPost } from "../http/forms.js";
import { registerPage } from "../http/locale.js";
import { pageContext, sendPage } from "../http/render.js";
import { Line, Password } from "../http/validation.js";
import { localizedPath } from "../i18n/index.js";
import { forwardCookies } from "./account.routes.js";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, newPasswordProblem } from "./auth.js";
import { fieldMessage, refusalOf } from "./forms.js";
import {
  InvitationPage,
  InvitationProblemPage,
  type LandingProblem,
  type LandingStep,
  type SignUpErrors,
} from "./invitation.view.js";
import {
  acceptInvitation,
  accountExists,
  findInvitationByToken,
  type Invitation,
  invitationState,
} from "./invitations.service.js";
import { deleteUser, userHasEmail } from "./people.queries.js";
import { landingOf, loadAccount, signInPath } from "./session.js";

/** Accepting (and making an account) is rarely repeated: 10 tries per address and quarter hour. */
export const INVITATION_RATE_LIMIT = { max: 10, timeWindow: "15 minutes" };

const InvitationBody = Type.Object({
  token: Type.String(),
  /** A new person's name (required for them; an existing account sends none). */
  name: Line({ maxLength: 120, pattern: "^[^<>]*$" }),
  // Kept as typed; checked by newPasswordProblem.
  password: Password(),
  password_confirm: Password(),
});

/** The invitation landing page: public (it is the token that opens it). */
export async function invitationRoutes(app: FastifyInstance) {
  registerPage(
    app,
    "/account/invitation",
    // Not a listed page: it means nothing without a token.
    {
      schema: { querystring: Type.Object({ token: Type.Optional(Type.String()) }) },
      restricted: true,
    },
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      const found = await usable(request.query.token ?? "");
      if (!found.ok) return sendProblem(request, reply, found.problem);
      const step = await stepFor(request, reply, found.invitation, found.token);
      return sendLanding(request, reply, found.invitation, found.token, step);
    },
  );
  registerFormPost(
    app,
    "/account/invitation",
    {
      body: InvitationBody,
      rateLimit: INVITATION_RATE_LIMIT,
      // A refused name matters only to a new person; `respond` says so on their form.
      invalid: (request, reply, { values, byField }) =>
        respond(
          request,
          reply,
          {
            token: values.token ?? "",
            name: values.name ?? "",
            password: values.password ?? "",
            password_confirm: values.password_confirm ?? "",
          },
          { name: byField.name },
        ),
    },
    async (request, reply) => respond(request, reply, request.body),
  );

  /** Accepts for a signed-in invitee, or makes a new person's account and accepts for them. */
  async function respond(
    request: FastifyRequest,
    reply: FastifyReply,
    { token: bodyToken, name, password, password_confirm }: Static<typeof InvitationBody>,
    refused: { name?: FieldError } = {},
  ) {
    reply.header("cache-control", "no-store");
    const found = await usable(bodyToken);
    if (!found.ok) return sendProblem(request, reply, found.problem);
    const { invitation, token } = found;
    const landing = `${localizedPath(request.locale, "/account/invitation")}?token=${token}`;

    if (await accountExists(app.db, invitation.email)) {
      const account = await loadAccount(request, reply);
      if (!account) return reply.redirect(signInPath(request, landing), 303);
      if (account.user.email.toLowerCase() !== invitation.email) {
        const { message, statusCode } = refusalOf(request, "wrong_account", {
          signedInAs: account.user.email,
          email: invitation.email,
        });
        const step: LandingStep = { kind: "other_account", message };
        return sendLanding(request, reply, invitation, token, step, statusCode);
      }
      const outcome = await acceptInvitation(app.db, invitation.id, {
        id: account.user.id,
        email: account.user.email,
      });
      if (!outcome.accepted) return sendProblem(request, reply, problemOf(outcome.state));
      return reply.redirect(await landingOf(request, account.user.id), 303);
    }

    // A new person: their name and a password, checked before anything is written.
    const t = request.t;
    const errors: SignUpErrors = {};
    const ownName = t("team.landing.error.name");
    if (refused.name) errors.name = fieldMessage(t, refused.name, ownName);
    else if (!name) errors.name = ownName;
    const problem = newPasswordProblem(password, password_confirm);
    if (problem === "mismatch") errors.password_confirm = t("team.landing.error.password_confirm");
    else if (problem) {
      const lengths = { min: MIN_PASSWORD_LENGTH, max: MAX_PASSWORD_LENGTH };
      errors.password = t("team.landing.error.password", lengths);
    }
    if (Object.keys(errors).length) {
      const step: LandingStep = { kind: "sign_up", name, errors };
      return sendLanding(request, reply, invitation, token, step, 422);
    }

    // better-auth makes the account in its own transaction, so ours cannot include it: the
    // account is made first and removed again if accepting fails, leaving nothing behind.
    const { user } = await app.auth.api.signUpEmail({
      body: { email: invitation.email, password, name },
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
    return reply.redirect(await landingOf(request, user.id), 303);
  }

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
      return { kind: "sign_up", name: invitation.name ?? "", errors: {} };
    }
    const account = await loadAccount(request, reply);
    if (!account) {
      const landing = `${localizedPath(request.locale, "/account/invitation")}?token=${token}`;
      return { kind: "sign_in", href: signInPath(request, landing) };
    }
    if (account.user.email.toLowerCase() !== invitation.email) {
      const { message } = refusalOf(request, "wrong_account", {
        signedInAs: account.user.email,
        email: invitation.email,
      });
      return { kind: "other_account", message };
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
