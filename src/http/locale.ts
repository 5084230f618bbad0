import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from "fastify";
import fp from "fastify-plugin";
import {
  LOCALES,
  type Locale,
  localeOfPath,
  localizedPath,
  type Translate,
  translator,
} from "../i18n/index.js";

/** Gives every request its locale (from the URL prefix) and a translate function. */
export const localePlugin = fp(
  async (app: FastifyInstance) => {
    // Fastify forbids object defaults on decorators; every request gets its own in onRequest.
    app.decorateRequest("locale", null as unknown as Locale);
    app.decorateRequest("t", null as unknown as Translate);
    app.decorate("pagePaths", [] as string[]);
    app.addHook("onRequest", async (request) => {
      request.locale = localeOfPath(request.url);
      request.t = translator(request.locale);
    });
  },
  { name: "locale" },
);

type PageHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/**
 * Registers a GET page at `path` (unprefixed, e.g. "/members") in every locale. Public pages are
 * listed in `app.pagePaths`; `restricted` ones (behind a sign-in guard) are not.
 */
export function registerPage(
  app: FastifyInstance,
  path: string,
  handler: PageHandler,
  { restricted = false, ...options }: RouteShorthandOptions & { restricted?: boolean } = {},
): void {
  if (!restricted) app.pagePaths.push(path);
  for (const locale of LOCALES) {
    app.get(localizedPath(locale, path), options, handler);
  }
}
