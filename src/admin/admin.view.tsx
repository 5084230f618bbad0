import type { OutboxTable } from "../db/index.js";
import { localizedPath } from "../i18n/index.js";
import { Layout } from "../views/layout.js";
import type { PageContext } from "../views/page-context.js";

/** The admin front page: each person sees the links their role opens (`isAdmin` from the route). */
export function AdminHomePage({ ctx, isAdmin }: { ctx: PageContext; isAdmin: boolean }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t("admin.title")} noindex>
      <div class="grid-container usa-section">
        <h1 safe>{t("admin.title")}</h1>
        <ul class="cfa-explore">
          {isAdmin ? (
            <li class="cfa-explore__item">
              <a class="cfa-explore__link" href={localizedPath(locale, "/admin/members")} safe>
                {t("admin.nav.applications")}
              </a>
            </li>
          ) : (
            ""
          )}
          {isAdmin ? (
            <li class="cfa-explore__item">
              <a
                class="cfa-explore__link"
                href={localizedPath(locale, "/admin/members/import")}
                safe
              >
                {t("admin.nav.roster")}
              </a>
            </li>
          ) : (
            ""
          )}
          <li class="cfa-explore__item">
            <a class="cfa-explore__link" href={localizedPath(locale, "/admin/profiles")} safe>
              {t("members.edit.nav")}
            </a>
          </li>
          <li class="cfa-explore__item">
            <a class="cfa-explore__link" href={localizedPath(locale, "/admin/content")} safe>
              {t("admin.nav.content")}
            </a>
          </li>
          {isAdmin ? (
            <li class="cfa-explore__item">
              <a class="cfa-explore__link" href={localizedPath(locale, "/admin/outbox")} safe>
                {t("admin.nav.outbox")}
              </a>
            </li>
          ) : (
            ""
          )}
          {isAdmin ? (
            <li class="cfa-explore__item">
              <a class="cfa-explore__link" href={localizedPath(locale, "/admin/users")} safe>
                {t("team.nav.users")}
              </a>
            </li>
          ) : (
            ""
          )}
          {isAdmin ? (
            <li class="cfa-explore__item">
              <a class="cfa-explore__link" href={localizedPath(locale, "/admin/audit")} safe>
                {t("audit.nav")}
              </a>
            </li>
          ) : (
            ""
          )}
        </ul>
      </div>
    </Layout>
  );
}

export function OutboxPage({ ctx, messages }: { ctx: PageContext; messages: OutboxTable[] }) {
  const { t } = ctx;
  const date = new Intl.DateTimeFormat(ctx.locale.intl, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "UTC",
  });
  return (
    <Layout ctx={ctx} title={t("admin.outbox.title")} noindex>
      <div class="grid-container usa-section">
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
