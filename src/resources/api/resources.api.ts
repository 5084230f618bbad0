// GET /api/v1/resources?type=&topic=&lang=: the visible items (never a draft, unpublished or
// scheduled one), newest first, filtered by type and topic; titles and summaries in `lang` where
// a version is ready in it, else in its fallback order (`locale` says which language each is in).
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { findLocale, localizedPath } from "../../i18n/index.js";
import { LANG_PATTERN } from "../browse/browse.schema.js";
import { showResources } from "../library.service.js";
import { RESOURCE_TOPICS, RESOURCE_TYPES } from "../resources.model.js";
import { visibleResources } from "../resources.queries.js";
import { loadReadingOrders } from "../versions.service.js";

const OneOf = <const V extends readonly string[]>(values: V, description: string) =>
  Type.Unsafe<V[number]>({ type: "string", enum: [...values], description });

const ResourcesQuery = Type.Object({
  type: Type.Optional(OneOf(RESOURCE_TYPES, "Only items of this kind")),
  topic: Type.Optional(OneOf(RESOURCE_TOPICS, "Only items on this topic")),
  lang: Type.Optional(
    Type.String({
      pattern: LANG_PATTERN,
      description:
        "Language of title and summary (BCP 47); where an item has no ready version in it, its fallback (see locale)",
    }),
  ),
});

const ResourceSchema = Type.Object({
  slug: Type.String(),
  type: OneOf(RESOURCE_TYPES, "The item's kind"),
  title: Type.String(),
  summary: Type.String(),
  locale: Type.String({ description: "Language of title and summary (BCP 47)" }),
  fallback: Type.Boolean({ description: "True when locale is not the language asked for" }),
  languages: Type.Array(Type.String(), { description: "Languages with a ready version" }),
  topics: Type.Array(OneOf(RESOURCE_TOPICS, "A topic")),
  datedOn: Type.String({ format: "date", description: "The item's own date" }),
  partner: Type.Union([Type.String(), Type.Null()], { description: "Partner credited" }),
  members: Type.Array(Type.String(), { description: "Slugs of the members it features" }),
  url: Type.String({ description: "The item's page, in the language asked for" }),
  isDemo: Type.Boolean({ description: "Demo data, not a real item" }),
});

export async function resourcesApi(app: FastifyInstance) {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    "/api/v1/resources",
    {
      schema: {
        tags: ["resources"],
        summary: "The resource library's published items, newest first",
        querystring: ResourcesQuery,
        response: { 200: Type.Object({ resources: Type.Array(ResourceSchema) }) },
      },
    },
    async (request) => {
      const { type, topic } = request.query;
      const lang = request.query.lang ?? "en";
      const order = (await loadReadingOrders(app.database)).orderFor(lang);
      const rows = await visibleResources(app.db, new Date(), type ? [type] : undefined);
      const items = await showResources(app.db, rows, order);
      const site = findLocale(lang) ?? findLocale("en");
      return {
        resources: items
          .filter((i) => !topic || i.topics.includes(topic))
          .map((i) => ({
            slug: i.slug,
            type: i.type,
            title: i.version.title,
            summary: i.version.summary,
            locale: i.version.locale,
            fallback: i.fallback,
            languages: i.languages,
            topics: i.topics,
            datedOn: i.datedOn,
            partner: i.partner,
            members: i.members.map((m) => m.slug),
            url: `${app.config.publicUrl}${site ? localizedPath(site, `/resources/${i.slug}`) : `/resources/${i.slug}`}`,
            isDemo: i.isDemo,
          })),
      };
    },
  );
}
