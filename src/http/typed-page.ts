// A GET page with TypeBox schemas for its query string and path parameters, so that its handler
// reads typed `request.query` and `request.params` (through Fastify's TypeBox type provider)
// instead of casting them. Registered in every locale, like registerPage (locale.ts).
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type {
  ContextConfigDefault,
  FastifyInstance,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
  RouteGenericInterface,
  RouteHandlerMethod,
} from "fastify";
import type { TSchema } from "typebox";
import { LOCALES, localizedPath } from "../i18n/index.js";

export interface PageSchema {
  querystring?: TSchema;
  params?: TSchema;
}

/** The request a typed page's handler gets: `query` and `params` typed from its schema. */
export type TypedRequest<S extends PageSchema> = FastifyRequest<
  RouteGenericInterface,
  RawServerDefault,
  RawRequestDefaultExpression,
  S,
  TypeBoxTypeProvider
>;

/** A typed page's handler: `request.query` and `request.params` typed from the schema. */
export type TypedHandler<S extends PageSchema> = RouteHandlerMethod<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  RouteGenericInterface,
  ContextConfigDefault,
  S,
  TypeBoxTypeProvider
>;

export interface TypedPageOptions<S extends PageSchema> {
  schema: S;
  /** Behind a guard: not listed in `app.pagePaths` (see registerPage). */
  restricted?: boolean;
  /**
   * Hands a query or parameters that break the schema to the handler (`request.validationError`)
   * instead of answering 400, for a page that says what is wrong (or answers 404) itself.
   */
  attachValidation?: boolean;
}

/** Registers a GET page at `path` (unprefixed) in every locale, its handler typed by `schema`. */
export function registerTypedPage<S extends PageSchema>(
  app: FastifyInstance,
  path: string,
  { schema, restricted = false, attachValidation = false }: TypedPageOptions<S>,
  handler: TypedHandler<S>,
): void {
  if (!restricted) app.pagePaths.push(path);
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  for (const locale of LOCALES) {
    typed.get<RouteGenericInterface, ContextConfigDefault, S>(
      localizedPath(locale, path),
      { schema, attachValidation },
      handler,
    );
  }
}
