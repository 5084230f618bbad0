// Staff's issue pages: the list, and one page's form (slug, versions) with its items in order
// (each moved up or down, or taken off, by a button: no script needed) and its status buttons.
import { AdminBreadcrumb } from "../../http/admin-home.view.js";
import { LOCALES, localizedPath } from "../../i18n/index.js";
import { DemoNotice } from "../../views/demo-notice.js";
import { ErrorSummary, SelectField, TextField } from "../../views/form.js";
import { languageName } from "../../views/language-name.js";
import { Layout } from "../../views/layout.js";
import { Notice } from "../../views/notice.js";
import type { PageContext } from "../../views/page-context.js";
import { TableHead } from "../../views/table.js";
import type { ShownStatus } from "./manage.forms.js";
import { RESOURCE_LIMITS } from "./manage.schema.js";
import {
  errorList,
  type FormState,
  inputId,
  StatusButtons,
  StatusTag,
  typeName,
  VersionFields,
} from "./parts.view.js";

export interface IssueListRow {
  slug: string;
  title: string;
  shown: ShownStatus;
  languages: Record<string, "ready" | "draft" | "missing">;
}

export function IssueListPage({ ctx, rows }: { ctx: PageContext; rows: IssueListRow[] }) {
  const { t, locale } = ctx;
  const title = t("resources-admin.issues.title");
  return (
    <Layout ctx={ctx} title={title} noindex>
      <div class="grid-container usa-section">
        <AdminBreadcrumb
          ctx={ctx}
          current={title}
          trail={[{ href: "/admin/resources", label: t("resources-admin.list.title") }]}
        />
        <h1 safe>{title}</h1>
        <p>
          <a class="usa-button" href={localizedPath(locale, "/admin/issues/new")} safe>
            {t("resources-admin.issues.new")}
          </a>
        </p>
        {rows.length === 0 ? (
          <p safe>{t("resources-admin.issues.none")}</p>
        ) : (
          <table class="usa-table usa-table--stacked">
            <caption class="usa-sr-only" safe>
              {title}
            </caption>
            <TableHead
              labels={[
                t("resources-admin.col.title"),
                t("resources-admin.col.status"),
                ...LOCALES.map((l) => t(languageName(l.tag))),
              ]}
            />
            <tbody>
              {rows.map((r) => (
                <tr>
                  <th scope="row" data-label={t("resources-admin.col.title")}>
                    <a href={localizedPath(locale, `/admin/issues/${r.slug}`)} safe>
                      {r.title}
                    </a>
                  </th>
                  <td data-label={t("resources-admin.col.status")}>
                    <StatusTag ctx={ctx} shown={r.shown} />
                  </td>
                  {LOCALES.map((l) => (
                    <td data-label={t(languageName(l.tag))} safe>
                      {t(`resources-admin.matrix.${r.languages[l.tag] ?? "missing"}`, {
                        language: t(languageName(l.tag)),
                      })}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </Layout>
  );
}

export interface IssueSummary {
  slug: string;
  title: string;
  status: "draft" | "published" | "unpublished";
  isDemo: boolean;
  editors: Record<string, { name: string | null; at: string }>;
  items: {
    id: string;
    slug: string;
    title: string;
    /** The title's language (another than the page's when the item lacks its version). */
    titleLocale: string;
    type: string;
    shown: ShownStatus;
  }[];
  /** Items that may be added (not on the page yet). */
  choices: { slug: string; title: string; type: string }[];
}

export function IssueEditPage({
  ctx,
  form,
  issue,
  canPublish,
  notice,
}: {
  ctx: PageContext;
  form: FormState;
  issue?: IssueSummary;
  canPublish: boolean;
  notice?: string;
}) {
  const { t, locale } = ctx;
  const title = issue
    ? t("resources-admin.edit.title", { title: issue.title })
    : t("resources-admin.issues.new");
  const base = issue ? `/admin/issues/${issue.slug}` : "/admin/issues/new";
  return (
    <Layout ctx={ctx} title={title} noindex>
      <div class="grid-container usa-section">
        <AdminBreadcrumb
          ctx={ctx}
          current={issue ? issue.title : t("resources-admin.issues.new")}
          trail={[
            { href: "/admin/resources", label: t("resources-admin.list.title") },
            { href: "/admin/issues", label: t("resources-admin.issues.title") },
          ]}
        />
        <h1 safe>{title}</h1>
        {notice ? <Notice kind="success" text={notice} /> : ""}
        <ErrorSummary heading={t("resources-admin.error.heading")} errors={errorList(form)} />
        {issue?.isDemo ? <DemoNotice ctx={ctx} text={t("resources-admin.demo")} /> : ""}
        {issue ? (
          <section aria-labelledby="issue-status">
            <h2 id="issue-status" safe>
              {t("resources-admin.status.heading")}
            </h2>
            <p>
              <StatusTag ctx={ctx} shown={issue.status} />
            </p>
            {canPublish ? (
              <StatusButtons
                ctx={ctx}
                action={`${base}/status`}
                csrfToken={form.csrfToken}
                status={issue.status}
                publishAt={null}
                scheduleValue=""
                withSchedule={false}
              />
            ) : (
              <p class="usa-hint" safe>
                {t("resources-admin.status.admins_publish")}
              </p>
            )}
            <IssueItems ctx={ctx} issue={issue} csrfToken={form.csrfToken} />
          </section>
        ) : (
          ""
        )}
        <form class="usa-form usa-form--large" method="post" action={localizedPath(locale, base)}>
          <input type="hidden" name="_csrf" value={form.csrfToken} />
          <TextField
            id={inputId("slug")}
            name="slug"
            label={t("resources-admin.form.slug")}
            hint={t("resources-admin.issues.slug_hint")}
            value={form.values.slug ?? ""}
            maxlength={RESOURCE_LIMITS.slug}
            autocomplete="off"
            verbatim
            error={form.errors.slug}
          />
          {LOCALES.map((l) => (
            <VersionFields
              ctx={ctx}
              tag={l.tag}
              form={form}
              editor={issue?.editors[l.tag]}
              kind="issue"
            />
          ))}
          <button class="usa-button" type="submit" safe>
            {t(issue ? "resources-admin.form.save" : "resources-admin.form.create")}
          </button>
        </form>
      </div>
    </Layout>
  );
}

/** The page's items in order, each with its buttons, and the form that adds one at the end. */
function IssueItems({
  ctx,
  issue,
  csrfToken,
}: {
  ctx: PageContext;
  issue: IssueSummary;
  csrfToken: string;
}) {
  const { t, locale } = ctx;
  const move = localizedPath(locale, `/admin/issues/${issue.slug}/items/move`);
  return (
    <>
      <h2 id="issue-items" safe>
        {t("resources-admin.issues.items")}
      </h2>
      {issue.items.length === 0 ? (
        <p safe>{t("resources-admin.issues.no_items")}</p>
      ) : (
        <ol class="usa-list cfa-issue-items" aria-labelledby="issue-items">
          {issue.items.map((item, index) => (
            <li>
              <a
                href={localizedPath(locale, `/admin/resources/${item.slug}`)}
                lang={item.titleLocale === locale.tag ? undefined : item.titleLocale}
                safe
              >
                {item.title}
              </a>{" "}
              <span class="usa-tag" safe>
                {t(typeName(item.type))}
              </span>{" "}
              <StatusTag ctx={ctx} shown={item.shown} />
              <form method="post" action={move} class="cfa-inline-form">
                <input type="hidden" name="_csrf" value={csrfToken} />
                <input type="hidden" name="item" value={item.id} />
                {index > 0 ? (
                  <button
                    class="usa-button usa-button--unstyled"
                    type="submit"
                    name="move"
                    value="up"
                    safe
                  >
                    {t("resources-admin.issues.up", { title: item.title })}
                  </button>
                ) : (
                  ""
                )}{" "}
                {index < issue.items.length - 1 ? (
                  <button
                    class="usa-button usa-button--unstyled"
                    type="submit"
                    name="move"
                    value="down"
                    safe
                  >
                    {t("resources-admin.issues.down", { title: item.title })}
                  </button>
                ) : (
                  ""
                )}{" "}
                <button
                  class="usa-button usa-button--unstyled"
                  type="submit"
                  name="move"
                  value="remove"
                  safe
                >
                  {t("resources-admin.issues.remove", { title: item.title })}
                </button>
              </form>
            </li>
          ))}
        </ol>
      )}
      {issue.choices.length ? (
        <form
          method="post"
          action={localizedPath(locale, `/admin/issues/${issue.slug}/items`)}
          class="usa-form"
        >
          <input type="hidden" name="_csrf" value={csrfToken} />
          <SelectField
            id="issue-add-item"
            name="item"
            label={t("resources-admin.issues.add_label")}
            value=""
            options={issue.choices.map((c) => ({
              value: c.slug,
              label: `${c.title} (${t(typeName(c.type))})`,
            }))}
          />
          <button class="usa-button usa-button--outline" type="submit" safe>
            {t("resources-admin.issues.add")}
          </button>
        </form>
      ) : (
        ""
      )}
    </>
  );
}
