// /resources' filters (type, topic, language, featured member, year) and paging: the query's
// schema, and choosing the items that match. An empty value is no filter, as an emptied field of
// the GET form sends it.
import { type Static, Type } from "typebox";
import type { ResourceTopic, ResourceType } from "../../db/index.js";
import { Choice } from "../../http/validation.js";
import type { FeaturedMember, ShownResource } from "../library.service.js";
import { RESOURCE_TOPICS, RESOURCE_TYPES } from "../resources.model.js";

const OrNone = <const V extends readonly string[]>(values: V) => Choice(["", ...values] as const);

/** A BCP 47 tag as versions are stored ("en", "zh-Hans"), or nothing. */
export const LANG_PATTERN = "^([A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3})?$";
const SLUG_PATTERN = "^([a-z0-9][a-z0-9-]{0,99})?$";

export const BrowseQuery = Type.Object({
  type: Type.Optional(OrNone(RESOURCE_TYPES)),
  topic: Type.Optional(OrNone(RESOURCE_TOPICS)),
  lang: Type.Optional(Type.String({ pattern: LANG_PATTERN })),
  member: Type.Optional(Type.String({ pattern: SLUG_PATTERN })),
  year: Type.Optional(Type.String({ pattern: "^([12][0-9]{3})?$" })),
  page: Type.Optional(Type.String({ pattern: "^[1-9][0-9]{0,3}$" })),
});
export type BrowseQuery = Static<typeof BrowseQuery>;

export interface BrowseFilters {
  type: ResourceType | "";
  topic: ResourceTopic | "";
  lang: string;
  member: string;
  year: string;
}

export const PAGE_SIZE = 20;

export function filtersOf(query: BrowseQuery): BrowseFilters {
  return {
    type: query.type ?? "",
    topic: query.topic ?? "",
    lang: query.lang ?? "",
    member: query.member ?? "",
    year: query.year ?? "",
  };
}

/** The items matching every filter given; a language matches an item with a ready version in it. */
export function applyFilters(items: readonly ShownResource[], f: BrowseFilters): ShownResource[] {
  const lang = f.lang.toLowerCase();
  return items.filter(
    (item) =>
      (!f.type || item.type === f.type) &&
      (!f.topic || item.topics.includes(f.topic)) &&
      (!lang || item.languages.some((l) => l.toLowerCase() === lang)) &&
      (!f.member || item.members.some((m) => m.slug === f.member)) &&
      (!f.year || item.datedOn.startsWith(`${f.year}-`)),
  );
}

/** What the filters offer: the languages, featured members and years the visible items have. */
export function choicesOf(items: readonly ShownResource[]): {
  languages: string[];
  members: FeaturedMember[];
  years: string[];
} {
  const members = new Map<string, FeaturedMember>();
  for (const item of items) for (const m of item.members) members.set(m.slug, m);
  return {
    languages: [...new Set(items.flatMap((i) => i.languages))].sort(),
    members: [...members.values()].sort((a, b) => a.name.localeCompare(b.name, "en")),
    years: [...new Set(items.map((i) => i.datedOn.slice(0, 4)))].sort().reverse(),
  };
}

/** The list's address with these filters and page (empty filters left out). */
export function browseQueryString(filters: BrowseFilters, page = 1): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `?${query}` : "";
}
