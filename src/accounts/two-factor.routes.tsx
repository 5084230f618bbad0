// Two-step verification for the signed-in person (/account/two-factor): turning it on (password,
// then the QR code, key and backup codes, then a first code) and off (password). The code asked
// at sign-in lives with the sign-in routes.
import { APIError } from "better-auth/api";
import { fromNodeHeaders } from "better-auth/node";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { requireAccount } from "../http/account.js";
import { registerFormPost } from "../http/forms.js";
import { registerPage } from "../http/locale.js";
import { pageContext, sendPage } from "../http/render.js";
import { Password } from "../http/validation.js";
import { localizedPath } from "../i18n/index.js";
import { forwardCookies } from "./account.routes.js";
import { mustUseTwoFactor } from "./accounts.policy.js";
import { MAX_PASSWORD_LENGTH } from "./auth.js";
import { refusalOf } from "./forms.js";
import { safeNext } from "./session.js";
import { claimTotpCode } from "./totp-replay.js";
import { pendingEnrolment, secretOfUri, totpUri } from "./two-factor.js";
import { EnrolPage, TwoFactorPage } from "./two-factor.view.js";

/** Password and code checks behind a session: 10 per address and quarter hour. */
export const TWO_FACTOR_RATE_LIMIT = { max: 10, timeWindow: "15 minutes" };

/** A code as typed: spaces dropped; a backup code typed without its dash gets it back. */
export function normalizeCode(value: unknown): string {
  if (typeof value !== "string") return "";
  const code = value.replace(/\s+/g, "");
  return /^[A-Za-z0-9]{10}$/.test(code) && !/^\d+$/.test(code)
    ? `${code.slice(0, 5)}-${code.slice(5)}`
    : code;
}

export const TOTP_CODE = /^\d{6}$/;

const StatusQuery = Type.Object({
  next: Type.Optional(Type.String()),
  done: Type.Optional(Type.String()),
});
// Passwords are kept as typed; a code is checked by normalizeCode.
const PasswordBody = Type.Object({ password: Password(), next: Type.String() });
const CodeBody = Type.Object({ code: Type.String(), next: Type.String() });

