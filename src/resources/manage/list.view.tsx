// Staff's list of the library: every item with its type, status, date and a language matrix
// (which versions exist, ready or draft, and which are missing), filterable by a missing language.
import { AdminBreadcrumb } from "../../http/admin-home.view.js";
import { LOCALES, localizedPath } from "../../i18n/index.js";
import { FilterForm, SelectField } from "../../views/form.js";
import { languageName } from "../../views/language-name.js";
import { Layout } from "../../views/layout.js";
import type { PageContext } from "../../views/page-context.js";
import { TableHead } from "../../views/table.js";
import type { ShownStatus } from "./manage.forms.js";
import { StatusTag, typeName } from "./parts.view.js";

export type Cell = "ready" | "draft" | "missing";

export interface ListRow {
  slug: string;
  title: string;
  /** The title's language (another than the page's when the item lacks its version). */
  titleLocale: string;
  type: string;
  shown: ShownStatus;
  datedOn: string;
  isDemo: boolean;
  /** By locale tag. */
  languages: Record<string, Cell>;
}

function LanguageCell({ ctx, cell, tag }: { ctx: PageContext; cell: Cell; tag: string }) {
  const { t } = ctx;
  const language = t(languageName(tag));
  return (
    <span class={`cfa-lang-cell cfa-lang-cell--${cell}`} safe>
      {t(`resources-admin.matrix.${cell}`, { language })}
    </span>
  );
}

export function ResourceListPage({
  ctx,
  rows,
  lacks,
  canEdit,
}: {
  ctx: PageContext;
  rows: ListRow[];
  lacks?: string;
  canEdit: boolean;
}) {
  const { t, locale } = ctx;
  const title = t("resources-admin.list.title");
  const here = localizedPath(locale, "/admin/resources");
  return (
    <Layout ctx={ctx} title={title} noindex>
      <div class="grid-container usa-section">
        <AdminBreadcrumb ctx={ctx} current={title} />
        <h1 safe>{title}</h1>
        {canEdit ? (
          <p>
            <a class="usa-button" href={localizedPath(locale, "/admin/resources/new")} safe>
              {t("resources-admin.list.new")}
            </a>{" "}
            <a
              class="usa-button usa-button--outline"
              href={localizedPath(locale, "/admin/issues")}
              safe
            >
              {t("resources-admin.issues.title")}
            </a>
          </p>
        ) : (
          ""
        )}
        <FilterForm
          action={here}
          legend={t("resources-admin.list.filter")}
          apply={t("resources-admin.list.apply")}
          clear={t("resources-admin.list.clear")}
        >
          <SelectField
            id="resources-lacks"
            name="lacks"
            label={t("resources-admin.list.lacks")}
            value={lacks ?? ""}
            emptyLabel={t("resources-admin.list.any")}
            options={LOCALES.map((l) => ({ value: l.tag, label: t(languageName(l.tag)) }))}
          />
        </FilterForm>
        <p aria-live="polite" safe>
          {t("resources-admin.list.count", { count: rows.length })}
        </p>
        {rows.length === 0 ? (
          ""
        ) : (
          <div class="usa-table-container--scrollable" tabindex="0">
            <table class="usa-table usa-table--stacked cfa-resource-matrix">
              <caption class="usa-sr-only" safe>
                {title}
              </caption>
              <TableHead
                labels={[
                  t("resources-admin.col.title"),
                  t("resources-admin.col.type"),
                  t("resources-admin.col.status"),
                  t("resources-admin.col.date"),
                  ...LOCALES.map((l) => t(languageName(l.tag))),
                ]}
              />
              <tbody>
                {rows.map((r) => (
                  <tr>
                    <th scope="row" data-label={t("resources-admin.col.title")}>
                      <a
                        href={localizedPath(locale, `/admin/resources/${r.slug}`)}
                        lang={r.titleLocale === locale.tag ? undefined : r.titleLocale}
                        safe
                      >
                        {r.title}
                      </a>
                      {r.isDemo ? (
                        <>
                          {" "}
                          <span class="usa-tag cfa-demo__tag" safe>
                            {t("common.demo.label")}
                          </span>
                        </>
                      ) : (
                        ""
                      )}
                    </th>
                    <td data-label={t("resources-admin.col.type")} safe>
                      {t(typeName(r.type))}
                    </td>
                    <td data-label={t("resources-admin.col.status")}>
                      <StatusTag ctx={ctx} shown={r.shown} />
                    </td>
                    <td data-label={t("resources-admin.col.date")}>
                      <time datetime={r.datedOn} safe>
                        {r.datedOn}
                      </time>
                    </td>
                    {LOCALES.map((l) => (
                      <td data-label={t(languageName(l.tag))}>
                        <LanguageCell
                          ctx={ctx}
                          cell={r.languages[l.tag] ?? "missing"}
                          tag={l.tag}
                        />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </Layout>
  );
}
