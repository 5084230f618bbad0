import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { requireAccount } from "../http/account.js";
import { notFound } from "../http/errors.js";
import { type FormProblems, registerFormPost } from "../http/forms.js";
import { registerPage } from "../http/locale.js";
import { authorize } from "../http/policy.js";
import { pageContext, sendPage } from "../http/render.js";
import { DEFAULT_LOCALE, LOCALES, type Locale, localizedPath } from "../i18n/index.js";
import { CONTENT_EDITORS, can } from "./content.policy.js";
import { blockDates, findBody } from "./content.queries.js";
import { BLOCK_KEYS, BlockForm, BlockTarget, ListQuery } from "./editor.schema.js";
import { saveBlock } from "./editor.service.js";
import { ContentEditPage, type ContentRow, ContentTablePage } from "./editor.view.js";

/** The locale a valid tag names (the schemas accept only LOCALES' tags). */
function localeOf(tag: string): Locale {
  const locale = LOCALES.find((l) => l.tag === tag);
  if (!locale) throw notFound();
  return locale;
}

/**
 * Coalition staff edit and translate the site's texts at /admin/content. Register it
 * encapsulated (`app.register`): its one guard hook covers these routes only.
 */
export async function editorRoutes(app: FastifyInstance) {
  app.addHook("onRequest", app.guards.coalition(...CONTENT_EDITORS));

  registerPage(
    app,
    "/admin/content",
    { schema: { querystring: ListQuery }, restricted: true, attachValidation: true },
    async (request, reply) => {
      const rows = await blockDates(app.db);
      const table: ContentRow[] = BLOCK_KEYS.map((key) => ({
        key,
        updated: Object.fromEntries(
          rows.filter((r) => r.key === key).map((r) => [r.locale, r.updated_at]),
        ),
      }));
      // A malformed ?saved= is no notice, not an error: it only ever comes from our redirect.
      const saved = request.validationError ? undefined : request.query.saved;
      const at = saved?.lastIndexOf(":") ?? -1;
      const notice = saved
        ? request.t("admin.content.saved", {
            key: saved.slice(0, at),
            language: localeOf(saved.slice(at + 1)).name,
          })
        : undefined;
      return sendPage(
        reply,
        <ContentTablePage ctx={pageContext(request)} rows={table} notice={notice} />,
      );
    },
  );

  /** The edit form of one block in one language, with the English text beside a translation. */
  async function sendEditPage(
    request: FastifyRequest,
    reply: FastifyReply,
    target: { key: string; locale: Locale },
    form: { body?: string; error?: string },
  ) {
    const [body, english] = await Promise.all([
      form.body === undefined ? findBody(app.db, target.key, target.locale.tag) : form.body,
      findBody(app.db, target.key, DEFAULT_LOCALE.tag),
    ]);
    return sendPage(
      reply,
      <ContentEditPage
        ctx={pageContext(request)}
        blockKey={target.key}
        target={target.locale}
        english={english}
        form={{ csrfToken: reply.generateCsrf(), body: body ?? "", bodyError: form.error }}
      />,
      form.error ? 422 : 200,
    );
  }

  registerPage(
    app,
    "/admin/content/edit",
    { schema: { querystring: BlockTarget }, restricted: true, attachValidation: true },
    async (request, reply) => {
      // Only a known key in a known language has a form: anything else is not found.
      if (request.validationError) throw notFound();
      const { key, locale } = request.query;
      return sendEditPage(request, reply, { key, locale: localeOf(locale) }, {});
    },
  );

  registerFormPost(
    app,
    "/admin/content/edit",
    {
      body: BlockForm,
      invalid: async (request, reply, problems: FormProblems) => {
        // The hidden fields name the block: tampered with, there is no block to show again.
        if (problems.byField.key || problems.byField.locale) throw notFound();
        const { key = "", locale = "", body = "" } = problems.values;
        const error = problems.byField.body;
        return sendEditPage(
          request,
          reply,
          { key, locale: localeOf(locale) },
          { body, error: error ? request.t(error.id, error.values) : undefined },
        );
      },
    },
    async (request, reply) => {
      const account = requireAccount(request);
      const { key, locale, body } = request.body;
      authorize(can(account, "edit", { key, locale }));
      await saveBlock(
        app.db,
        { id: account.user.id, email: account.user.email },
        {
          key,
          locale,
          body,
        },
      );
      return reply.redirect(
        `${localizedPath(request.locale, "/admin/content")}?saved=${key}:${locale}`,
        303,
      );
    },
  );
}
