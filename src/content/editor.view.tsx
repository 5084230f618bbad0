import { AdminBreadcrumb } from "../http/admin-home.view.js";
import type { Locale, MessageKey } from "../i18n/index.js";
import { LOCALES, localizedPath } from "../i18n/index.js";
import { ErrorSummary, TextArea } from "../views/form.js";
import { languageName } from "../views/language-name.js";
import { Layout } from "../views/layout.js";
import { Markdown } from "../views/markdown.js";
import { Notice } from "../views/notice.js";
import type { PageContext } from "../views/page-context.js";
import { type BlockKey, bodyField, MAX_BODY, seenField } from "./editor.schema.js";

/** A text's human name ("Background"), from the admin catalog. */
export const blockName = (key: BlockKey): MessageKey => `admin.content.block.${key}.name`;

/** Where the text appears ("Home page — the “Background” section"), from the admin catalog. */
export const blockWhere = (key: BlockKey): MessageKey => `admin.content.block.${key}.where`;

/** The page that shows a text, to look at it there. */
export const blockPage = (key: BlockKey): string => (key.startsWith("home.") ? "/" : "/principles");

export interface ContentRow {
  key: BlockKey;
  /** updated_at of each written language, by locale tag. */
  updated: Record<string, string>;
}

function formatDate(ctx: PageContext, iso: string): string {
  return new Intl.DateTimeFormat(ctx.locale.intl, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "UTC",
  }).format(new Date(iso));
}

function editPath(ctx: PageContext, key: string, focus?: Locale): string {
  const path = `${localizedPath(ctx.locale, "/admin/content/edit")}?key=${encodeURIComponent(key)}`;
  return focus ? `${path}&locale=${encodeURIComponent(focus.tag)}` : path;
}

/**
 * Every text as a stacked list, not a table: a row per text reads the same at 375 px as at 1280.
 * Each names the text, where it appears, and each language's status, a missing one linking to its
 * field.
 */
export function ContentTablePage({
  ctx,
  rows,
  notice,
}: {
  ctx: PageContext;
  rows: ContentRow[];
  notice?: string;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("admin.content.title")} noindex>
      <div class="grid-container usa-section">
        <AdminBreadcrumb ctx={ctx} current={t("admin.content.title")} />
        <h1 safe>{t("admin.content.title")}</h1>
        {notice ? <Notice kind="success" text={notice} /> : ""}
        <p safe>{t("admin.content.intro")}</p>
        <ul class="cfa-texts">
          {rows.map((r) => (
            <li class="cfa-texts__item">
              <h2 class="cfa-texts__name">
                <a href={editPath(ctx, r.key)} safe>
                  {t(blockName(r.key))}
                </a>
              </h2>
              <p class="cfa-texts__where" safe>
                {t(blockWhere(r.key))}
              </p>
              <ul class="cfa-texts__languages">
                {LOCALES.map((l) => {
                  const updated = r.updated[l.tag];
                  const language = t(languageName(l.tag));
                  return updated ? (
                    <li class="cfa-texts__language">
                      <span class="cfa-texts__status" safe>
                        {t("admin.content.status.written", { language })}
                      </span>{" "}
                      <span class="cfa-texts__date" safe>
                        {t("admin.content.status.edited", { date: formatDate(ctx, updated) })}
                      </span>
                    </li>
                  ) : (
                    <li class="cfa-texts__language cfa-texts__language--missing">
                      <a href={editPath(ctx, r.key, l)} safe>
                        {t("admin.content.status.missing", { language })}
                      </a>
                    </li>
                  );
                })}
              </ul>
            </li>
          ))}
        </ul>
      </div>
    </Layout>
  );
}

/** One language of the edit form. */
export interface LanguageField {
  locale: Locale;
  /** Whether the text is written in this language (else the page shows it in English). */
  written: boolean;
  /** The text in the field: as stored, or as sent back. */
  body: string;
  /** What the form showed of it (editor.service.ts `textMark`), sent back hidden. */
  seen: string;
  /** What is wrong with it, with its reason. */
  error?: string;
}

const fieldId = (tag: string) => `content-${tag.toLowerCase()}`;

