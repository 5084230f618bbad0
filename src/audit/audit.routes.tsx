import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { registerPage } from "../http/locale.js";
import { pageContext, sendPage } from "../http/render.js";
import { auditCsv } from "./audit.csv.js";
import { allAuditEntries, auditChoices, listAuditEntries } from "./audit.queries.js";
import {
  type AuditChoices,
  AuditQuery,
  type ParsedAuditQuery,
  parseAuditQuery,
} from "./audit.schema.js";
import { AuditPage } from "./audit.view.js";

/**
 * Coalition admins read the audit log at /admin/audit and export it at /admin/audit.csv. Register
 * it encapsulated (`app.register`): its one guard hook covers these routes only.
 */
export async function auditRoutes(app: FastifyInstance) {
  app.addHook("onRequest", app.guards.coalition("coalition_admin"));
  const restricted = { schema: { querystring: AuditQuery }, restricted: true };

  /** The page with its filters; refused filters are shown on the form, with status 422. */
  async function sendAuditPage(
    request: FastifyRequest,
    reply: FastifyReply,
    parsed: ParsedAuditQuery,
    choices: AuditChoices,
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

  registerPage(app, "/admin/audit", restricted, async (request, reply) => {
    const choices = await auditChoices(app.db);
    return sendAuditPage(request, reply, parseAuditQuery(request.query, choices), choices);
  });

  registerPage(app, "/admin/audit.csv", restricted, async (request, reply) => {
    const choices = await auditChoices(app.db);
    const parsed = parseAuditQuery(request.query, choices);
    // A file of the wrong entries is worse than none: the filter form says what to correct.
    if (parsed.errors.length) return sendAuditPage(request, reply, parsed, choices);
    const csv = auditCsv(await allAuditEntries(app.db, parsed.filters));
    return reply
      .header("content-type", "text/csv; charset=utf-8")
      .header("content-disposition", 'attachment; filename="audit-log.csv"')
      .header("cache-control", "no-store")
      .send(csv);
  });
}
