import { APIError } from "better-auth/api";
import { fromNodeHeaders } from "better-auth/node";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { checkFields, registerFormPost } from "../http/forms.js";
import { registerPage } from "../http/locale.js";
import { pageContext, sendPage } from "../http/render.js";
import { localizedPath } from "../i18n/index.js";
import { forwardCookies, SESSION_RATE_LIMIT } from "./account.routes.js";
import { MAX_PASSWORD_LENGTH } from "./auth.js";
import { magicLinkRoutes } from "./magic-link.routes.js";
import { passwordResetRoutes } from "./password-reset.routes.js";
import { safeNext, signInPath } from "./session.js";
import { SignInPage, type SignInState } from "./sign-in.view.js";
import {
  ACCOUNT_LOCK,
  clearSignInFailures,
  recordSignInFailure,
  signInLocked,
} from "./sign-in-failures.queries.js";
import { normalizeCode, TOTP_CODE, twoFactorRoutes } from "./two-factor.routes.js";
import { CodePage } from "./two-factor.view.js";

const SIGN_IN_FIELDS = { email: Type.String({ minLength: 1, maxLength: 254 }) };

/** Guessing passwords: 10 tries per address and quarter hour, whichever account they aim at. */
export const SIGN_IN_RATE_LIMIT = { max: 10, timeWindow: "15 minutes" };
/**
 * Guessing codes: 10 tries per address and quarter hour. better-auth adds its own limits: 5
 * wrong codes end a sign-in (the password is asked again), 10 in a row lock the account's
 * second step for 15 minutes.
 */
export const CODE_RATE_LIMIT = { max: 10, timeWindow: "15 minutes" };

/** True when the request carries better-auth's cookie of a sign-in waiting for its code. */
function hasCodeChallenge(request: FastifyRequest): boolean {
  return /(^|;\s*)(__Secure-)?cfa\.two_factor=[^;]/.test(request.headers.cookie ?? "");
}

export async function signInRoutes(app: FastifyInstance) {
  await app.register(magicLinkRoutes);
  await app.register(passwordResetRoutes);
  await app.register(twoFactorRoutes);

  registerPage(app, "/account/sign-in", async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const next = safeNext(query.next);
    const notice = query.done === "reset" ? request.t("accounts.sign_in.reset_done") : undefined;
    return sendSignIn(request, reply, { email: "", next, errors: [], notice });
  });

  registerPage(
    app,
    "/account/sign-in/code",
    async (request, reply) => {
      const next = safeNext((request.query as Record<string, unknown>).next);
      reply.header("cache-control", "no-store");
      if (!hasCodeChallenge(request)) return reply.redirect(signInPath(request, next), 303);
      return sendCode(request, reply, next);
    },
    { restricted: true },
  );
  registerFormPost(
    app,
    "/account/sign-in",
    async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const next = safeNext(body.next);
      const { values, errors } = checkFields(SIGN_IN_FIELDS, body);
      // Passwords are taken as typed: never trimmed, never echoed.
      const password = typeof body.password === "string" ? body.password : "";
      const fieldErrors: SignInState["errors"] = errors.length ? ["email"] : [];
      if (!password) fieldErrors.push("password");
      if (fieldErrors.length) {
        return sendSignIn(request, reply, { email: values.email, next, errors: fieldErrors }, 422);
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
      if (await signInLocked(app.db, values.email)) {
        const problem = request.t("accounts.error.locked", { minutes: ACCOUNT_LOCK.minutes });
        return sendSignIn(request, reply, { email: values.email, next, errors: [], problem }, 429);
      }
      const failed = async () => {
        await recordSignInFailure(app.db, values.email);
        return wrong();
      };
      // Longer than any password we accept: refused without hashing megabytes.
      if (password.length > MAX_PASSWORD_LENGTH) return failed();
      try {
        const { headers, response } = await app.auth.api.signInEmail({
          body: { email: values.email, password },
          headers: fromNodeHeaders(request.headers),
          returnHeaders: true,
        });
        await clearSignInFailures(app.db, values.email);
        forwardCookies(reply, headers);
        reply.header("cache-control", "no-store");
        if ("twoFactorRedirect" in response && response.twoFactorRedirect) {
          // No session yet: better-auth set a 10-minute cookie for the code step instead.
          const code = localizedPath(request.locale, "/account/sign-in/code");
          return reply.redirect(next ? `${code}?next=${encodeURIComponent(next)}` : code, 303);
        }
        return reply.redirect(next ?? localizedPath(request.locale, "/account"), 303);
      } catch (error) {
        // Unknown address, wrong password, malformed address: the same answer, so the form
        // never tells which addresses have accounts.
        if (error instanceof APIError && error.statusCode < 500) return failed();
        throw error;
      }
    },
    { rateLimit: SIGN_IN_RATE_LIMIT },
  );

  registerFormPost(
    app,
    "/account/sign-in/code",
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      const t = request.t;
      const body = (request.body ?? {}) as Record<string, unknown>;
      const next = safeNext(body.next);
      const code = normalizeCode(body.code);
      const backup = /^[A-Za-z0-9]{5}-[A-Za-z0-9]{5}$/.test(code);
      if (!TOTP_CODE.test(code) && !backup) {
        return sendCode(request, reply, next, t("accounts.error.code_or_backup"), 422);
      }
      try {
        const call = { body: { code }, headers: fromNodeHeaders(request.headers) };
        const { headers } = backup
          ? await app.auth.api.verifyBackupCode({ ...call, returnHeaders: true })
          : await app.auth.api.verifyTOTP({ ...call, returnHeaders: true });
        forwardCookies(reply, headers);
      } catch (error) {
        if (!(error instanceof APIError) || error.statusCode >= 500) throw error;
        switch (error.body?.code) {
          case "INVALID_CODE":
            return sendCode(request, reply, next, t("accounts.code.wrong"), 401);
          case "INVALID_BACKUP_CODE":
            return sendCode(request, reply, next, t("accounts.code.backup_wrong"), 401);
          case "ACCOUNT_TEMPORARILY_LOCKED":
            return sendCode(request, reply, next, t("accounts.code.locked"), 429);
          case "TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE": {
            const problem = t("accounts.error.two_factor_attempts");
            return sendSignIn(request, reply, { email: "", next, errors: [], problem }, 401);
          }
          default: {
            // No sign-in waiting (expired, already finished, or none): start again.
            const problem = t("accounts.error.two_factor_expired");
            return sendSignIn(request, reply, { email: "", next, errors: [], problem }, 401);
          }
        }
      }
      return reply.redirect(next ?? localizedPath(request.locale, "/account"), 303);
    },
    { rateLimit: CODE_RATE_LIMIT },
  );

  registerFormPost(
    app,
    "/account/sign-out",
    async (request, reply) => {
      const { headers } = await app.auth.api.signOut({
        headers: fromNodeHeaders(request.headers),
        returnHeaders: true,
      });
      forwardCookies(reply, headers);
      reply.header("cache-control", "no-store");
      return reply.redirect(localizedPath(request.locale, "/"), 303);
    },
    { rateLimit: SESSION_RATE_LIMIT },
  );

  function sendCode(
    request: FastifyRequest,
    reply: FastifyReply,
    next: string | undefined,
    error?: string,
    statusCode = 200,
  ) {
    reply.header("cache-control", "no-store");
    return sendPage(
      reply,
      <CodePage
        ctx={pageContext(request)}
        next={next}
        csrfToken={reply.generateCsrf()}
        error={error}
      />,
      statusCode,
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