/**
 * One text in every language, side by side on a wide screen and one under another on a phone:
 * each field labelled with its language and written in it (lang, dir), and under it, when asked,
 * the preview of the Markdown as the page in that language shows it. No script: "Preview" is a
 * submit button that sends the form back with the previews.
 */
export function ContentEditPage({
  ctx,
  blockKey,
  fields,
  preview,
  focus,
  csrfToken,
}: {
  ctx: PageContext;
  blockKey: BlockKey;
  fields: LanguageField[];
  preview: boolean;
  /** The language whose field takes the focus (`?locale=`), when the form has no error. */
  focus?: string;
  csrfToken: string;
}) {
  const { t, locale } = ctx;
  const name = t(blockName(blockKey));
  const title = t("admin.content.edit.title", { name });
  const errors = fields.flatMap((f) =>
    f.error ? [{ id: fieldId(f.locale.tag), message: f.error }] : [],
  );
  return (
    <Layout ctx={ctx} title={title} noindex>
      <div class="grid-container usa-section">
        <AdminBreadcrumb
          ctx={ctx}
          current={name}
          trail={[{ href: "/admin/content", label: t("admin.content.title") }]}
        />
        <h1 safe>{title}</h1>
        <p>
          <span safe>{t(blockWhere(blockKey))}</span>{" "}
          <a href={localizedPath(locale, blockPage(blockKey))} safe>
            {t("admin.content.edit.view_page")}
          </a>
        </p>
        <ErrorSummary heading={t("errors.validation")} errors={errors} />
        <form
          class="usa-form cfa-text-form"
          method="post"
          action={localizedPath(locale, "/admin/content/edit")}
        >
          <input type="hidden" name="_csrf" value={csrfToken} />
          <input type="hidden" name="key" value={blockKey} />
          <p class="usa-hint" safe>
            {t("admin.content.edit.hint")}
          </p>
          <div class="cfa-text-form__languages">
            {fields.map((f) => (
              <LanguageColumn
                ctx={ctx}
                field={f}
                preview={preview}
                focus={focus === f.locale.tag}
              />
            ))}
          </div>
          <div class="cfa-text-form__actions">
            <button class="usa-button" type="submit" name="action" value="save" safe>
              {t("admin.content.edit.submit")}
            </button>
            <button
              class="usa-button usa-button--outline"
              type="submit"
              name="action"
              value="preview"
              safe
            >
              {t("admin.content.edit.preview")}
            </button>
          </div>
        </form>
      </div>
    </Layout>
  );
}

function LanguageColumn({
  ctx,
  field,
  preview,
  focus,
}: {
  ctx: PageContext;
  field: LanguageField;
  preview: boolean;
  focus: boolean;
}) {
  const { t } = ctx;
  const { locale, body } = field;
  const language = t(languageName(locale.tag));
  const id = fieldId(locale.tag);
  return (
    <div class="cfa-text-form__language">
      <input type="hidden" name={seenField(locale.tag)} value={field.seen} />
      <TextArea
        id={id}
        name={bodyField(locale.tag)}
        label={t("admin.content.edit.body", { language })}
        hint={field.written ? undefined : t("admin.content.edit.unwritten")}
        value={body}
        maxlength={MAX_BODY}
        error={field.error}
        lang={locale.tag}
        dir={locale.dir}
        autofocus={focus}
      />
      {preview ? (
        <section class="cfa-text-form__preview" aria-labelledby={`${id}-preview`}>
          <h2 class="cfa-text-form__preview-heading" id={`${id}-preview`} safe>
            {t("admin.content.edit.preview_heading", { language })}
          </h2>
          {body.trim() ? (
            // As the page in that language renders it: the ctx of that language, so no
            // "not translated" label, and the text's own lang and dir around it.
            <div lang={locale.tag} dir={locale.dir}>
              <Markdown ctx={{ ...ctx, locale }} body={body} locale={locale.tag} />
            </div>
          ) : (
            <p safe>{t("admin.content.edit.preview_empty")}</p>
          )}
        </section>
      ) : (
        ""
      )}
    </div>
  );
}
