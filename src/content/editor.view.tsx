import { AdminBreadcrumb } from "../http/admin-home.view.js";
import type { Locale } from "../i18n/index.js";
import { LOCALES, localizedPath } from "../i18n/index.js";
import { ErrorSummary, TextArea } from "../views/form.js";
import { Layout } from "../views/layout.js";
import { Notice } from "../views/notice.js";
import type { PageContext } from "../views/page-context.js";
import { TableHead } from "../views/table.js";
import { MAX_BODY } from "./editor.schema.js";

export interface ContentRow {
  key: string;
  /** updated_at of each existing translation, by locale tag. */
  updated: Record<string, string>;
}

function formatDate(ctx: PageContext, iso: string): string {
  return new Intl.DateTimeFormat(ctx.locale.intl, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "UTC",
  }).format(new Date(iso));
}

function editPath(ctx: PageContext, key: string, locale: Locale): string {
  return `${localizedPath(ctx.locale, "/admin/content/edit")}?key=${encodeURIComponent(key)}&locale=${encodeURIComponent(locale.tag)}`;
}

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
        <table class="usa-table usa-table--borderless usa-table--stacked">
          <caption safe>{t("admin.content.title")}</caption>
          <TableHead labels={[t("admin.content.column.key"), ...LOCALES.map((l) => l.name)]} />
          <tbody>
            {rows.map((r) => (
              <tr>
                <th scope="row">
                  <code safe>{r.key}</code>
                </th>
                {LOCALES.map((l) => {
                  const updated = r.updated[l.tag];
                  return (
                    <td>
                      <a href={editPath(ctx, r.key, l)} safe>
                        {updated
                          ? t("admin.content.updated", { date: formatDate(ctx, updated) })
                          : t("admin.content.missing")}
                      </a>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

export interface ContentForm {
  csrfToken: string;
  body: string;
  /** What is wrong with the text, with its reason ("… 20,001 characters long; the limit …"). */
  bodyError?: string;
}

export function ContentEditPage({
  ctx,
  blockKey,
  target,
  english,
  form,
}: {
  ctx: PageContext;
  blockKey: string;
  target: Locale;
  english: string | undefined;
  form: ContentForm;
}) {
  const { t, locale } = ctx;
  const title = t("admin.content.edit.title", { key: blockKey, language: target.name });
  const error = form.bodyError;
  const showEnglish = target.tag !== "en";
  return (
    <Layout ctx={ctx} title={title} noindex>
      <div class="grid-container usa-section">
        <AdminBreadcrumb
          ctx={ctx}
          current={title}
          trail={[{ href: "/admin/content", label: t("admin.content.title") }]}
        />
        <h1 safe>{title}</h1>
        <ErrorSummary
          heading={t("errors.validation")}
          errors={error ? [{ id: "content-body", message: error }] : []}
        />
        <div class="grid-row grid-gap">
          <div class={showEnglish ? "tablet:grid-col-6" : "grid-col-12"}>
            <form
              class="usa-form usa-form--large"
              method="post"
              action={localizedPath(locale, "/admin/content/edit")}
            >
              <input type="hidden" name="_csrf" value={form.csrfToken} />
              <input type="hidden" name="key" value={blockKey} />
              <input type="hidden" name="locale" value={target.tag} />
              <TextArea
                id="content-body"
                name="body"
                label={t("admin.content.edit.body")}
                hint={t("admin.content.edit.hint")}
                value={form.body}
                maxlength={MAX_BODY}
                error={error}
              />
              <button class="usa-button" type="submit" safe>
                {t("admin.content.edit.submit")}
              </button>
            </form>
          </div>
          {showEnglish ? (
            <div class="tablet:grid-col-6">
              <h2 safe>{t("admin.content.edit.english")}</h2>
              {english === undefined ? (
                <p safe>{t("admin.content.missing")}</p>
              ) : (
                <pre class="cfa-prewrap" lang="en" safe>
                  {english}
                </pre>
              )}
            </div>
          ) : (
            ""
          )}
        </div>
      </div>
    </Layout>
  );
}
