// /search?q=&type=&lang=&topic=&page= in every language: the header's search box lands here.
// Never cached (every query differs); a page of results is not for search engines (noindex).
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import type { ResourceTopic } from "../../db/index.js";
import { registerPage } from "../../http/locale.js";
import { pageContext, sendPage } from "../../http/render.js";
import { Choice } from "../../http/validation.js";
import { LOCALES } from "../../i18n/index.js";
import { SEARCH_TYPES } from "../search.model.js";
import { runSearch } from "../search.service.js";
import { SearchPage } from "./search.view.js";

const OrNone = <const V extends readonly string[]>(values: V) => Choice(["", ...values] as const);

/** A query string longer than this is not read at all (the page says the limit for less). */
const MAX_RAW_QUERY = 2000;

export function searchQuerySchema(topics: readonly ResourceTopic[]) {
  return Type.Object({
    q: Type.Optional(Type.String({ maxLength: MAX_RAW_QUERY })),
    type: Type.Optional(OrNone(SEARCH_TYPES)),
    lang: Type.Optional(OrNone(LOCALES.map((l) => l.tag))),
    topic: Type.Optional(OrNone(topics)),
    page: Type.Optional(Type.String({ pattern: "^[1-9][0-9]{0,3}$" })),
  });
}

export async function searchRoutes(
  app: FastifyInstance,
  options: { topics: readonly ResourceTopic[]; indexReady: () => Promise<unknown> },
) {
  registerPage(
    app,
    "/search",
    { schema: { querystring: searchQuerySchema(options.topics) } },
    async (request, reply) => {
      const query = request.query;
      const filters = {
        q: query.q ?? "",
        type: query.type ?? "",
        lang: query.lang ?? "",
        topic: query.topic ?? "",
      };
      await options.indexReady();
      const outcome = await runSearch(app.db, {
        q: filters.q,
        types: query.type ? [query.type] : undefined,
        lang: filters.lang || undefined,
        topic: filters.topic || undefined,
        page: Number(query.page ?? "1"),
        readerLocale: request.locale.tag,
        now: new Date(),
      });
      const ctx = pageContext(request);
      return sendPage(
        reply,
        <SearchPage ctx={ctx} filters={filters} outcome={outcome} topics={options.topics} />,
        outcome.kind === "too_long" ? 400 : 200,
      );
    },
  );
}
