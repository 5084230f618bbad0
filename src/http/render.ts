import type { FastifyReply, FastifyRequest } from "fastify";
import { preferredLocale, stripLocale } from "../i18n/index.js";
import type { PageContext } from "../views/page-context.js";

export function pageContext(request: FastifyRequest): PageContext {
  const path = stripLocale(request.url.split("?")[0] ?? "/");
  const preferred = preferredLocale(request.headers["accept-language"]);
  return {
    locale: request.locale,
    t: request.t,
    path,
    publicUrl: request.server.config.publicUrl,
    siteName: request.server.config.siteName,
    offer: preferred && preferred !== request.locale ? preferred : undefined,
  };
}

/** Sends a rendered page. Pages vary by Accept-Language because of the language offer. */
export async function sendPage(reply: FastifyReply, html: JSX.Element | Buffer, statusCode = 200) {
  return reply
    .code(statusCode)
    .header("content-type", "text/html; charset=utf-8")
    .header("vary", "Accept-Language")
    .send(await html);
}
