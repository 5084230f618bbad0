// Staff upload an item's files at /admin/resources/:slug/files and delete them at
// /admin/resources/:slug/files/:file/delete. The upload is the library's one multipart route
// (decision 0023: the multipart plugin lives in its own context, so no other route takes files).
import multipart from "@fastify/multipart";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { notFound } from "../../http/errors.js";
import { FORM_RATE_LIMIT, registerFormPost } from "../../http/forms.js";
import { registerPage } from "../../http/locale.js";
import { authorize } from "../../http/policy.js";
import { pageContext, sendPage } from "../../http/render.js";
import { Choice } from "../../http/validation.js";
import { LOCALES, localizedPath } from "../../i18n/index.js";
import { can } from "../resources.policy.js";
import { resourcesStore } from "../resources.store.js";
import { filesOfResource, findResourceFile } from "./files.queries.js";
import { addResourceFile, removeResourceFile } from "./files.service.js";
import { checkResourceUpload, UPLOAD_MAX_BYTES, type UploadForm } from "./files.upload.js";
import { ResourceFilesPage } from "./files.view.js";
import { actorOf, loadResource } from "./manage.forms.js";
import type { StaffResource } from "./manage.queries.js";
import { SlugParams } from "./manage.schema.js";

const PATH = "/admin/resources/:slug/files";
const FileParams = Type.Object({
  ...SlugParams.properties,
  file: Type.String({ pattern: "^[0-9a-f-]{36}$" }),
});
const DoneQuery = Type.Object({ done: Type.Optional(Choice(["added", "deleted"])) });
const EMPTY: UploadForm = { values: {}, errors: {} };

export async function fileRoutes(app: FastifyInstance) {
  const store = resourcesStore(app.config.filesDir);

  async function send(
    request: FastifyRequest,
    reply: FastifyReply,
    item: StaffResource,
    form: UploadForm,
    status: number,
    notice?: string,
  ) {
    const title =
      (item.versions.find((v) => v.locale === request.locale.tag) ?? item.versions[0])?.title ??
      item.slug;
    return sendPage(
      reply,
      <ResourceFilesPage
        ctx={pageContext(request)}
        item={{ slug: item.slug, title, isDemo: item.is_demo === 1 }}
        csrfToken={reply.generateCsrf()}
        files={await filesOfResource(app.db, item.id)}
        form={form}
        notice={notice}
      />,
      status,
    );
  }

  const done = (request: FastifyRequest, slug: string, what: string) =>
    `${localizedPath(request.locale, `/admin/resources/${slug}/files`)}?done=${what}`;

  registerPage(
    app,
    PATH,
    { schema: { params: SlugParams, querystring: DoneQuery }, restricted: true },
    async (request, reply) => {
      const item = await loadResource(app.db, request.params.slug);
      authorize(can(request.account, "edit"));
      const what = request.query.done;
      const notice = what ? request.t(`resources-admin.files.done_${what}`) : undefined;
      return send(request, reply, item, EMPTY, 200, notice);
    },
  );

  await app.register(async (uploads) => {
    await uploads.register(multipart, {
      attachFieldsToBody: "keyValues",
      // The file part keeps its name (for people) with its bytes.
      onFile: async (part) => {
        const bytes = await part.toBuffer();
        (part as unknown as { value: unknown }).value = { filename: part.filename, bytes };
      },
      limits: { fileSize: UPLOAD_MAX_BYTES, files: 1, fields: 8, fieldSize: 16 * 1024, parts: 9 },
    });
    for (const locale of LOCALES) {
      uploads.post<{ Params: { slug: string }; Body: unknown }>(
        localizedPath(locale, PATH),
        {
          schema: { params: SlugParams },
          preHandler: app.csrfProtection,
          config: { rateLimit: FORM_RATE_LIMIT },
          // A file over every limit stops the body being read: the page says so at its field.
          errorHandler: async (error, request, reply) => {
            if ((error as { code?: unknown }).code !== "FST_REQ_FILE_TOO_LARGE") throw error;
            const item = await loadResource(app.db, request.params.slug);
            authorize(can(request.account, "edit"));
            const errors = {
              file: request.t("resources-admin.files.error.too_large", {
                limit: UPLOAD_MAX_BYTES / 1024 / 1024,
              }),
            };
            return send(request, reply, item, { values: {}, errors }, 413);
          },
        },
        async (request, reply) => {
          const item = await loadResource(app.db, request.params.slug);
          authorize(can(request.account, "edit"));
          const checked = checkResourceUpload(request.body, request.t, request.locale);
          if (!checked.ok) return send(request, reply, item, checked.form, checked.status);
          await addResourceFile(app.db, store, actorOf(request), item, checked);
          return reply.redirect(done(request, item.slug, "added"), 303);
        },
      );
    }
  });

  registerFormPost(
    app,
    `${PATH}/:file/delete`,
    { params: FileParams, body: Type.Object({}) },
    async (request, reply) => {
      const item = await loadResource(app.db, request.params.slug);
      authorize(can(request.account, "edit"));
      const file = await findResourceFile(app.db, item.id, request.params.file);
      if (!file) throw notFound();
      await removeResourceFile(app.db, store, actorOf(request), item, file);
      return reply.redirect(done(request, item.slug, "deleted"), 303);
    },
  );
}
