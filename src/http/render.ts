import { escapeHtml } from "@kitajs/html";
import type { FastifyReply, FastifyRequest } from "fastify";
import { type Locale, preferredLocale, stripLocale } from "../i18n/index.js";
import { ERROR_ELEMENT_START } from "../views/notice.js";
import {
  OFFER_TOKEN_SLOT,
  type PageContext,
  SIGN_OUT_TOKEN_SLOT,
  type Viewer,
} from "../views/page-context.js";
import { offerAnswered } from "./language-offer.js";

/**
 * The language to offer this visitor: one we have that their browser prefers over the page's,
 * unless they answered the offer (http/language-offer.ts).
 */
function offerFor(request: FastifyRequest): Locale | undefined {
  // Asked twice per page (its context, then its token): the header is parsed once, and kept on
  // the request (a WeakMap of requests cost more than the parsing).
  request.languageOffer ??= findOffer(request) ?? null;
  return request.languageOffer ?? undefined;
}

function findOffer(request: FastifyRequest): Locale | undefined {
  const preferred = preferredLocale(request.headers["accept-language"]);
  if (!preferred || preferred === request.locale) return undefined;
  // Cookies are read by a hook of formsPlugin; a page rendered before it (an error that early)
  // cannot tell an answered offer from a new one, nor give the offer's form a token: no offer.
  return request.cookies && !offerAnswered(request) ? preferred : undefined;
}

export function pageContext(request: FastifyRequest): PageContext {
  const at = request.url.indexOf("?");
  const path = stripLocale(at === -1 ? request.url : request.url.slice(0, at));
  const query = at === -1 || at === request.url.length - 1 ? "" : request.url.slice(at);
  return {
    locale: request.locale,
    t: request.t,
    path,
    query,
    publicUrl: request.server.config.publicUrl,
    siteName: request.server.config.siteName,
    offer: offerFor(request),
    viewer: viewerOf(request),
  };
}

/**
 * The header's account menu, for a request whose session was read (accounts/ reads it for every
 * page request that carries a session cookie). Pages rendered for the page cache never get one:
 * `sendCachedPage` does not cache for a signed-in person.
 */
function viewerOf(request: FastifyRequest): Viewer | undefined {
  const account = request.account;
  if (!account) return undefined;
  return {
    name: account.user.name,
    actingFor: account.jurisdiction?.name ?? null,
    staff: account.user.coalitionRole !== null,
  };
}

const SLOT = Buffer.from(OFFER_TOKEN_SLOT);

/**
 * Sends a rendered page. Pages vary by Accept-Language and by the offer's cookie because of the
 * language offer, whose form gets this visitor's CSRF token here (the page may come from the
 * page cache, shared by every visitor offered the same language).
 */
export async function sendPage(reply: FastifyReply, html: JSX.Element | Buffer, statusCode = 200) {
  return reply
    .code(statusCode)
    .header("content-type", "text/html; charset=utf-8")
    .header("vary", "Accept-Language, Cookie")
    .send(
      withSignOutToken(reply, withOfferToken(reply, withErrorTitle(reply.request, await html))),
    );
}

const SIGN_OUT_SLOT = Buffer.from(SIGN_OUT_TOKEN_SLOT);

/** The page with this person's CSRF token in the header's sign-out form, if it has the menu. */
function withSignOutToken(reply: FastifyReply, body: string | Buffer): string | Buffer {
  // Only a page rendered for a signed-in person has the slot (never a cached one).
  if (!reply.request.account) return body;
  const at =
    typeof body === "string" ? body.indexOf(SIGN_OUT_TOKEN_SLOT) : body.indexOf(SIGN_OUT_SLOT);
  if (at === -1) return body;
  reply.header("cache-control", "no-store");
  const token = reply.generateCsrf();
  if (typeof body === "string") return body.replace(SIGN_OUT_TOKEN_SLOT, () => token);
  return Buffer.concat([
    body.subarray(0, at),
    Buffer.from(token),
    body.subarray(at + SIGN_OUT_SLOT.length),
  ]);
}

const TITLE = /<title>([^<]*)<\/title>/;

/**
 * A page showing an error (a refused form's summary, views/notice.ts `errorFocus`) says so first
 * in its title, "Error: Join the coalition | Cities for Action", the first thing a screen reader
 * reads of a new page and what a tab shows. A Buffer is a cached page, never one with an error.
 */
function withErrorTitle(request: FastifyRequest, body: string | Buffer): string | Buffer {
  if (typeof body !== "string" || !body.includes(ERROR_ELEMENT_START)) return body;
  // The title is already escaped HTML: only the catalog's words around it are escaped here.
  const [before = "", after = ""] = request
    .t("errors.title_error", { title: SLOT_MARK })
    .split(SLOT_MARK);
  return body.replace(
    TITLE,
    (_, title: string) => `<title>${escapeHtml(before)}${title}${escapeHtml(after)}</title>`,
  );
}

/** Stands for the title inside the catalog's "Error: {title}" (no message contains it). */
const SLOT_MARK = "\u0000";

/** The page with this visitor's CSRF token in the offer's form, if it has one. */
function withOfferToken(reply: FastifyReply, body: string | Buffer): string | Buffer {
  // Only a page with the offer has the slot: the others are not searched (a cached page is
  // sent in microseconds; searching it would cost tens).
  if (!offerFor(reply.request)) return body;
  const at = typeof body === "string" ? body.indexOf(OFFER_TOKEN_SLOT) : body.indexOf(SLOT);
  if (at === -1) return body;
  // A page holding a visitor's token is theirs alone: no shared cache may keep it.
  if (!reply.hasHeader("cache-control")) reply.header("cache-control", "no-store");
  const token = reply.generateCsrf();
  if (typeof body === "string") return body.replace(OFFER_TOKEN_SLOT, () => token);
  return Buffer.concat([body.subarray(0, at), Buffer.from(token), body.subarray(at + SLOT.length)]);
}
