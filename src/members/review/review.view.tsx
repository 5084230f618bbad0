import { AdminBreadcrumb } from "../../http/admin-home.view.js";
import { localizedPath } from "../../i18n/index.js";
import { ErrorSummary, TextArea } from "../../views/form.js";
import { Layout } from "../../views/layout.js";
import { Notice } from "../../views/notice.js";
import type { PageContext } from "../../views/page-context.js";
import { richMessage, Shown } from "../../views/shown.js";
import { TableHead } from "../../views/table.js";
import type { Application } from "../join/applications.queries.js";
import { censusKindOf, executiveTitle, geographyName, stateName } from "../names.js";
import { Executive } from "../names.view.js";

type Row = Application;

function formatDate(ctx: PageContext, iso: string | null): string {
  if (!iso) return "";
  return new Intl.DateTimeFormat(ctx.locale.intl, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "UTC",
  }).format(new Date(iso));
}

function ApplicationsTable({
  ctx,
  rows,
  caption,
}: {
  ctx: PageContext;
  rows: Row[];
  caption: string;
}) {
  const { t, locale } = ctx;
  return (
    <table class="usa-table usa-table--borderless usa-table--stacked">
      <caption safe>{caption}</caption>
      <TableHead
        labels={[
          t("admin.applications.column.jurisdiction"),
          t("admin.applications.column.executive"),
          t("admin.applications.column.contact"),
          t("admin.applications.column.received"),
          t("admin.applications.column.status"),
        ]}
      />
      <tbody>
        {rows.map((r) => (
          <tr>
            <th scope="row">
              <a href={localizedPath(locale, `/admin/members/applications/${r.id}`)}>
                {richMessage((v) => t("census.state.in", v), {
                  // The official Census name: staff identify the place by it.
                  name: <Shown ctx={ctx} value={{ text: r.name, english: true }} />,
                  state: (
                    <Shown ctx={ctx} value={{ text: stateName(t, r.state), english: false }} />
                  ),
                })}
              </a>
            </th>
            <td>
              <Executive ctx={ctx} title={r.executive_title} name={r.executive_name} />
            </td>
            <td safe>{`${r.contact_name} <${r.contact_email}>`}</td>
            <td safe>{formatDate(ctx, r.created_at)}</td>
            <td safe>{t(`admin.applications.status.${r.status}`)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ApplicationsPage({
  ctx,
  pending,
  decided,
  notice,
}: {
  ctx: PageContext;
  pending: Row[];
  decided: Row[];
  notice?: string;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("admin.applications.title")} noindex>
      <div class="grid-container usa-section">
        <AdminBreadcrumb ctx={ctx} current={t("admin.applications.title")} />
        <h1 safe>{t("admin.applications.title")}</h1>
        {notice ? <Notice kind="success" text={notice} /> : ""}
        <h2 safe>{t("admin.applications.pending")}</h2>
        {pending.length ? (
          <ApplicationsTable ctx={ctx} rows={pending} caption={t("admin.applications.pending")} />
        ) : (
          <p safe>{t("admin.applications.none")}</p>
        )}
        {decided.length ? (
          <>
            <h2 safe>{t("admin.applications.decided")}</h2>
            <ApplicationsTable ctx={ctx} rows={decided} caption={t("admin.applications.decided")} />
          </>
        ) : (
          ""
        )}
      </div>
    </Layout>
  );
}

export interface DecisionForms {
  csrfToken: string;
  reason: string;
  /** Why the reason was refused (http/validation.ts `fieldMessage`), if it was. */
  reasonError?: string;
}

export function ApplicationPage({
  ctx,
  application: a,
  forms,
}: {
  ctx: PageContext;
  application: Row;
  forms: DecisionForms;
}) {
  const { t, locale } = ctx;
  const base = localizedPath(locale, `/admin/members/applications/${a.id}`);
  const placeName = geographyName(t, a.name, censusKindOf(a.geoid)).text;
  const facts: [string, string][] = [
    [t("admin.application.geoid"), a.geoid],
    [t("admin.application.kind"), t(`members.kind.${a.kind}`)],
    [t("admin.application.state"), stateName(t, a.state)],
    [
      t("admin.application.executive"),
      `${executiveTitle(t, a.executive_title).text} ${a.executive_name}`,
    ],
    [t("admin.application.contact"), [a.contact_name, a.contact_title].filter(Boolean).join(", ")],
    [t("admin.application.email"), a.contact_email],
    [t("admin.application.phone"), a.contact_phone ?? ""],
    [t("admin.application.message"), a.message ?? ""],
    [t("admin.application.language"), a.locale],
    [t("admin.application.received"), formatDate(ctx, a.created_at)],
    [t("admin.applications.column.status"), t(`admin.applications.status.${a.status}`)],
  ];
  if (a.decided_at) facts.push([t("admin.application.decided"), formatDate(ctx, a.decided_at)]);
  if (a.decision_reason) facts.push([t("admin.application.reason"), a.decision_reason]);
  return (
    <Layout ctx={ctx} title={t("admin.application.title", { name: placeName })} noindex>
      <div class="grid-container usa-section">
        <AdminBreadcrumb
          ctx={ctx}
          current={t("admin.application.title", { name: placeName })}
          trail={[{ href: "/admin/members", label: t("admin.applications.title") }]}
        />
        <h1 safe>{t("admin.application.title", { name: placeName })}</h1>
        <dl class="cfa-facts">
          {facts.map(([label, value]) => (
            <div>
              <dt safe>{label}</dt>
              <dd class="cfa-prewrap" safe>
                {value}
              </dd>
            </div>
          ))}
        </dl>
        {a.status !== "pending" ? (
          <p class="usa-alert usa-alert--info usa-alert--slim" safe>
            {t("admin.decided.notice")}
          </p>
        ) : (
          <div class="cfa-decisions">
            <section aria-labelledby="accept-heading">
              <h2 id="accept-heading" safe>
                {t("admin.accept.heading")}
              </h2>
              <p safe>{t("admin.accept.body", { name: placeName })}</p>
              <form method="post" action={`${base}/accept`}>
                <input type="hidden" name="_csrf" value={forms.csrfToken} />
                <button class="usa-button" type="submit" safe>
                  {t("admin.accept.submit")}
                </button>
              </form>
            </section>
            <section aria-labelledby="decline-heading">
              <h2 id="decline-heading" safe>
                {t("admin.decline.heading")}
              </h2>
              <ErrorSummary
                heading={t("errors.validation")}
                errors={
                  forms.reasonError ? [{ id: "decline-reason", message: forms.reasonError }] : []
                }
              />
              <form class="usa-form" method="post" action={`${base}/decline`}>
                <input type="hidden" name="_csrf" value={forms.csrfToken} />
                <TextArea
                  id="decline-reason"
                  name="reason"
                  label={t("admin.decline.reason")}
                  value={forms.reason}
                  maxlength={1000}
                  error={forms.reasonError}
                />
                <button class="usa-button usa-button--secondary" type="submit" safe>
                  {t("admin.decline.submit")}
                </button>
              </form>
            </section>
          </div>
        )}
      </div>
    </Layout>
  );
}
