import { AdminBreadcrumb } from "../http/admin-home.view.js";
import { localizedPath } from "../i18n/index.js";
import { Layout } from "../views/layout.js";
import type { PageContext } from "../views/page-context.js";
import type { OutboxMessage } from "./outbox.queries.js";

export interface OutboxPageProps {
  ctx: PageContext;
  /** The latest messages, newest first. */
  messages: OutboxMessage[];
  /** Messages given up on, newest first, each with its last error. */
  failed: OutboxMessage[];
  /** SMTP is configured: a failed message can be sent again. */
  delivers: boolean;
  csrfToken: string;
}

/** The columns both tables of the outbox start with: when, to whom, what. */
function MessageColumns({ ctx }: { ctx: PageContext }) {
  return (
    <>
      <th scope="col" safe>
        {ctx.t("admin.outbox.column.created")}
      </th>
      <th scope="col" safe>
        {ctx.t("admin.outbox.column.to")}
      </th>
      <th scope="col" safe>
        {ctx.t("admin.outbox.column.subject")}
      </th>
    </>
  );
}

/**
 * The outbox: what failed for good first (its last error, and a button to send it again when
 * SMTP is configured), then the latest messages the site wrote, each body behind its subject.
 */
export function OutboxPage({ ctx, messages, failed, delivers, csrfToken }: OutboxPageProps) {
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
        {failed.length > 0 ? (
          <section aria-labelledby="outbox-failed">
            <h2 id="outbox-failed" safe>
              {t("admin.outbox.failed.title")}
            </h2>
            <p safe>{t(delivers ? "admin.outbox.failed.intro" : "admin.outbox.failed.no_smtp")}</p>
            <table
              class="usa-table usa-table--borderless usa-table--stacked"
              id="outbox-failed-list"
            >
              <caption safe>{t("admin.outbox.failed.title")}</caption>
              <thead>
                <tr>
                  <MessageColumns ctx={ctx} />
                  <th scope="col" safe>
                    {t("admin.outbox.column.error")}
                  </th>
                  {delivers ? (
                    <td>
                      <span class="usa-sr-only" safe>
                        {t("admin.outbox.send_again")}
                      </span>
                    </td>
                  ) : (
                    ""
                  )}
                </tr>
              </thead>
              <tbody>
                {failed.map((m) => (
                  <tr>
                    <td safe>{date.format(new Date(m.created_at))}</td>
                    <td safe>{m.to_address}</td>
                    <th scope="row" lang={m.locale} safe>
                      {m.subject}
                    </th>
                    <td>
                      <code safe>{m.last_error ?? ""}</code>
                    </td>
                    {delivers && m.secret_removed_at ? (
                      <td safe>{t("admin.outbox.link_gone")}</td>
                    ) : delivers ? (
                      <td>
                        <form
                          method="post"
                          action={localizedPath(ctx.locale, "/admin/outbox/send-again")}
                        >
                          <input type="hidden" name="_csrf" value={csrfToken} />
                          <input type="hidden" name="message" value={m.id} />
                          <button type="submit" class="usa-button usa-button--outline" safe>
                            {t("admin.outbox.send_again")}
                          </button>
                        </form>
                      </td>
                    ) : (
                      ""
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ) : (
          ""
        )}
        {failed.length > 0 ? <h2 safe>{t("admin.outbox.latest")}</h2> : ""}
        {messages.length === 0 ? (
          <p safe>{t("admin.outbox.none")}</p>
        ) : (
          <table class="usa-table usa-table--borderless usa-table--stacked" id="outbox-latest">
            <caption safe>{t("admin.outbox.title")}</caption>
            <thead>
              <tr>
                <MessageColumns ctx={ctx} />
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
