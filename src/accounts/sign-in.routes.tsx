import { APIError } from "better-auth/api";
import { fromNodeHeaders } from "better-auth/node";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import type { FieldError } from "../http/errors.js";
import { registerFormPost } from "../http/forms.js";
import { registerPage } from "../http/locale.js";
import { pageContext, sendPage } from "../http/render.js";
import { Line, Password } from "../http/validation.js";
import { localizedPath } from "../i18n/index.js";
import { forwardCookies, SESSION_RATE_LIMIT } from "./account.routes.js";
import { MAX_PASSWORD_LENGTH } from "./auth.js";
import { fieldMessage, isAuthRefusal, refusalOf } from "./forms.js";
import { isKnownDevice, rememberDevice } from "./known-device.js";
import { magicLinkRoutes } from "./magic-link.routes.js";
import { passwordResetRoutes } from "./password-reset.routes.js";
import { landingOf, loadAccount, safeNext, signInPath, workPath } from "./session.js";
import { SignInPage, type SignInState } from "./sign-in.view.js";
import {
  clearSignInFailures,
  recordSignInFailure,
  signInThrottle,
} from "./sign-in-failures.queries.js";
import { claimTotpCode, pendingSignInUser } from "./totp-replay.js";
import { normalizeCode, TOTP_CODE } from "./two-factor.routes.js";
import { CodePage } from "./two-factor.view.js";

const SignInBody = Type.Object({
  email: Line({ minLength: 1, maxLength: 254 }),
  // Never trimmed, never echoed; any length is a wrong one.
  password: Password(),
  next: Type.String(),
});
const CodeBody = Type.Object({ code: Line({ maxLength: 40 }), next: Type.String() });
const NextQuery = Type.Object({
  next: Type.Optional(Type.String()),
  done: Type.Optional(Type.String()),
});

/**
 * A stop for floods only: guessing is slowed by counting wrong passwords
 * (sign-in-failures.queries.ts), so an office behind one address can sign in all its staff.
 */
export const SIGN_IN_RATE_LIMIT = { max: 100, timeWindow: "15 minutes" };
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

