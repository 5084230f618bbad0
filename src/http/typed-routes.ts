// Typed pages: a GET page in every locale (like locale.ts registerPage) whose params and query
// are declared with TypeBox and read typed through the type provider, and `paramsOf` for a form
// post's path parameters (forms.ts types the body only). No handler casts a request.
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type {
  FastifyInstance,
  FastifyRequest,
  FastifySchema,
  onRequestAsyncHookHandler,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
  RouteGenericInterface,
  RouteHandlerMethod,
} from "fastify";
import type { Static, TSchema } from "typebox";
import { Value } from "typebox/value";
import { LOCALES, localizedPath } from "../i18n/index.js";
import { notFound } from "./errors.js";

/** A request whose params, query and body are typed from `S` (TypeBox schemas). */
export type TypedRequest<S extends FastifySchema> = FastifyRequest<
  RouteGenericInterface,
  RawServerDefault,
  RawRequestDefaultExpression<RawServerDefault>,
  S,
  TypeBoxTypeProvider
>;

/** A page's handler, its request typed from `S`. */
export type TypedHandler<S extends FastifySchema> = RouteHandlerMethod<
  RawServerDefault,
  RawRequestDefaultExpression<RawServerDefault>,
  RawReplyDefaultExpression<RawServerDefault>,
  RouteGenericInterface,
  unknown,
  S,
  TypeBoxTypeProvider
>;

export interface TypedPageOptions<S extends FastifySchema> {
  /** `params` and `querystring` schemas (TypeBox). */
  schema: S;
  /** Who may see it: a guard from `app.guards`. */
  guard?: onRequestAsyncHookHandler;
  /** Behind a guard: not listed in `app.pagePaths`. */
  restricted?: boolean;
  /**
   * Hand a refused query to the handler (`request.validationError`, the other fields valid)
   * instead of the error page's 400: for pages that show the problem at the field.
   */
  attachValidation?: boolean;
}

/** Registers a GET page at `path` (unprefixed) in every locale, its params and query typed. */
export function registerTypedPage<S extends FastifySchema>(
  app: FastifyInstance,
  path: string,
  options: TypedPageOptions<S>,
  handler: TypedHandler<S>,
): void {
  const { schema, guard, restricted = false, attachValidation = false } = options;
  if (!restricted) app.pagePaths.push(path);
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  for (const locale of LOCALES) {
    typed.get(
      localizedPath(locale, path),
      { schema, attachValidation, ...(guard ? { preHandler: guard } : {}) },
      handler,
    );
  }
}

/**
 * A form post's path parameters, checked against `schema`: a path that does not fit is a page
 * that does not exist (404).
 */
export function paramsOf<S extends TSchema>(schema: S, request: FastifyRequest): Static<S> {
  const params = request.params;
  if (!Value.Check(schema, params)) throw notFound();
  return params;
}
