import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type {
  ContextConfigDefault,
  FastifyInstance,
  FastifyRequest,
  onRequestAsyncHookHandler,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
  RouteGenericInterface,
  RouteHandlerMethod,
} from "fastify";
import fp from "fastify-plugin";
import type { TSchema } from "typebox";
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
    app.decorateRequest("languageOffer", undefined);
    app.decorate("pagePaths", [] as string[]);
    // Callback hooks, here and in the other hooks every request runs: an async one costs a promise
    // and a turn of the microtask queue per request, for work that never waits.
    app.addHook("onRequest", (request, _reply, done) => {
      request.locale = localeOfPath(request.url);
      request.t = translator(request.locale);
      done();
    });
  },
  { name: "locale" },
);

/** The schemas of a page's query string and path parameters (TypeBox). */
export interface PageSchema {
  querystring?: TSchema;
  params?: TSchema;
}

/** A page's request: `query` and `params` typed from its schema (TypeBox type provider). */
export type PageRequest<S extends PageSchema = PageSchema> = FastifyRequest<
  RouteGenericInterface,
  RawServerDefault,
  RawRequestDefaultExpression,
  S,
  TypeBoxTypeProvider
>;

/** A page's handler, its request typed from the page's schema. */
export type PageHandler<S extends PageSchema = PageSchema> = RouteHandlerMethod<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  RouteGenericInterface,
  ContextConfigDefault,
  S,
  TypeBoxTypeProvider
>;

export interface PageOptions<S extends PageSchema> {
  /** The query string and path parameters, checked before the handler and typed in it. */
  schema?: S;
  /** Who may see it: a guard from `app.guards`, run first (as registerFormPost's). */
  guard?: onRequestAsyncHookHandler;
  /** Behind a guard (its own or its area's): not listed in `app.pagePaths`. */
  restricted?: boolean;
  /**
   * Hands a query or parameters that break the schema to the handler (`request.validationError`)
   * instead of the error page's 400, for a page that says what is wrong (or answers 404) itself.
   */
  attachValidation?: boolean;
}

/**
 * The one way a page is registered: a GET at `path` (unprefixed, e.g. "/members") in every
 * locale, its query string and path parameters typed from `schema`. Public pages are listed in
 * `app.pagePaths`; `restricted` ones (behind a guard) are not.
 */
export function registerPage<S extends PageSchema = Record<never, never>>(
  app: FastifyInstance,
  path: string,
  options: PageOptions<S>,
  handler: PageHandler<S>,
): void {
  const { schema, guard, restricted = false, attachValidation = false } = options;
  if (!restricted) app.pagePaths.push(path);
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  for (const locale of LOCALES) {
    typed.get<RouteGenericInterface, ContextConfigDefault, S>(
      localizedPath(locale, path),
      {
        ...(schema ? { schema } : {}),
        ...(attachValidation ? { attachValidation } : {}),
        ...(guard ? { onRequest: guard } : {}),
      },
      handler,
    );
  }
}
