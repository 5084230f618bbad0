import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { requireCoalitionRole } from "../../accounts/index.js";
import { registerFormPost } from "../../http/forms.js";
import { registerPage } from "../../http/locale.js";
import { pageContext, sendPage } from "../../http/render.js";
import { localizedPath } from "../../i18n/index.js";
import { exportRosterCsv } from "./roster.export.js";
import { applyRosterImport } from "./roster.import.js";
import { previewRosterImport } from "./roster.preview.js";
import { MAX_FILE_BYTES, RosterImportError } from "./roster.schema.js";
import { RosterImportPage, RosterPreviewPage } from "./roster.view.js";

// The CSV is pasted into a textarea, not uploaded: a file upload needs a multipart parser
// (@fastify/multipart), a dependency the platform does not have. Staff open the file in a text
// editor or spreadsheet, copy it, and paste it.

/**
 * Form bodies are capped at 64 KB app-wide; these two routes take a whole roster. URL encoding
 * can triple a CSV's size (a comma is `%2C`), so the cap lets through any text that
 * previewRosterImport then measures and, above MAX_FILE_BYTES, refuses with a message.
 */
const BODY_LIMIT = 3 * MAX_FILE_BYTES + 64 * 1024;
const DONE = /^(\d{1,7})-(\d{1,7})-(\d{1,7})$/;

/** The pasted CSV, as sent: not trimmed, so that line numbers match the staff's file. */
function csvOf(request: FastifyRequest): string {
  const body = request.body as Record<string, unknown> | undefined;
  const csv = body?.csv;
  return typeof csv === "string" ? csv : "";
}

/** Coalition admins import and export the roster as CSV at /admin/members/import. */
export async function rosterAdminRoutes(app: FastifyInstance) {
  const guard = requireCoalitionRole("coalition_admin");

  /** The paste form again, with why its text was refused. */
  function refuse(request: FastifyRequest, reply: FastifyReply, csv: string, error: string) {
    // A too-large paste is not echoed back into the page.
    const echo = Buffer.byteLength(csv, "utf8") > MAX_FILE_BYTES ? "" : csv;
    return sendPage(
      reply,
      <RosterImportPage
        ctx={pageContext(request)}
        form={{ csrfToken: reply.generateCsrf(), csv: echo, error }}
      />,
      422,
    );
  }

  registerPage(
    app,
    "/admin/members/import",
    async (request, reply) => {
      const done = DONE.exec(String((request.query as Record<string, unknown>).done ?? ""));
      const notice = done
        ? request.t("admin.roster.done", {
            inserted: Number(done[1]),
            updated: Number(done[2]),
            skipped: Number(done[3]),
          })
        : undefined;
      return sendPage(
        reply,
        <RosterImportPage
          ctx={pageContext(request)}
          form={{ csrfToken: reply.generateCsrf(), csv: "" }}
          notice={notice}
        />,
      );
    },
    { preHandler: guard, restricted: true },
  );

  registerPage(
    app,
    "/admin/members/export.csv",
    async (_request, reply) => {
      const csv = await exportRosterCsv(app.db);
      return reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", 'attachment; filename="roster.csv"')
        .send(csv);
    },
    { preHandler: guard, restricted: true },
  );
  registerFormPost(
    app,
    "/admin/members/import/preview",
    async (request, reply) => {
      const csv = csvOf(request);
      if (csv.trim() === "") return refuse(request, reply, csv, request.t("admin.roster.empty"));
      const preview = await previewRosterImport(app.db, csv);
      if (preview.problems.some((p) => p.code === "file_too_large")) {
        return refuse(request, reply, csv, request.t("admin.roster.too_large"));
      }
      return sendPage(
        reply,
        <RosterPreviewPage
          ctx={pageContext(request)}
          preview={preview}
          csv={csv}
          csrfToken={reply.generateCsrf()}
        />,
      );
    },
    { guard: guard, bodyLimit: BODY_LIMIT },
  );

  registerFormPost(
    app,
    "/admin/members/import/apply",
    async (request, reply) => {
      const csv = csvOf(request);
      if (csv.trim() === "") return refuse(request, reply, csv, request.t("admin.roster.empty"));
      // Checked again here: the preview the browser saw proves nothing.
      const preview = await previewRosterImport(app.db, csv);
      if (preview.problems.some((p) => p.code === "file_too_large")) {
        return refuse(request, reply, csv, request.t("admin.roster.too_large"));
      }
      const skipBadRows = (request.body as Record<string, unknown>).skip === "yes";
      try {
        const outcome = await applyRosterImport(app.db, preview, {
          skipBadRows,
          actor: request.account
            ? { id: request.account.user.id, email: request.account.user.email }
            : undefined,
        });
        const done = `${outcome.inserted}-${outcome.updated}-${outcome.skipped}`;
        return reply.redirect(
          `${localizedPath(request.locale, "/admin/members/import")}?done=${done}`,
          303,
        );
      } catch (error) {
        if (!(error instanceof RosterImportError)) throw error;
        return sendPage(
          reply,
          <RosterPreviewPage
            ctx={pageContext(request)}
            preview={preview}
            csv={csv}
            csrfToken={reply.generateCsrf()}
            error={request.t("admin.roster.refused", { reason: error.message })}
          />,
          422,
        );
      }
    },
    { guard: guard, bodyLimit: BODY_LIMIT },
  );
}
