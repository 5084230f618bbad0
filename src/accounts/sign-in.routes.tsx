import { APIError } from "better-auth/api";
import { fromNodeHeaders } from "better-auth/node";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { checkFields } from "../http/forms.js";
import { registerPage } from "../http/locale.js";
import { pageContext, sendPage } from "../http/render.js";
import { LOCALES, localizedPath } from "../i18n/index.js";
import { forwardCookies, SESSION_RATE_LIMIT } from "./account.routes.js";
import { MAX_PASSWORD_LENGTH } from "./auth.js";
import { safeNext } from "./session.js";
import { SignInPage, type SignInState } from "./sign-in.view.js";

const SIGN_IN_FIELDS = { email: Type.String({ minLength: 1, maxLength: 254 }) };

/** Guessing passwords: 10 tries per address and quarter hour, whichever account they aim at. */
export const SIGN_IN_RATE_LIMIT = { max: 10, timeWindow: "15 minutes" };
export async function accountRoutes(app: FastifyInstance) {
  registerPage(app, "/account/sign-in", async (request, reply) => {
    const next = safeNext((request.query as Record<string, unknown>).next);
    return sendSignIn(request, reply, { email: "", next, errors: [] });
  });

  for (const locale of LOCALES) {
    app.post(
      localizedPath(locale, "/account/sign-in"),
      { preHandler: app.csrfProtection, config: { rateLimit: SIGN_IN_RATE_LIMIT } },
      async (request, reply) => {
        const body = (request.body ?? {}) as Record<string, unknown>;
        const next = safeNext(body.next);
        const { values, errors } = checkFields(SIGN_IN_FIELDS, body);
        // Passwords are taken as typed: never trimmed, never echoed.
        const password = typeof body.password === "string" ? body.password : "";
        const fieldErrors: SignInState["errors"] = errors.length ? ["email"] : [];
        if (!password) fieldErrors.push("password");
        if (fieldErrors.length) {
          return sendSignIn(
            request,
            reply,
            { email: values.email, next, errors: fieldErrors },
            422,
          );
        }
        const wrong = () =>
          sendSignIn(
            request,
            reply,
            {
              email: values.email,
              next,
              errors: [],
              problem: request.t("accounts.error.credentials"),
            },
            401,
          );
        // Longer than any password we accept: refused without hashing megabytes.
        if (password.length > MAX_PASSWORD_LENGTH) return wrong();
        try {
          const { headers, response } = await app.auth.api.signInEmail({
            body: { email: values.email, password },
            headers: fromNodeHeaders(request.headers),
            returnHeaders: true,
          });
          if ("twoFactorRedirect" in response && response.twoFactorRedirect) {
            // The code page comes with 2FA enrolment; until then nobody can have it turned on.
            const problem = request.t("accounts.error.two_factor_unavailable");
            return sendSignIn(
              request,
              reply,
              { email: values.email, next, errors: [], problem },
              401,
            );
          }
          forwardCookies(reply, headers);
          reply.header("cache-control", "no-store");
          return reply.redirect(next ?? localizedPath(request.locale, "/account"), 303);
        } catch (error) {
          // Unknown address, wrong password, malformed address: the same answer, so the form
          // never tells which addresses have accounts.
          if (error instanceof APIError && error.statusCode < 500) return wrong();
          throw error;
        }
      },
    );

    app.post(
      localizedPath(locale, "/account/sign-out"),
      { preHandler: app.csrfProtection, config: { rateLimit: SESSION_RATE_LIMIT } },
      async (request, reply) => {
        const { headers } = await app.auth.api.signOut({
          headers: fromNodeHeaders(request.headers),
          returnHeaders: true,
        });
        forwardCookies(reply, headers);
        reply.header("cache-control", "no-store");
        return reply.redirect(localizedPath(request.locale, "/"), 303);
      },
    );
  }

  function sendSignIn(
    request: FastifyRequest,
    reply: FastifyReply,
    state: Omit<SignInState, "csrfToken">,
    statusCode = 200,
  ) {
    reply.header("cache-control", "no-store");
    return sendPage(
      reply,
      <SignInPage
        ctx={pageContext(request)}
        form={{ ...state, csrfToken: reply.generateCsrf() }}
      />,
      statusCode,
    );
  }
}
