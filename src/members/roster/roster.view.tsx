import { AdminBreadcrumb } from "../../http/admin-home.view.js";
import { localizedPath } from "../../i18n/index.js";
import { Checkbox, ErrorSummary, TextArea } from "../../views/form.js";
import { Layout } from "../../views/layout.js";
import { Notice } from "../../views/notice.js";
import type { PageContext } from "../../views/page-context.js";
import { TableHead } from "../../views/table.js";
import { EXPORT_COLUMNS, MAX_FILE_BYTES, type RosterPreview } from "./roster.schema.js";

export interface ImportForm {
  csrfToken: string;
  csv: string;
  /** Why the pasted text was refused before any row was read (empty, too large). */
  error?: string;
}

/** The paste form at /admin/members/import. */
export function RosterImportPage({
  ctx,
  form,
  notice,
}: {
  ctx: PageContext;
  form: ImportForm;
  notice?: string;
}) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t("admin.roster.title")} noindex>
      <div class="grid-container usa-section">
        <AdminBreadcrumb ctx={ctx} current={t("admin.roster.title")} />
        <h1 safe>{t("admin.roster.title")}</h1>
        {notice ? <Notice kind="success" text={notice} /> : ""}
        <p safe>{t("admin.roster.intro")}</p>
        <p>
          <a href={localizedPath(locale, "/admin/members/export.csv")} download="roster.csv" safe>
            {t("admin.roster.export")}
          </a>
        </p>
        <ErrorSummary
          heading={t("errors.validation")}
          errors={form.error ? [{ id: "roster-csv", message: form.error }] : []}
        />
        <form
          class="usa-form usa-form--large"
          method="post"
          action={localizedPath(locale, "/admin/members/import/preview")}
        >
          <input type="hidden" name="_csrf" value={form.csrfToken} />
          <TextArea
            id="roster-csv"
            name="csv"
            label={t("admin.roster.csv")}
            hint={t("admin.roster.csv.hint", { columns: EXPORT_COLUMNS.join(",") })}
            value={form.csv}
            maxlength={MAX_FILE_BYTES}
            error={form.error}
          />
          <button class="usa-button" type="submit" safe>
            {t("admin.roster.check")}
          </button>
        </form>
      </div>
    </Layout>
  );
}

/** What an import would do, and the form that does it. Nothing is written to show this. */
export function RosterPreviewPage({
  ctx,
  preview,
  csv,
  csrfToken,
  error,
}: {
  ctx: PageContext;
  preview: RosterPreview;
  csv: string;
  csrfToken: string;
  /** Why the import was refused (the problems are in the table). */
  error?: string;
}) {
  const { t, locale } = ctx;
  const count = (action: string) => preview.rows.filter((r) => r.action === action).length;
  const counts: [string, number][] = [
    [t("admin.roster.count.insert"), count("insert")],
    [t("admin.roster.count.update"), count("update")],
    [t("admin.roster.count.unchanged"), count("unchanged")],
    [t("admin.roster.count.bad"), preview.badLines.length],
  ];
  const changes = preview.rows.filter((r) => r.action !== "unchanged");
  const canApply = !preview.fileProblem && preview.rows.some((r) => r.action !== "unchanged");
  return (
    <Layout ctx={ctx} title={t("admin.roster.preview.title")} noindex>
      <div class="grid-container usa-section">
        <AdminBreadcrumb
          ctx={ctx}
          current={t("admin.roster.preview.title")}
          trail={[{ href: "/admin/members/import", label: t("admin.roster.title") }]}
        />
        <h1 safe>{t("admin.roster.preview.title")}</h1>
        {error ? (
          <Notice kind="error" text={error} />
        ) : (
          <p safe>{t("admin.roster.preview.nothing_written")}</p>
        )}
        <dl class="cfa-facts">
          {counts.map(([label, n]) => (
            <div>
              <dt safe>{label}</dt>
              <dd safe>{String(n)}</dd>
            </div>
          ))}
        </dl>
        {preview.ignoredColumns.length ? (
          <Notice
            kind="info"
            text={t("admin.roster.ignored", { columns: preview.ignoredColumns.join(", ") })}
          />
        ) : (
          ""
        )}
        {preview.problems.length ? (
          <>
            <h2 safe>{t("admin.roster.problems")}</h2>
            <table class="usa-table usa-table--borderless usa-table--stacked">
              <caption safe>{t("admin.roster.problems")}</caption>
              <TableHead
                labels={[
                  t("admin.roster.column.line"),
                  t("admin.roster.column.field"),
                  t("admin.roster.column.problem"),
                ]}
              />
              <tbody>
                {preview.problems.map((p) => (
                  <tr>
                    <th scope="row" safe>
                      {p.line ? String(p.line) : t("admin.roster.whole_file")}
                    </th>
                    <td>{p.field ?? ""}</td>
                    <td lang="en" safe>
                      {p.message}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : (
          ""
        )}
        {changes.length ? (
          <>
            <h2 safe>{t("admin.roster.changes")}</h2>
            <table class="usa-table usa-table--borderless usa-table--stacked">
              <caption safe>{t("admin.roster.changes")}</caption>
              <TableHead
                labels={[
                  t("admin.roster.column.line"),
                  t("admin.roster.column.action"),
                  t("admin.roster.column.geoid"),
                  t("admin.roster.column.name"),
                  t("admin.roster.column.changed"),
                ]}
              />
              <tbody>
                {changes.map((r) => (
                  <tr>
                    <td safe>{String(r.line)}</td>
                    <td safe>
                      {t(
                        r.action === "insert"
                          ? "admin.roster.action.insert"
                          : "admin.roster.action.update",
                      )}
                    </td>
                    <td safe>{r.values.geoid}</td>
                    <th scope="row" safe>
                      {`${r.values.name}, ${r.values.state}`}
                    </th>
                    <td>{r.action === "update" ? r.changes.join(", ") : ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : (
          ""
        )}
        {canApply ? (
          <form
            class="usa-form"
            method="post"
            action={localizedPath(locale, "/admin/members/import/apply")}
          >
            <input type="hidden" name="_csrf" value={csrfToken} />
            {/* An input rather than a textarea: a textarea drops a leading line break, which
                would shift every line number. The server checks this text again on apply. */}
            <input type="hidden" name="csv" value={csv} />
            {preview.badLines.length ? (
              <Checkbox
                id="roster-skip"
                name="skip"
                label={t("admin.roster.skip", { count: preview.badLines.length })}
                checked={false}
              />
            ) : (
              ""
            )}
            <button class="usa-button" type="submit" safe>
              {t("admin.roster.apply")}
            </button>
          </form>
        ) : (
          <p safe>{t("admin.roster.nothing_to_apply")}</p>
        )}
      </div>
    </Layout>
  );
}
