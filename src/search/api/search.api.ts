// GET /api/v1/search?q=&type=&lang=&topic=&prefer=&page=: the same search as /search, as JSON
// (in the OpenAPI document). A snippet is plain text; `highlights` says where the matched words
// stand in it, so a client marks them without parsing markup.
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import type { ResourceTopic } from "../../db/index.js";
import { appError } from "../../http/errors.js";
import { findLocale, LOCALES, localizedPath } from "../../i18n/index.js";
import { SEARCH_TYPES } from "../search.model.js";
import { runSearch } from "../search.service.js";

const OneOf = <const V extends readonly string[]>(values: V, description: string) =>
  Type.Unsafe<V[number]>({ type: "string", enum: [...values], description });

const TAGS = LOCALES.map((l) => l.tag);

const ResultSchema = Type.Object({
  type: OneOf(SEARCH_TYPES, "What was found"),
  slug: Type.String(),
  title: Type.String(),
  lang: Type.Union([Type.String(), Type.Null()], {
    description: "Language of title and snippet (BCP 47); null for a member, in no one language",
  }),
  snippet: Type.String({ description: "Plain text around the first match" }),
  highlights: Type.Array(Type.Tuple([Type.Integer(), Type.Integer()]), {
    description: "Start and end (UTF-16 offsets) of each matched word in snippet",
  }),
  url: Type.String({ description: "The page, in the language asked for by prefer" }),
  dated: Type.String({ description: "The thing's date (YYYY-MM-DD)" }),
  isDemo: Type.Boolean({ description: "Demo data, not the coalition's" }),
});

export async function searchApi(
  app: FastifyInstance,
  options: { topics: readonly ResourceTopic[]; indexReady: () => Promise<unknown> },
) {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    "/api/v1/search",
    {
      schema: {
        tags: ["search"],
        summary: "Search resources, campaigns, federal rules, members and news in every language",
        querystring: Type.Object({
          q: Type.String({
            maxLength: 2000,
            description:
              "Words in any language; a phrase in quotes; the last word is a prefix unless followed by a space. At most 200 characters.",
          }),
          type: Type.Optional(OneOf(SEARCH_TYPES, "Only results of this kind")),
          lang: Type.Optional(OneOf(TAGS, "Only results in this language")),
          topic: Type.Optional(OneOf(options.topics, "Only results on this topic")),
          prefer: Type.Optional(
            OneOf(TAGS, "The reader's language: results in it come first; urls in it (default en)"),
          ),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 1 })),
        }),
        response: {
          200: Type.Object({
            results: Type.Array(ResultSchema),
            total: Type.Integer({
              description: "How many things matched, counted up to 1,000 (see more)",
            }),
            more: Type.Boolean({ description: "More than total things matched" }),
            page: Type.Integer(),
            pages: Type.Integer(),
          }),
        },
      },
    },
    async (request) => {
      const { q, type, lang, topic } = request.query;
      const prefer = request.query.prefer ?? "en";
      await options.indexReady();
      const outcome = await runSearch(app.db, {
        q,
        types: type ? [type] : undefined,
        lang,
        topic,
        page: request.query.page ?? 1,
        readerLocale: prefer,
        now: new Date(),
      });
      if (outcome.kind === "empty") throw appError("search_query_empty");
      if (outcome.kind === "no_words") throw appError("search_no_words");
      if (outcome.kind === "too_long") {
        throw appError("search_query_too_long", {
          values: { length: outcome.length, limit: outcome.limit },
        });
      }
      const site = findLocale(prefer) ?? findLocale("en");
      return {
        results: outcome.results.map((result) => {
          let snippet = "";
          const highlights: [number, number][] = [];
          for (const part of result.snippet) {
            if (part.mark) highlights.push([snippet.length, snippet.length + part.text.length]);
            snippet += part.text;
          }
          return {
            type: result.type,
            slug: result.slug,
            title: result.title,
            lang: result.locale,
            snippet,
            highlights,
            url: `${app.config.publicUrl}${site ? localizedPath(site, result.path) : result.path}`,
            dated: result.dated,
            isDemo: result.isDemo,
          };
        }),
        total: outcome.total,
        more: outcome.more,
        page: outcome.page,
        pages: outcome.pages,
      };
    },
  );
}
