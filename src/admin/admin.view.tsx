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
