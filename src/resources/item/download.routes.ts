// /resources/:slug/files/:file in every locale: a file of a visible item (a draft's, a scheduled
// or unpublished item's is not found, as its page is). Each download adds one to the item's count
// for the file's language (the reader's, for a file without one) and the UTC day: no cookie, no
// address, nothing about who asked. An image shown on the page (`?view=1`) and a browser's
// revalidation (304) are not downloads.
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { withExtension } from "../../files/files.name.js";
import { sendStoredFile } from "../../files/files.serve.js";
import { EXTENSIONS, MEDIA_TYPES } from "../../files/files.sniff.js";
import { notFound } from "../../http/errors.js";
import { LOCALES, localizedPath } from "../../i18n/index.js";
import { countDownload, readyVersionsOf, visibleFile } from "../resources.queries.js";
import { resourcesStore } from "../resources.store.js";

const SLUG = "^[a-z0-9][a-z0-9-]{0,199}$";
const UUID = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";
const Params = Type.Object({
  slug: Type.String({ pattern: SLUG }),
  file: Type.String({ pattern: UUID }),
});
const Query = Type.Object({ view: Type.Optional(Type.String({ maxLength: 1 })) });

const extensionOf = (mediaType: string) => {
  const kind = (Object.keys(MEDIA_TYPES) as (keyof typeof MEDIA_TYPES)[]).find(
    (k) => MEDIA_TYPES[k] === mediaType,
  );
  return kind ? EXTENSIONS[kind] : undefined;
};

export async function downloadRoutes(app: FastifyInstance) {
  const store = resourcesStore(app.config.filesDir);
  for (const locale of LOCALES) {
    app.get<{ Params: { slug: string; file: string }; Querystring: { view?: string } }>(
      localizedPath(locale, "/resources/:slug/files/:file"),
      { schema: { params: Params, querystring: Query }, attachValidation: true },
      async (request, reply) => {
        if (request.validationError) throw notFound();
        const now = new Date();
        const file = await visibleFile(app.db, request.params.slug, request.params.file, now);
        if (!file || (await readyVersionsOf(app.db, [file.resource_id])).length === 0)
          throw notFound();
        const viewed = request.query.view === "1" && file.role === "image";
        const extension = extensionOf(file.media_type);
        const name = extension ? withExtension(file.filename, extension) : file.filename;
        const revalidation = (request.headers["if-none-match"] ?? "").includes(
          `"${file.file_key}"`,
        );
        if (!viewed && !revalidation && (await store.has(file.file_key))) {
          const language = file.locale ?? request.locale.tag;
          await countDownload(app.db, file.resource_id, language, now.toISOString().slice(0, 10));
        }
        const sent = await sendStoredFile(request, reply, store, {
          key: file.file_key,
          mediaType: file.media_type,
          name,
          disposition: file.role === "image" && !viewed ? "attachment" : "inline",
          shared: true,
        });
        if (!sent) throw notFound();
        return sent;
      },
    );
  }
}