/** Behind `app.guards.signedIn()` (index.ts): the person's own two-step verification. */
export async function twoFactorRoutes(app: FastifyInstance) {
  // Only a body that is not a form's (a JSON array for a field): the status page again.
  const options = {
    rateLimit: TWO_FACTOR_RATE_LIMIT,
    invalid: (request: FastifyRequest, reply: FastifyReply) =>
      sendStatus(request, reply, { next: undefined }, 422),
  };

  registerPage(
    app,
    "/account/two-factor",
    { schema: { querystring: StatusQuery }, restricted: true },
    async (request, reply) => {
      const query = request.query;
      const t = request.t;
      const notice =
        query.done === "on"
          ? t("accounts.two_factor.enabled")
          : query.done === "off"
            ? t("accounts.two_factor.disabled")
            : undefined;
      return sendStatus(request, reply, { next: safeNext(query.next), notice });
    },
  );
  registerFormPost(
    app,
    "/account/two-factor/enable",
    { ...options, body: PasswordBody },
    async (request, reply) => {
      const account = requireAccount(request);
      const next = safeNext(request.body.next);
      const t = request.t;
      if (account.user.twoFactorEnabled) return reply.redirect(statusPath(request, next), 303);
      const { password } = request.body;
      if (!password) {
        return sendStatus(
          request,
          reply,
          { next, passwordError: t("accounts.error.password") },
          422,
        );
      }
      const wrong = () => {
        const { message, statusCode } = refusalOf(request, "wrong_password");
        return sendStatus(request, reply, { next, passwordError: message }, statusCode);
      };
      if (password.length > MAX_PASSWORD_LENGTH) return wrong();
      let uri = "";
      let backupCodes: string[] = [];
      try {
        const result = await app.auth.api.enableTwoFactor({
          body: { password, method: "totp" },
          headers: fromNodeHeaders(request.headers),
        });
        if (result.method === "totp") ({ totpURI: uri, backupCodes } = result);
      } catch (error) {
        if (error instanceof APIError && error.body?.code === "INVALID_PASSWORD") return wrong();
        if (error instanceof APIError && error.body?.code === "TOTP_ALREADY_ENABLED") {
          return reply.redirect(statusPath(request, next), 303);
        }
        throw error;
      }
      return sendEnrol(request, reply, { uri, secret: secretOfUri(uri), backupCodes, next });
    },
  );

  registerFormPost(
    app,
    "/account/two-factor/verify",
    { ...options, body: CodeBody },
    async (request, reply) => {
      const account = requireAccount(request);
      const next = safeNext(request.body.next);
      const t = request.t;
      if (account.user.twoFactorEnabled) return reply.redirect(statusPath(request, next), 303);
      const pending = await pendingEnrolment(app.auth, app.db, account.user.id);
      // Nothing begun (or begun in another tab and finished there): start from the status page.
      if (!pending) return reply.redirect(statusPath(request, next), 303);
      const again = (codeError: string, statusCode: number) =>
        sendEnrol(
          request,
          reply,
          {
            uri: totpUri(app.config.siteName, account.user.email, pending.base32Secret),
            secret: pending.base32Secret,
            backupCodes: pending.backupCodes,
            next,
            codeError,
          },
          statusCode,
        );
      const code = normalizeCode(request.body.code);
      if (!TOTP_CODE.test(code)) return again(t("accounts.error.code"), 422);
      // The first code is spent too: it cannot sign in again within its 30 seconds.
      if (!(await claimTotpCode(app.auth, app.db, account.user.id, code))) {
        return again(t("accounts.error.code_wrong"), 422);
      }
      try {
        const { headers } = await app.auth.api.verifyTOTP({
          body: { code },
          headers: fromNodeHeaders(request.headers),
          returnHeaders: true,
        });
        // Turning it on replaces the session: the new cookie goes to the browser.
        forwardCookies(reply, headers);
      } catch (error) {
        if (error instanceof APIError && error.body?.code === "INVALID_CODE") {
          return again(t("accounts.error.code_wrong"), 422);
        }
        throw error;
      }
      return reply.redirect(next ?? `${statusPath(request)}?done=on`, 303);
    },
  );

  registerFormPost(
    app,
    "/account/two-factor/disable",
    { ...options, body: Type.Object({ password: Password() }) },
    async (request, reply) => {
      const account = requireAccount(request);
      const t = request.t;
      if (!account.user.twoFactorEnabled) return reply.redirect(statusPath(request), 303);
      const { password } = request.body;
      if (!password) {
        return sendStatus(
          request,
          reply,
          { next: undefined, passwordError: t("accounts.error.password") },
          422,
        );
      }
      const wrong = () => {
        const { message, statusCode } = refusalOf(request, "wrong_password");
        return sendStatus(request, reply, { next: undefined, passwordError: message }, statusCode);
      };
      if (password.length > MAX_PASSWORD_LENGTH) return wrong();
      try {
        const { headers } = await app.auth.api.disableTwoFactor({
          body: { password },
          headers: fromNodeHeaders(request.headers),
          returnHeaders: true,
        });
        forwardCookies(reply, headers);
      } catch (error) {
        if (error instanceof APIError && error.body?.code === "INVALID_PASSWORD") return wrong();
        throw error;
      }
      return reply.redirect(`${statusPath(request)}?done=off`, 303);
    },
  );

  function statusPath(request: FastifyRequest, next?: string): string {
    const path = localizedPath(request.locale, "/account/two-factor");
    return next ? `${path}?next=${encodeURIComponent(next)}` : path;
  }

  function sendStatus(
    request: FastifyRequest,
    reply: FastifyReply,
    state: { next: string | undefined; notice?: string; passwordError?: string },
    statusCode = 200,
  ) {
    reply.header("cache-control", "no-store");
    return sendPage(
      reply,
      <TwoFactorPage
        ctx={pageContext(request)}
        account={requireAccount(request)}
        required={mustUseTwoFactor(requireAccount(request))}
        csrfToken={reply.generateCsrf()}
        {...state}
      />,
      statusCode,
    );
  }

  function sendEnrol(
    request: FastifyRequest,
    reply: FastifyReply,
    state: {
      uri: string;
      secret: string;
      backupCodes: string[];
      next: string | undefined;
      codeError?: string;
    },
    statusCode = 200,
  ) {
    reply.header("cache-control", "no-store");
    return sendPage(
      reply,
      <EnrolPage ctx={pageContext(request)} csrfToken={reply.generateCsrf()} {...state} />,
      statusCode,
    );
  }
}
