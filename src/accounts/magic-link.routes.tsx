// Signing in by a link in the mail: asking for one (/account/sign-in/link), and the page the link
// opens (/account/sign-in/link/verify), whose button spends it.
import { APIError } from "better-auth/api";
import { fromNodeHeaders } from "better-auth/node";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { registerFormPost } from "../http/forms.js";
import { registerPage } from "../http/locale.js";
import { pageContext, sendPage } from "../http/render.js";
import { localizedPath } from "../i18n/index.js";
import { forwardCookies } from "./account.routes.js";
import { refusalOf } from "./forms.js";
import { MAGIC_LINK_LANDING, magicLinkState, tokenShape } from "./magic-link.js";
import { LinkVerifyPage } from "./magic-link.view.js";
import { registerMailRequest } from "./mail-request.routes.js";
import { landingOf } from "./session.js";
import { MessagePage } from "./sign-in.view.js";

/** A mailed link's token, in the address or the form (checked by `tokenShape`). */
export const TokenQuery = Type.Object({ token: Type.Optional(Type.String()) });
export const TokenBody = Type.Object({ token: Type.String() });

/** Spending a link: 10 tries per address and quarter hour. */
export const LINK_VERIFY_RATE_LIMIT = { max: 10, timeWindow: "15 minutes" };

export async function magicLinkRoutes(app: FastifyInstance) {
  registerMailRequest(app, {
    path: "/account/sign-in/link",
    kind: "link",
    ask: (request, email) =>
      app.auth.api.signInMagicLink({
        body: { email, metadata: { locale: request.locale.tag } },
        headers: fromNodeHeaders(request.headers),
      }),
  });

  registerPage(
    app,
    MAGIC_LINK_LANDING,
    { schema: { querystring: TokenQuery }, restricted: true },
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      const token = tokenShape(request.query.token);
      const state = token ? await magicLinkState(app.db, token) : "invalid";
      if (!token || state !== "valid") return sendDeadLink(request, reply, state);
      return sendPage(
        reply,
        <LinkVerifyPage
          ctx={pageContext(request)}
          token={token}
          csrfToken={reply.generateCsrf()}
        />,
      );
    },
  );
  registerFormPost(
    app,
    MAGIC_LINK_LANDING,
    {
      body: TokenBody,
      rateLimit: LINK_VERIFY_RATE_LIMIT,
      // Only a body that is not a form's (a JSON array for the token, ...): a dead link.
      invalid: (request, reply) => sendDeadLink(request, reply, "invalid"),
    },
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      const token = tokenShape(request.body.token);
      const state = token ? await magicLinkState(app.db, token) : "invalid";
      if (!token || state !== "valid") return sendDeadLink(request, reply, state);
      let signedIn: string;
      try {
        // No callbackURL: better-auth answers JSON and sets the session cookie.
        const { headers, response } = await app.auth.api.magicLinkVerify({
          query: { token },
          headers: fromNodeHeaders(request.headers),
          returnHeaders: true,
        });
        forwardCookies(reply, headers);
        signedIn = response.user.id;
      } catch (error) {
        // Spent between our check and better-auth's (two clicks at once): it redirects with
        // INVALID_TOKEN, which arrives here as a 302 APIError.
        if (error instanceof APIError && error.statusCode < 500) {
          return sendDeadLink(request, reply, "invalid");
        }
        throw error;
      }
      return reply.redirect(await landingOf(request, signedIn), 303);
    },
  );

  /**
   * 400 for a link that is unknown, spent or expired; for one that would skip two-step sign-in,
   * the catalogue's `link_two_factor` (403).
   */
  function sendDeadLink(
    request: FastifyRequest,
    reply: FastifyReply,
    state: "invalid" | "two_factor" | "valid",
  ) {
    const t = request.t;
    const twoFactor = state === "two_factor";
    const refused = twoFactor ? refusalOf(request, "link_two_factor") : undefined;
    return sendPage(
      reply,
      <MessagePage
        ctx={pageContext(request)}
        title={t("accounts.link.invalid.title")}
        body={refused?.message ?? t("accounts.link.invalid.body")}
        link={
          twoFactor
            ? {
                href: localizedPath(request.locale, "/account/sign-in"),
                text: t("accounts.back_to_sign_in"),
              }
            : {
                href: localizedPath(request.locale, "/account/sign-in/link"),
                text: t("accounts.link.invalid.again"),
              }
        }
      />,
      refused?.statusCode ?? 400,
    );
  }
}
