// Search across everything (issue 14): /search and /api/v1/search over one index that every
// feature keeps true in its own transactions (reindexSearch), rebuilt at start when it was never
// built or was built with other words.
import type { FastifyInstance } from "fastify";
import { rebuildSearchIndex } from "./index.service.js";
import type { SearchSource } from "./search.model.js";

export { rebuildSearchIndex, reindexSearch } from "./index.service.js";
export {
  SEARCH_TYPES,
  type SearchDocument,
  type SearchSource,
  type SearchType,
  topicId,
} from "./search.model.js";

export interface SearchOptions {
  /** Every feature's source, for rebuilds. */
  sources: readonly SearchSource[];
  /** The topic ids a reader may filter by (the library's vocabulary). */
  topics: readonly string[];
}

export async function searchFeature(app: FastifyInstance, options: SearchOptions) {
  app.addHook("onReady", async () => {
    await rebuildSearchIndex(app.db, options.sources, { ifStale: true });
  });
}