/** Signing in (password, then the code when two-step verification is on) and out; public. */
export async function signInRoutes(app: FastifyInstance) {
  await app.register(magicLinkRoutes);
  await app.register(passwordResetRoutes);

  registerPage(
    app,
    "/account/sign-in",
    { schema: { querystring: NextQuery } },
    async (request, reply) => {
      const next = safeNext(request.query.next);
      // Already signed in: the form has nothing to do; on to the page asked for, or to work.
      const account = await loadAccount(request, reply);
      if (account) {
        reply.header("cache-control", "no-store");
        return reply.redirect(next ?? localizedPath(request.locale, workPath(account)), 303);
      }
      const notice =
        request.query.done === "reset" ? request.t("accounts.sign_in.reset_done") : undefined;
      return sendSignIn(request, reply, { email: "", next, errors: {}, notice });
    },
  );

  registerPage(
    app,
    "/account/sign-in/code",
    { schema: { querystring: NextQuery }, restricted: true },
    async (request, reply) => {
      const next = safeNext(request.query.next);
      reply.header("cache-control", "no-store");
      if (!hasCodeChallenge(request)) return reply.redirect(signInPath(request, next), 303);
      return sendCode(request, reply, next);
    },
  );

  /** The messages of a refused sign-in form: the address's reason, and a missing password. */
  function signInErrors(request: FastifyRequest, email: FieldError | undefined, password: string) {
    const t = request.t;
    const errors: SignInState["errors"] = {};
    if (email) errors.email = fieldMessage(t, email, t("accounts.error.email"));
    if (!password) errors.password = t("accounts.error.password");
    return errors;
  }

  registerFormPost(
    app,
    "/account/sign-in",
    {
      body: SignInBody,
      rateLimit: SIGN_IN_RATE_LIMIT,
      limited: (request, reply, { message, values }) => {
        const state = { email: values.email ?? "", next: safeNext(values.next), errors: {} };
        return sendSignIn(request, reply, { ...state, problem: message }, 429);
      },
      invalid: (request, reply, problems) => {
        const next = safeNext(problems.values.next);
        const errors = signInErrors(
          request,
          problems.byField.email,
          problems.values.password ?? "",
        );
        return sendSignIn(
          request,
          reply,
          { email: problems.values.email ?? "", next, errors },
          422,
        );
      },
    },
    async (request, reply) => {
      const { email, password } = request.body;
      const next = safeNext(request.body.next);
      if (!password) {
        const errors = signInErrors(request, undefined, password);
        return sendSignIn(request, reply, { email, next, errors }, 422);
      }
      const wrong = () => {
        const refused = refusalOf(request, "wrong_credentials");
        const state = { email, next, errors: {}, problem: refused.message };
        return sendSignIn(request, reply, state, refused.statusCode);
      };
      // Refused before the password is checked, so a refusal tells nothing about it.
      const throttle = await signInThrottle(app.db, email, request.ip);
      const secret = app.config.authSecret;
      const limited = (
        key: "accounts.error.locked" | "accounts.error.known_device",
        ms: number,
      ) => {
        const minutes = Math.ceil(ms / 60_000);
        reply.header("retry-after", String(Math.ceil(ms / 1000)));
        const problem = request.t(key, { minutes });
        return sendSignIn(request, reply, { email, next, errors: {}, problem }, 429);
      };
      if (throttle.clientWait > 0) return limited("accounts.error.locked", throttle.clientWait);
      if (throttle.ceilingWait > 0 && !isKnownDevice(request, secret, email)) {
        return limited("accounts.error.known_device", throttle.ceilingWait);
      }
      const failed = async () => {
        await recordSignInFailure(app.db, email, request.ip);
        return wrong();
      };
      // Longer than any password we accept: refused without hashing megabytes.
      if (password.length > MAX_PASSWORD_LENGTH) return failed();
      try {
        const { headers, response } = await app.auth.api.signInEmail({
          body: { email, password },
          headers: fromNodeHeaders(request.headers),
          returnHeaders: true,
        });
        await clearSignInFailures(app.db, email, request.ip);
        rememberDevice(request, reply, secret, email);
        forwardCookies(reply, headers);
        reply.header("cache-control", "no-store");
        if ("twoFactorRedirect" in response && response.twoFactorRedirect) {
          // No session yet: better-auth set a 10-minute cookie for the code step instead.
          const code = localizedPath(request.locale, "/account/sign-in/code");
          return reply.redirect(next ? `${code}?next=${encodeURIComponent(next)}` : code, 303);
        }
        const landing = await landingOf(request, response.user.id);
        return reply.redirect(next ?? landing, 303);
      } catch (error) {
        // Unknown address, wrong password, malformed address: the same answer, so the form
        // never tells which addresses have accounts.
        if (isAuthRefusal(error)) return failed();
        throw error;
      }
    },
  );

  registerFormPost(
    app,
    "/account/sign-in/code",
    {
      body: CodeBody,
      rateLimit: CODE_RATE_LIMIT,
      limited: (request, reply, { message, values }) =>
        sendCode(request, reply, safeNext(values.next), message, 429),
      invalid: (request, reply, problems) => {
        const own = request.t("accounts.error.code_or_backup");
        const error = problems.byField.code;
        const message = error ? fieldMessage(request.t, error, own) : own;
        return sendCode(request, reply, safeNext(problems.values.next), message, 422);
      },
    },
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      const t = request.t;
      const next = safeNext(request.body.next);
      const code = normalizeCode(request.body.code);
      const backup = /^[A-Za-z0-9]{5}-[A-Za-z0-9]{5}$/.test(code);
      if (!TOTP_CODE.test(code) && !backup) {
        return sendCode(request, reply, next, t("accounts.error.code_or_backup"), 422);
      }
      const refused = (id: "wrong_code" | "wrong_backup_code") => {
        const { message, statusCode } = refusalOf(request, id);
        return sendCode(request, reply, next, message, statusCode);
      };
      const again = (id: "too_many_codes" | "sign_in_expired") => {
        const { message, statusCode } = refusalOf(request, id);
        return sendSignIn(
          request,
          reply,
          { email: "", next, errors: {}, problem: message },
          statusCode,
        );
      };
      // A TOTP code works once (totp-replay.ts); backup codes are spent by better-auth itself.
      const userId = backup ? undefined : await pendingSignInUser(app.db, request.headers.cookie);
      if (userId && !(await claimTotpCode(app.auth, app.db, userId, code))) {
        return refused("wrong_code");
      }
      let signedIn: string;
      try {
        const call = { body: { code }, headers: fromNodeHeaders(request.headers) };
        const { headers, response } = backup
          ? await app.auth.api.verifyBackupCode({ ...call, returnHeaders: true })
          : await app.auth.api.verifyTOTP({ ...call, returnHeaders: true });
        forwardCookies(reply, headers);
        signedIn = response.user.id;
      } catch (error) {
        if (!(error instanceof APIError) || error.statusCode >= 500) throw error;
        switch (error.body?.code) {
          case "INVALID_CODE":
            return refused("wrong_code");
          case "INVALID_BACKUP_CODE":
            return refused("wrong_backup_code");
          case "ACCOUNT_TEMPORARILY_LOCKED":
            return sendCode(request, reply, next, t("accounts.code.locked"), 429);
          case "TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE":
            return again("too_many_codes");
          default:
            // No sign-in waiting (expired, already finished, or none): start again.
            return again("sign_in_expired");
        }
      }
      const landing = await landingOf(request, signedIn);
      return reply.redirect(next ?? landing, 303);
    },
  );

  registerFormPost(
    app,
    "/account/sign-out",
    { body: Type.Object({}), rateLimit: SESSION_RATE_LIMIT },
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
