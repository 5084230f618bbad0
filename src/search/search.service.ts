// Answering a query (issue 14): checked, parsed into clauses, looked up in the index (one thing
// once, in the reader's language when it has it), and each result given its snippet.
import type { Kysely } from "kysely";
import { type FulltextClause, type FulltextQuery, searchFulltext } from "../db/fulltext.js";
import type { DB } from "../db/index.js";
import { languageBand, rankedBands } from "./index.service.js";
import { MAX_QUERY_LENGTH, parseQuery } from "./query.js";
import type { SearchType } from "./search.model.js";
import { markedParts, type SnippetPart, snippetOf } from "./snippet.js";

export const PAGE_SIZE = 20;

export interface SearchRequest {
  q: string;
  types?: readonly SearchType[];
  lang?: string;
  topic?: string;
  page: number;
  readerLocale: string;
  now: Date;
  pageSize?: number;
}

export interface SearchResult {
  type: SearchType;
  slug: string;
  /** The page, without a language prefix. */
  path: string;
  title: string;
  /** The title with the matched words marked. */
  titleParts: SnippetPart[];
  /** The result's language; null for one in no particular language. */
  locale: string | null;
  snippet: SnippetPart[];
  dated: string;
  isDemo: boolean;
}

export type SearchOutcome =
  | { kind: "empty" }
  | { kind: "too_long"; length: number; limit: number }
  | { kind: "no_words" }
  | {
      kind: "results";
      /** Things matched, counted up to COUNT_LIMIT; `more` when there are more. */
      total: number;
      more: boolean;
      page: number;
      pages: number;
      results: SearchResult[];
    };

/** What a search asks of the index (db/fulltext.ts). */
export function fulltextQueryOf(
  request: Omit<SearchRequest, "q">,
  clauses: readonly FulltextClause[],
  pageSize = PAGE_SIZE,
): FulltextQuery {
  return {
    clauses,
    now: request.now.toISOString(),
    ...rankedBands(request.readerLocale),
    types: request.types,
    band: request.lang === undefined ? undefined : languageBand(request.lang),
    topic: request.topic,
    limit: pageSize,
    offset: (request.page - 1) * pageSize,
  };
}

export async function runSearch(db: Kysely<DB>, request: SearchRequest): Promise<SearchOutcome> {
  const q = request.q.trim();
  if (q.length === 0) return { kind: "empty" };
  const length = [...q].length;
  if (length > MAX_QUERY_LENGTH) return { kind: "too_long", length, limit: MAX_QUERY_LENGTH };
  const parsed = parseQuery(q);
  if (parsed.clauses.length === 0) return { kind: "no_words" };
  const pageSize = request.pageSize ?? PAGE_SIZE;
  const query = fulltextQueryOf(request, parsed.clauses, pageSize);
  const found = await searchFulltext(db, query);
  const results = found.hits.map((hit) => {
    const fromSummary = snippetOf(hit.summary, parsed.words, parsed.prefixes);
    const snippet =
      fromSummary.matched || !hit.body
        ? fromSummary
        : snippetOf(hit.body, parsed.words, parsed.prefixes);
    return {
      type: hit.type as SearchType,
      slug: hit.slug,
      path: hit.path,
      title: hit.title,
      titleParts: markedParts(hit.title, parsed.words, parsed.prefixes),
      locale: hit.locale,
      snippet: snippet.matched || !hit.summary ? snippet.parts : fromSummary.parts,
      dated: hit.dated,
      isDemo: Number(hit.is_demo) === 1,
    };
  });
  return {
    kind: "results",
    total: found.total,
    more: found.more,
    page: request.page,
    pages: Math.max(1, Math.ceil(found.total / pageSize)),
    results,
  };
}
