// The directory's filters, one schema for the page (/members) and the API (/api/v1/members):
// the route validates the query with it, one error per refused field.
import { type Static, Type } from "typebox";
import { Choice, Line } from "../../http/validation.js";
import { STATES } from "../states.js";
import { type FilterField, type Filters, KINDS, SIZES, SORTS } from "./directory.service.js";

/** An empty value is no filter, as an emptied field of the form sends it. */
const OrNone = <const V extends readonly string[]>(values: V) => Choice(["", ...values] as const);

export const FilterQuery = Type.Object({
  q: Type.Optional(Line({ maxLength: 100, description: "Part of the name" })),
  state: Type.Optional(OrNone(Object.keys(STATES))),
  kind: Type.Optional(OrNone(KINDS)),
  size: Type.Optional(OrNone(SIZES)),
  joined: Type.Optional(
    Type.String({ pattern: "^((19|20)[0-9]{2})?$", description: "Year joined, YYYY" }),
  ),
  sort: Type.Optional(OrNone(SORTS)),
});
export type FilterQuery = Static<typeof FilterQuery>;

/** The directory page's query: the filters and which page of the list (the API has no pages). */
export const DirectoryQuery = Type.Object({
  ...FilterQuery.properties,
  page: Type.Optional(Type.String({ pattern: "^[1-9][0-9]{0,3}$", description: "Page, from 1" })),
});
export type DirectoryQuery = Static<typeof DirectoryQuery>;

/** Members per page of the directory: a long roster is paged, not one 12,000 px list. */
export const PAGE_SIZE = 50;

/** The page asked for, within 1..last (a missing, refused or too high number is the nearest). */
export function pageOf(
  requested: string | undefined,
  count: number,
): { page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(count / PAGE_SIZE));
  const page = Math.min(pages, Math.max(1, Number(requested) || 1));
  return { page, pages };
}

export const FILTER_FIELDS: readonly FilterField[] = [
  "q",
  "state",
  "kind",
  "size",
  "joined",
  "sort",
];

/**
 * The filters of a query the route validated, less the `refused` fields (a refused filter is
 * reported, not applied; the others still are). Values are trimmed.
 */
export function filtersOf(query: FilterQuery, refused: ReadonlySet<string> = new Set()): Filters {
  const value = <F extends FilterField>(field: F) =>
    refused.has(field) ? "" : (query[field]?.trim() ?? "");
  return {
    q: value("q"),
    state: value("state"),
    kind: refused.has("kind") ? "" : (query.kind ?? ""),
    size: refused.has("size") ? "" : (query.size ?? ""),
    joined: value("joined"),
    sort: (refused.has("sort") ? "" : query.sort) || "name",
  };
}
