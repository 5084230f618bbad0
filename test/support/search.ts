// What a visitor finds, for the tests of each feature's search source: the first page of results
// for `q` (the reader's language and filters as given), through the search service.
import assert from "node:assert/strict";
import type { Kysely } from "kysely";
import type { DB } from "../../src/db/index.js";
import {
  runSearch,
  type SearchRequest,
  type SearchResult,
} from "../../src/search/search.service.js";

export async function searchResults(
  db: Kysely<DB>,
  q: string,
  options: Partial<Omit<SearchRequest, "q">> = {},
): Promise<SearchResult[]> {
  const outcome = await runSearch(db, {
    q,
    page: 1,
    readerLocale: "en",
    now: new Date(),
    ...options,
  });
  assert.equal(outcome.kind, "results", `a search for ${q}`);
  return outcome.kind === "results" ? outcome.results : [];
}
