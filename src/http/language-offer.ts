// Answering the language offer (decision 0013). The offer ("This page is available in English")
// shows until the visitor answers it, then never again: by its "Don't show this again" button
// (a form, so it works without JavaScript), or by choosing a language in the selector. The
// answer is a long-lived cookie; the page cache keys pages by the offer they show, which is none
// once answered (render.ts `pageContext`).
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { Type } from "typebox";
import { localizedPath } from "../i18n/index.js";
import { CHOOSE_LANGUAGE_PREFIX } from "../views/language-selector.js";
import { registerFormPost } from "./forms.js";
import { localPath } from "./local-path.js";

/** The cookie that says the visitor answered the offer; its presence is what counts. */
export const OFFER_COOKIE = "cfa_lang_offer";

/** About 400 days, the longest a browser keeps a cookie: "for good", in practice. */
const OFFER_COOKIE_MAX_AGE = 400 * 24 * 60 * 60;

/** Whether this visitor answered the offer (dismissed it or chose a language). */
export function offerAnswered(request: FastifyRequest): boolean {
  return request.cookies?.[OFFER_COOKIE] !== undefined;
}

function rememberAnswer(request: FastifyRequest, reply: FastifyReply): void {
  reply.setCookie(OFFER_COOKIE, "dismissed", {
    path: "/",
    maxAge: OFFER_COOKIE_MAX_AGE,
    httpOnly: true,
    sameSite: "lax",
    secure: request.server.config.publicUrl.startsWith("https:"),
  });
}

const DismissForm = Type.Object({
  /** The page the offer was on, with its query string. */
  back: Type.String(),
});

export const languageOfferPlugin = fp(
  async (app: FastifyInstance) => {
    registerFormPost(
      app,
      "/language-offer/dismiss",
      { body: DismissForm },
      async (request, reply) => {
        rememberAnswer(request, reply);
        const back = localPath(request.body.back) ?? localizedPath(request.locale, "/");
        return reply.redirect(back, 303);
      },
    );

    // The selector's links: a plain link (no JavaScript, no form token in cached pages) that
    // records the choice, then goes to the page in the chosen language, query string and all.
    // Choosing a language answers the offer: nobody who just picked Español is told the page is
    // available in English.
    app.get(`${CHOOSE_LANGUAGE_PREFIX}/*`, async (request, reply) => {
      const target = localPath(request.url.slice(CHOOSE_LANGUAGE_PREFIX.length)) ?? "/";
      rememberAnswer(request, reply);
      return reply.header("cache-control", "no-store").redirect(target, 303);
    });
  },
  { name: "language-offer", dependencies: ["forms"] },
);
