// Choosing a new password by mail: asking for a link (/account/reset) and the form it opens
// (/account/reset/new?token=…). Changing the password ends every session of the account.
import { APIError } from "better-auth/api";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { checkFields } from "../http/forms.js";
import { registerPage } from "../http/locale.js";
import { pageContext, sendPage } from "../http/render.js";
import { LOCALES, localizedPath } from "../i18n/index.js";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, newPasswordProblem } from "./auth.js";
import { tokenShape } from "./magic-link.js";
import { LINK_VERIFY_RATE_LIMIT, MAIL_REQUEST_RATE_LIMIT } from "./magic-link.routes.js";
import { EmailRequestPage } from "./magic-link.view.js";
import { RESET_LANDING, resetTokenValid } from "./password-reset.js";
import { NewPasswordPage, type NewPasswordState } from "./password-reset.view.js";
import { MessagePage } from "./sign-in.view.js";

const REQUEST_FIELDS = {
  email: Type.String({ minLength: 3, maxLength: 254, pattern: "^[^\\s@]+@[^\\s@]+$" }),
};

export async function passwordResetRoutes(app: FastifyInstance) {
  registerPage(app, "/account/reset", async (request, reply) =>
    sendRequestForm(request, reply, ""),
  );

  registerPage(
    app,
    RESET_LANDING,
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      const token = tokenShape((request.query as Record<string, unknown>).token);
      if (!token || !(await resetTokenValid(app.db, token))) return sendDeadLink(request, reply);
      return sendNewPassword(request, reply, { token, errors: {} });
    },
    { restricted: true },
  );

  for (const locale of LOCALES) {
    app.post(
      localizedPath(locale, "/account/reset"),
      { preHandler: app.csrfProtection, config: { rateLimit: MAIL_REQUEST_RATE_LIMIT } },
      async (request, reply) => {
        const { values, errors } = checkFields(REQUEST_FIELDS, request.body);
        if (errors.length) {
          return sendRequestForm(
            request,
            reply,
            values.email,
            request.t("accounts.error.email"),
            422,
          );
        }
        try {
          // `redirectTo` is where our mail's link goes, and so the language it is written in.
          await app.auth.api.requestPasswordReset({
            body: { email: values.email, redirectTo: localizedPath(request.locale, RESET_LANDING) },
          });
        } catch (error) {
          if (!(error instanceof APIError && error.statusCode < 500)) throw error;
        }
        reply.header("cache-control", "no-store");
        const t = request.t;
        return sendPage(
          reply,
          <MessagePage
            ctx={pageContext(request)}
            title={t("accounts.reset.sent.title")}
            body={t("accounts.reset.sent.body", { email: values.email })}
            link={{
              href: localizedPath(request.locale, "/account/sign-in"),
              text: t("accounts.back_to_sign_in"),
            }}
          />,
        );
      },
    );

    app.post(
      localizedPath(locale, RESET_LANDING),
      { preHandler: app.csrfProtection, config: { rateLimit: LINK_VERIFY_RATE_LIMIT } },
      async (request, reply) => {
        reply.header("cache-control", "no-store");
        const t = request.t;
        const body = (request.body ?? {}) as Record<string, unknown>;
        const token = tokenShape(body.token);
        if (!token) return sendDeadLink(request, reply);
        const problem = newPasswordProblem(body.password, body.confirm);
        const password = String(body.password);
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
  }

  function sendRequestForm(
    request: FastifyRequest,
    reply: FastifyReply,
    email: string,
    error?: string,
    statusCode = 200,
  ) {
    const t = request.t;
    reply.header("cache-control", "no-store");
    return sendPage(
      reply,
      <EmailRequestPage
        ctx={pageContext(request)}
        title={t("accounts.reset.title")}
        intro={t("accounts.reset.intro")}
        submit={t("accounts.reset.submit")}
        action="/account/reset"
        email={email}
        error={error}
        csrfToken={reply.generateCsrf()}
      />,
      statusCode,
    );
  }

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
