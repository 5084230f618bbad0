import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { requireAccount } from "../../http/account.js";
import { registerFormPost } from "../../http/forms.js";
import { registerPage } from "../../http/locale.js";
import { authorize } from "../../http/policy.js";
import { pageContext, sendPage } from "../../http/render.js";
import { Choice, untrimmed } from "../../http/validation.js";
import { localizedPath } from "../../i18n/index.js";
import { can } from "../members.policy.js";
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

/** `?done=<inserted>-<updated>-<skipped>` after an import: the notice says so. */
const ImportQuery = Type.Object({ done: Type.Optional(Type.String({ maxLength: 30 })) });
/**
 * The pasted CSV (any text: the preview says what is wrong with it, line by line), kept as typed:
 * trimming a leading blank line would shift every line number the preview names.
 */
const Csv = untrimmed(Type.String());
const PreviewForm = Type.Object({ csv: Csv });
const ApplyForm = Type.Object({ csv: Csv, skip: Type.Optional(Choice(["", "yes"])) });

/** Coalition admins import and export the roster as CSV at /admin/members/import. */
export async function rosterRoutes(app: FastifyInstance) {
  const guard = app.guards.coalition("coalition_admin");

  /** The importer, once the policy agrees. */
  function importer(request: FastifyRequest) {
    const account = requireAccount(request);
    authorize(can(account, "manage_roster"));
    return { id: account.user.id, email: account.user.email };
  }

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
    { schema: { querystring: ImportQuery }, guard, restricted: true },
    async (request, reply) => {
      importer(request);
      const done = DONE.exec(request.query.done ?? "");
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
  );

  registerPage(
    app,
    "/admin/members/export.csv",
    { schema: {}, guard, restricted: true },
    async (request, reply) => {
      importer(request);
      const csv = await exportRosterCsv(app.db);
      return reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", 'attachment; filename="roster.csv"')
        .send(csv);
    },
  );

  registerFormPost(
    app,
    "/admin/members/import/preview",
    { body: PreviewForm, guard, bodyLimit: BODY_LIMIT },
    async (request, reply) => {
      importer(request);
      const { csv } = request.body;
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
  );

  registerFormPost(
    app,
    "/admin/members/import/apply",
    { body: ApplyForm, guard, bodyLimit: BODY_LIMIT },
    async (request, reply) => {
      const actor = importer(request);
      const { csv, skip } = request.body;
      if (csv.trim() === "") return refuse(request, reply, csv, request.t("admin.roster.empty"));
      // Checked again here: the preview the browser saw proves nothing.
      const preview = await previewRosterImport(app.db, csv);
      if (preview.problems.some((p) => p.code === "file_too_large")) {
        return refuse(request, reply, csv, request.t("admin.roster.too_large"));
      }
      try {
        const outcome = await applyRosterImport(app.db, preview, {
          skipBadRows: skip === "yes",
          actor,
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
  );
}
