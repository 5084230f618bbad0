// Search across everything (issue 14): /search and /api/v1/search over one index that every
// feature keeps true in its own transactions (reindexSearch), rebuilt at start when it was never
// built or was built with other words.
import type { FastifyInstance } from "fastify";
import type { ResourceTopic } from "../db/index.js";
import { searchApi } from "./api/search.api.js";
import { rebuildSearchIndex } from "./index.service.js";
import { searchRoutes } from "./page/search.routes.js";
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
  topics: readonly ResourceTopic[];
}

export async function searchFeature(app: FastifyInstance, options: SearchOptions) {
  await app.register(searchRoutes, { topics: options.topics });
  await app.register(searchApi, { topics: options.topics });
  app.addHook("onReady", async () => {
    await rebuildSearchIndex(app.db, options.sources, { ifStale: true });
  });
}
