// Choosing a new password by mail: asking for a link (/account/reset) and the form it opens
// (/account/reset/new?token=…). Changing the password ends every session of the account.
import { APIError } from "better-auth/api";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { registerFormPost } from "../http/forms.js";
import { registerPage } from "../http/locale.js";
import { pageContext, sendPage } from "../http/render.js";
import { Password } from "../http/validation.js";
import { localizedPath } from "../i18n/index.js";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, newPasswordProblem } from "./auth.js";
import { tokenShape } from "./magic-link.js";
import { LINK_VERIFY_RATE_LIMIT, TokenQuery } from "./magic-link.routes.js";
import { registerMailRequest } from "./mail-request.routes.js";
import { RESET_LANDING, resetTokenValid } from "./password-reset.js";
import { NewPasswordPage, type NewPasswordState } from "./password-reset.view.js";
import { MessagePage } from "./sign-in.view.js";

const NewPasswordBody = Type.Object({
  token: Type.String(),
  // Kept as typed; checked by newPasswordProblem.
  password: Password(),
  confirm: Password(),
});

export async function passwordResetRoutes(app: FastifyInstance) {
  registerMailRequest(app, {
    path: "/account/reset",
    kind: "reset",
    // `redirectTo` is where our mail's link goes, and so the language it is written in.
    ask: (request, email) =>
      app.auth.api.requestPasswordReset({
        body: { email, redirectTo: localizedPath(request.locale, RESET_LANDING) },
      }),
  });

  registerPage(
    app,
    RESET_LANDING,
    { schema: { querystring: TokenQuery }, restricted: true },
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      const token = tokenShape(request.query.token);
      if (!token || !(await resetTokenValid(app.db, token))) return sendDeadLink(request, reply);
      return sendNewPassword(request, reply, { token, errors: {} });
    },
  );
  registerFormPost(
    app,
    RESET_LANDING,
    {
      body: NewPasswordBody,
      rateLimit: LINK_VERIFY_RATE_LIMIT,
      // Only a body that is not a form's (a JSON array for the token, ...): a dead link.
      invalid: (request, reply) => sendDeadLink(request, reply),
    },
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      const t = request.t;
      const token = tokenShape(request.body.token);
      if (!token) return sendDeadLink(request, reply);
      // Passwords as typed: never trimmed, never echoed.
      const { password, confirm } = request.body;
      const problem = newPasswordProblem(password, confirm);
      const errors: NewPasswordState["errors"] = {};
      if (problem === "short") {
        errors.password = t("accounts.error.new_password_short", { min: MIN_PASSWORD_LENGTH });
      } else if (problem === "long") {
        errors.password = t("accounts.error.new_password_long", { max: MAX_PASSWORD_LENGTH });
      } else if (problem === "mismatch") {
        errors.confirm = t("accounts.error.confirm_password");
      }
      if (errors.password || errors.confirm) {
        if (!(await resetTokenValid(app.db, token))) return sendDeadLink(request, reply);
        return sendNewPassword(request, reply, { token, errors }, 422);
      }
      try {
        await app.auth.api.resetPassword({ body: { token, newPassword: password } });
      } catch (error) {
        if (error instanceof APIError && error.statusCode < 500) {
          // Unknown, spent or expired token (INVALID_TOKEN), or a user deleted since.
          return sendDeadLink(request, reply);
        }
        throw error;
      }
      const signIn = localizedPath(request.locale, "/account/sign-in");
      return reply.redirect(`${signIn}?done=reset`, 303);
    },
  );

  function sendNewPassword(
    request: FastifyRequest,
    reply: FastifyReply,
    state: Omit<NewPasswordState, "csrfToken">,
    statusCode = 200,
  ) {
    reply.header("cache-control", "no-store");
    return sendPage(
      reply,
      <NewPasswordPage
        ctx={pageContext(request)}
        form={{ ...state, csrfToken: reply.generateCsrf() }}
      />,
      statusCode,
    );
  }

  function sendDeadLink(request: FastifyRequest, reply: FastifyReply) {
    const t = request.t;
    reply.header("cache-control", "no-store");
    return sendPage(
      reply,
      <MessagePage
        ctx={pageContext(request)}
        title={t("accounts.reset.invalid.title")}
        body={t("accounts.reset.invalid.body")}
        link={{
          href: localizedPath(request.locale, "/account/reset"),
          text: t("accounts.reset.invalid.again"),
        }}
      />,
      400,
    );
  }
}
