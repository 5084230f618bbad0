import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { requireAccount } from "../http/account.js";
import { notFound } from "../http/errors.js";
import { type FormProblems, registerFormPost } from "../http/forms.js";
import { registerPage } from "../http/locale.js";
import { authorize } from "../http/policy.js";
import { pageContext, sendPage } from "../http/render.js";
import { LOCALES, localizedPath } from "../i18n/index.js";
import { languageName } from "../views/language-name.js";
import { CONTENT_EDITORS, can } from "./content.policy.js";
import { blockDates, findBody } from "./content.queries.js";
import {
  BLOCK_KEYS,
  BlockForm,
  type BlockKey,
  BlockTarget,
  bodyField,
  ListQuery,
  seenField,
} from "./editor.schema.js";
import { saveTexts, type TextRefusal, textMark } from "./editor.service.js";
import {
  blockName,
  ContentEditPage,
  type ContentRow,
  ContentTablePage,
  type LanguageField,
} from "./editor.view.js";

/** The message saying why a language was not saved. */
const REFUSAL_MESSAGE = {
  emptied: "admin.content.edit.emptied",
  conflict: "admin.content.edit.conflict",
} as const satisfies Record<TextRefusal, string>;

/** A field as the form sent it back: its text, what it showed, and what is wrong with it. */
interface SentField {
  body: string;
  seen: string;
  error?: string;
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
      return sendPage(
        reply,
        <ContentTablePage
          ctx={pageContext(request)}
          rows={table}
          notice={saved ? savedNotice(request, saved) : undefined}
        />,
      );
    },
  );

  /** "“The ten principles” was saved in Spanish and Simplified Chinese." */
  function savedNotice(request: FastifyRequest, saved: string): string {
    const at = saved.lastIndexOf(":");
    const key = BLOCK_KEYS.find((k) => k === saved.slice(0, at));
    if (!key) return "";
    const name = request.t(blockName(key));
    const tags = saved
      .slice(at + 1)
      .split(",")
      .filter(Boolean);
    if (tags.length === 0) return request.t("admin.content.saved_nothing", { name });
    const languages = new Intl.ListFormat(request.locale.intl, { type: "conjunction" }).format(
      tags.map((tag) => request.t(languageName(tag))),
    );
    return request.t("admin.content.saved", { name, languages });
  }

  /**
   * The edit form of one text, every language side by side: as stored, or as sent back (with
   * each field's problem), with a preview of each language when asked.
   */
  async function sendEditPage(
    request: FastifyRequest,
    reply: FastifyReply,
    key: BlockKey,
    options: { sent?: Record<string, SentField>; preview?: boolean; focus?: string } = {},
  ) {
    const { sent, preview = false, focus } = options;
    const fields: LanguageField[] = await Promise.all(
      LOCALES.map(async (locale) => {
        const stored = await findBody(app.db, key, locale.tag);
        const field = sent?.[locale.tag];
        return {
          locale,
          written: stored !== undefined,
          body: field ? field.body : (stored ?? ""),
          seen: field ? field.seen : textMark(stored),
          error: field?.error,
        };
      }),
    );
    // A refused form's error summary takes the focus (decision 0016): no field competes with it.
    const failed = fields.some((f) => f.error);
    return sendPage(
      reply,
      <ContentEditPage
        ctx={pageContext(request)}
        blockKey={key}
        fields={fields}
        preview={preview && !failed}
        focus={failed ? undefined : focus}
        csrfToken={reply.generateCsrf()}
      />,
      failed ? 422 : 200,
    );
  }

  registerPage(
    app,
    "/admin/content/edit",
    { schema: { querystring: BlockTarget }, restricted: true, attachValidation: true },
    async (request, reply) => {
      // Only a known text has a form, and only a known language is focused: else not found.
      if (request.validationError) throw notFound();
      const { key, locale } = request.query;
      return sendEditPage(request, reply, key, { focus: locale });
    },
  );

  /** Each language's field as the form sent it. */
  function sentFields(values: Record<string, string | undefined>): Record<string, SentField> {
    return Object.fromEntries(
      LOCALES.map((l) => [
        l.tag,
        { body: values[bodyField(l.tag)] ?? "", seen: values[seenField(l.tag)] ?? "" },
      ]),
    );
  }

  registerFormPost(
    app,
    "/admin/content/edit",
    {
      body: BlockForm,
      invalid: async (request, reply, problems: FormProblems) => {
        // The hidden fields name the text and what the form showed: tampered with, there is no
        // form to show again.
        const hidden = ["key", "action", ...LOCALES.map((l) => seenField(l.tag))];
        if (hidden.some((name) => problems.byField[name])) throw notFound();
        const key = BLOCK_KEYS.find((k) => k === problems.values.key);
        if (!key) throw notFound();
        const sent = sentFields(problems.values);
        for (const l of LOCALES) {
          const error = problems.byField[bodyField(l.tag)];
          const field = sent[l.tag];
          if (error && field) field.error = request.t(error.id, error.values);
        }
        return sendEditPage(request, reply, key, { sent });
      },
    },
    async (request, reply) => {
      const account = requireAccount(request);
      const { key, action } = request.body;
      const sent = sentFields(request.body);
      if (action === "preview") return sendEditPage(request, reply, key, { sent, preview: true });
      for (const l of LOCALES) authorize(can(account, "edit", { key, locale: l.tag }));
      const outcome = await saveTexts(
        app.db,
        { id: account.user.id, email: account.user.email },
        key,
        LOCALES.map((l) => ({ locale: l.tag, ...(sent[l.tag] ?? { body: "", seen: "" }) })),
      );
      if ("refused" in outcome) {
        for (const refusal of outcome.refused) {
          const field = sent[refusal.locale];
          if (!field) continue;
          field.error = request.t(REFUSAL_MESSAGE[refusal.reason], {
            language: request.t(languageName(refusal.locale)),
          });
          // Seen now: saving again is the editor's answer to the conflict.
          field.seen = textMark(refusal.current);
        }
        return sendEditPage(request, reply, key, { sent });
      }
      return reply.redirect(
        `${localizedPath(request.locale, "/admin/content")}?saved=${key}:${outcome.saved.join(",")}`,
        303,
      );
    },
  );
}
