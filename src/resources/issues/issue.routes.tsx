// /issues/:slug: a published issue page with its visible items (a draft, unpublished or
// scheduled item is left out; an unpublished issue page is not found).
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { notFound } from "../../http/errors.js";
import { registerPage } from "../../http/locale.js";
import { sendLibraryPage } from "../library.page.js";
import { showResources } from "../library.service.js";
import {
  issueItemIds,
  publishedIssueBySlug,
  readyIssueVersions,
  visibleResourcesByIds,
} from "../resources.queries.js";
import { chooseVersion } from "../versions.service.js";
import { IssuePage } from "./issue.view.js";

const SLUG = "^[a-z0-9][a-z0-9-]{0,199}$";
const IssueParams = Type.Object({ slug: Type.String({ pattern: SLUG }) });

export async function issueRoutes(app: FastifyInstance) {
  registerPage(
    app,
    "/issues/:slug",
    { schema: { params: IssueParams }, attachValidation: true },
    async (request, reply) => {
      if (request.validationError) throw notFound();
      const issue = await publishedIssueBySlug(app.db, request.params.slug);
      if (!issue) throw notFound();
      const versions = await readyIssueVersions(app.db, issue.id);
      if (versions.length === 0) throw notFound();
      return sendLibraryPage(request, reply, async ({ ctx, now, order }) => {
        const chosen = chooseVersion(versions, order);
        if (!chosen) throw notFound();
        const ids = await issueItemIds(app.db, issue.id);
        const rows = new Map((await visibleResourcesByIds(app.db, ids, now)).map((r) => [r.id, r]));
        const inOrder = ids.flatMap((id) => rows.get(id) ?? []);
        return (
          <IssuePage
            ctx={ctx}
            version={chosen.version}
            fallback={chosen.fallback}
            isDemo={issue.is_demo === 1}
            items={await showResources(app.db, inOrder, order)}
          />
        );
      });
    },
  );
}
