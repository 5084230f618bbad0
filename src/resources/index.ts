// resources/: the resource library (issue 13). The public side: /resources (browse), each item's
// page, issue pages (/issues/:slug), /news with its RSS and Atom feeds, the API, and the section
// of a member's profile listing what features it. The editor's side is manage/ (README.md).
import type { FastifyInstance } from "fastify";
import { resourcesApi } from "./api/resources.api.js";
import { browseRoutes } from "./browse/browse.routes.js";
import { issueRoutes } from "./issues/issue.routes.js";
import { downloadRoutes } from "./item/download.routes.js";
import { itemRoutes } from "./item/item.routes.js";
import { resourcesAdmin } from "./manage/manage.plugin.js";
import { newsRoutes } from "./news/news.routes.js";

// For app.ts to hand to membersFeature: a member's profile lists the resources featuring it.
export { memberResourcesSection } from "./profile/member-resources.section.js";
export { NEWS_TYPES, RESOURCE_TOPICS, RESOURCE_TYPES } from "./resources.model.js";
export { seedDemoResources } from "./resources.seed.js";
export { issueSearchSource, resourceSearchSource } from "./search.source.js";

/** The resource library: its public pages, feeds and API, and the editor's pages (manage/). */
export async function resourcesFeature(app: FastifyInstance) {
  await app.register(resourcesAdmin);
  await app.register(browseRoutes);
  await app.register(itemRoutes);
  await app.register(downloadRoutes);
  await app.register(issueRoutes);
  await app.register(newsRoutes);
  await app.register(resourcesApi);
}
