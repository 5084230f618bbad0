// Staff upload an item's files at /admin/resources/:slug/files, see its downloads there, and at
// /admin/resources/:slug/files/:file/{alt,move,delete} edit an image's descriptions, move a file
// up or down the list, and delete it. The upload is the library's one multipart route (decision
// 0023: the multipart plugin lives in its own context, so no other route takes files).
import multipart from "@fastify/multipart";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { notFound } from "../../http/errors.js";
import { FORM_RATE_LIMIT, registerFormPost } from "../../http/forms.js";
import { registerPage } from "../../http/locale.js";
import { authorize } from "../../http/policy.js";
import { pageContext, sendPage } from "../../http/render.js";
import { Choice, Line } from "../../http/validation.js";
import { LOCALES, localizedPath } from "../../i18n/index.js";
import { can } from "../resources.policy.js";
import { downloadCounts } from "../resources.queries.js";
import { resourcesStore } from "../resources.store.js";
import { type AltFormState, fileAnchor } from "./files.list.view.js";
import { filesOfResource, findResourceFile } from "./files.queries.js";
import {
  addResourceFile,
  describeResourceFile,
  moveResourceFile,
  removeResourceFile,
} from "./files.service.js";
import {
  ALT_MAX,
  altField,
  checkResourceUpload,
  requiredAltField,
  UPLOAD_MAX_BYTES,
  type UploadForm,
} from "./files.upload.js";
import { ResourceFilesPage } from "./files.view.js";
import { actorOf, loadResource, refusedMessages } from "./manage.forms.js";
import type { StaffResource } from "./manage.queries.js";
import { LOCALE_TAGS, SlugParams } from "./manage.schema.js";

const PATH = "/admin/resources/:slug/files";
const FileParams = Type.Object({
  ...SlugParams.properties,
  file: Type.String({ pattern: "^[0-9a-f-]{36}$" }),
});
const DoneQuery = Type.Object({
  done: Type.Optional(Choice(["added", "deleted", "alt", "moved"])),
});
const EMPTY: UploadForm = { values: {}, errors: {} };
/** An image's descriptions, one per language (the required one is checked by the handler). */
const AltForm = Type.Object(
  Object.fromEntries(LOCALE_TAGS.map((tag) => [altField(tag), Line({ maxLength: ALT_MAX })])),
);
const MoveForm = Type.Object({ move: Choice(["up", "down"]) });
/** Downloads "in the last 30 days": today (UTC) and the 29 days before. */
const RECENT_DAYS = 30;

/** The first UTC day of the last `days` days, as YYYY-MM-DD. */
const firstDayOfLast = (days: number, now = new Date()) =>
  new Date(now.getTime() - (days - 1) * 86_400_000).toISOString().slice(0, 10);

export async function fileRoutes(app: FastifyInstance) {
  const store = resourcesStore(app.config.filesDir);

  async function send(
    request: FastifyRequest,
    reply: FastifyReply,
    item: StaffResource,
    form: UploadForm,
    status: number,
    more: { notice?: string; altForm?: AltFormState } = {},
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
        altForm={more.altForm}
        downloads={await downloadCounts(app.db, item.id, firstDayOfLast(RECENT_DAYS))}
        notice={more.notice}
      />,
      status,
    );
  }

  const done = (request: FastifyRequest, slug: string, what: string, anchor = "") =>
    `${localizedPath(request.locale, `/admin/resources/${slug}/files`)}?done=${what}${anchor}`;

  /** The item and one of its files (another item's file is not found), for an editor. */
  async function loadFile(request: FastifyRequest, params: { slug: string; file: string }) {
    const item = await loadResource(app.db, params.slug);
    authorize(can(request.account, "edit"));
    const file = await findResourceFile(app.db, item.id, params.file);
    if (!file) throw notFound();
    return { item, file };
  }

  registerPage(
    app,
    PATH,
    { schema: { params: SlugParams, querystring: DoneQuery }, restricted: true },
    async (request, reply) => {
      const item = await loadResource(app.db, request.params.slug);
      authorize(can(request.account, "edit"));
      const what = request.query.done;
      const notice = what ? request.t(`resources-admin.files.done_${what}`) : undefined;
      return send(request, reply, item, EMPTY, 200, { notice });
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
    `${PATH}/:file/alt`,
    {
      params: FileParams,
      body: AltForm,
      invalid: async (request, reply, problems) => {
        const { item, file } = await loadFile(request, request.params);
        if (file.role !== "image") throw notFound();
        const altForm = {
          fileId: file.id,
          values: problems.values,
          errors: refusedMessages(request, problems),
        };
        return send(request, reply, item, EMPTY, 422, { altForm });
      },
    },
    async (request, reply) => {
      const { item, file } = await loadFile(request, request.params);
      if (file.role !== "image") throw notFound();
      const values: Record<string, string> = { ...request.body };
      const required = requiredAltField(file.locale);
      if (!values[required]) {
        const errors = { [required]: request.t("resources-admin.files.error.alt_required") };
        return send(request, reply, item, EMPTY, 422, {
          altForm: { fileId: file.id, values, errors },
        });
      }
      const alts = Object.fromEntries(
        LOCALE_TAGS.map((tag) => [tag, values[altField(tag)] ?? ""]).filter(([, alt]) => alt),
      );
      await describeResourceFile(app.db, actorOf(request), item, file, alts);
      return reply.redirect(done(request, item.slug, "alt", `#${fileAnchor(file.id)}`), 303);
    },
  );

  registerFormPost(
    app,
    `${PATH}/:file/move`,
    { params: FileParams, body: MoveForm },
    async (request, reply) => {
      const { item, file } = await loadFile(request, request.params);
      await moveResourceFile(app.db, actorOf(request), item, file.id, request.body.move);
      return reply.redirect(done(request, item.slug, "moved", `#${fileAnchor(file.id)}`), 303);
    },
  );

  registerFormPost(
    app,
    `${PATH}/:file/delete`,
    { params: FileParams, body: Type.Object({}) },
    async (request, reply) => {
      const { item, file } = await loadFile(request, request.params);
      await removeResourceFile(app.db, store, actorOf(request), item, file);
      return reply.redirect(done(request, item.slug, "deleted"), 303);
    },
  );
}
