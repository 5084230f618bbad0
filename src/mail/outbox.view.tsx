import { AdminBreadcrumb } from "../http/admin-home.view.js";
import { Layout } from "../views/layout.js";
import type { PageContext } from "../views/page-context.js";
import type { OutboxMessage } from "./outbox.queries.js";

/** The outbox: the latest messages the site wrote, newest first, each body behind its subject. */
export function OutboxPage({ ctx, messages }: { ctx: PageContext; messages: OutboxMessage[] }) {
  const { t } = ctx;
  const date = new Intl.DateTimeFormat(ctx.locale.intl, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "UTC",
  });
  return (
    <Layout ctx={ctx} title={t("admin.outbox.title")} noindex>
      <div class="grid-container usa-section">
        <AdminBreadcrumb ctx={ctx} current={t("admin.outbox.title")} />
        <h1 safe>{t("admin.outbox.title")}</h1>
        <p safe>{t("admin.outbox.intro")}</p>
        {messages.length === 0 ? (
          <p safe>{t("admin.outbox.none")}</p>
        ) : (
          <table class="usa-table usa-table--borderless usa-table--stacked">
            <caption safe>{t("admin.outbox.title")}</caption>
            <thead>
              <tr>
                <th scope="col" safe>
                  {t("admin.outbox.column.created")}
                </th>
                <th scope="col" safe>
                  {t("admin.outbox.column.to")}
                </th>
                <th scope="col" safe>
                  {t("admin.outbox.column.subject")}
                </th>
                <th scope="col" safe>
                  {t("admin.outbox.column.status")}
                </th>
              </tr>
            </thead>
            <tbody>
              {messages.map((m) => (
                <tr>
                  <td safe>{date.format(new Date(m.created_at))}</td>
                  <td safe>{m.to_address}</td>
                  <th scope="row" lang={m.locale}>
                    <details>
                      <summary safe>{m.subject}</summary>
                      <pre class="cfa-prewrap" safe>
                        {m.text_body}
                      </pre>
                    </details>
                  </th>
                  <td safe>{t(`admin.outbox.status.${m.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </Layout>
  );
}
