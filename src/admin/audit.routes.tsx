import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { requireCoalitionRole } from "../accounts/index.js";
import { registerPage } from "../http/locale.js";
import { pageContext, sendPage } from "../http/render.js";
import {
  allAuditEntries,
  auditChoices,
  listAuditEntries,
  type ParsedAuditQuery,
  parseAuditQuery,
} from "./audit.queries.js";
import { AuditPage } from "./audit.view.js";
import { auditCsv } from "./audit-csv.js";

/** Coalition admins read the audit log at /admin/audit and export it at /admin/audit.csv. */
export async function auditRoutes(app: FastifyInstance) {
  const guard = { preHandler: requireCoalitionRole("coalition_admin"), restricted: true };

  /** The page with its filters; refused filters are shown on the form, with status 422. */
  async function sendAuditPage(
    request: FastifyRequest,
    reply: FastifyReply,
    parsed: ParsedAuditQuery,
    choices: Awaited<ReturnType<typeof auditChoices>>,
  ) {
    const { filters, page, errors } = parsed;
    const listed = errors.length ? undefined : await listAuditEntries(app.db, filters, page);
    return sendPage(
      reply,
      <AuditPage
        ctx={pageContext(request)}
        filters={filters}
        page={page}
        errors={errors}
        choices={choices}
        entries={listed?.entries}
        hasNext={listed?.hasNext ?? false}
      />,
      errors.length ? 422 : 200,
    );
  }

  registerPage(
    app,
    "/admin/audit",
    async (request, reply) => {
      const choices = await auditChoices(app.db);
      const parsed = parseAuditQuery(request.query as Record<string, unknown>, choices);
      return sendAuditPage(request, reply, parsed, choices);
    },
    guard,
  );

  registerPage(
    app,
    "/admin/audit.csv",
    async (request, reply) => {
      const choices = await auditChoices(app.db);
      const parsed = parseAuditQuery(request.query as Record<string, unknown>, choices);
      // A file of the wrong entries is worse than none: the filter form says what to correct.
      if (parsed.errors.length) return sendAuditPage(request, reply, parsed, choices);
      const csv = auditCsv(await allAuditEntries(app.db, parsed.filters));
      return reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", 'attachment; filename="audit-log.csv"')
        .header("cache-control", "no-store")
        .send(csv);
    },
    guard,
  );
}
