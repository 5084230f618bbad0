// Search across everything (issue 14): /search and /api/v1/search over one index that every
// feature keeps true in its own transactions (reindexSearch), rebuilt at start when it was never
// built or was built with other words.
import type { FastifyInstance } from "fastify";
import { isDatabaseUnavailable, type ResourceTopic } from "../db/index.js";
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
  // Checked at start; a database that does not answer then must not stop the site from starting
  // (its pages answer 503), so the first search checks again.
  let checked: Promise<unknown> | undefined;
  const indexReady = () => {
    checked ??= rebuildSearchIndex(app.db, options.sources, { ifStale: true }).catch((error) => {
      checked = undefined;
      throw error;
    });
    return checked;
  };
  const routeOptions = { topics: options.topics, indexReady };
  await app.register(searchRoutes, routeOptions);
  await app.register(searchApi, routeOptions);
  app.addHook("onReady", async () => {
    try {
      await indexReady();
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      app.log.warn(
        { err: error },
        "search index not checked at start: the database is unavailable",
      );
    }
  });
}
