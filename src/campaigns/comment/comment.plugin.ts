// The comment action kind (issue 12): members' pages, staff's pages, and the job that files
// approved comments through Regulations.gov when a key is configured.
import type { FastifyInstance } from "fastify";
import { createRegulationsClient } from "../../rules/index.js";
import { commentAdminRoutes } from "./comment.admin.routes.js";
import { commentPdfOfDraft } from "./comment.pdf.js";
import { commentRoutes } from "./comment.routes.js";
import { defineFilingJob } from "./filing/filing.job.js";

export async function commentFeature(app: FastifyInstance) {
  await app.register(commentRoutes);
  await app.register(commentAdminRoutes);
  const { apiKey, apiUrl } = app.config.regulationsGov;
  const client = apiKey ? createRegulationsClient({ apiUrl, apiKey }) : undefined;
  defineFilingJob(app.jobs, {
    db: app.db,
    client: () => client,
    pdf: (draft) => commentPdfOfDraft(app.db, draft.id),
    log: app.log,
  });
}
