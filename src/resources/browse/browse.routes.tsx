// /resources: every visible item, filtered by type, topic, language, featured member and year,
// newest first, paged. The query is kept by the language links, like the members directory's.
import type { FastifyInstance } from "fastify";
import { registerPage } from "../../http/locale.js";
import { sendLibraryPage } from "../library.page.js";
import { showResources } from "../library.service.js";
import { visibleResources } from "../resources.queries.js";
import { pageOf } from "../resources.view.js";
import { applyFilters, BrowseQuery, choicesOf, filtersOf, PAGE_SIZE } from "./browse.schema.js";
import { BrowsePage } from "./browse.view.js";

export async function browseRoutes(app: FastifyInstance) {
  registerPage(
    app,
    "/resources",
    { schema: { querystring: BrowseQuery } },
    async (request, reply) => {
      const filters = filtersOf(request.query);
      return sendLibraryPage(request, reply, async ({ ctx, now, order }) => {
        const all = await showResources(app.db, await visibleResources(app.db, now), order);
        const selected = applyFilters(all, filters);
        const { page, pages } = pageOf(request.query.page, selected.length, PAGE_SIZE);
        return (
          <BrowsePage
            ctx={ctx}
            items={selected.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)}
            matching={selected.length}
            total={all.length}
            page={page}
            pages={pages}
            filters={filters}
            choices={choicesOf(all)}
            demo={all.some((i) => i.isDemo)}
          />
        );
      });
    },
  );
}
