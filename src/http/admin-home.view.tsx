import { localizedPath, type MessageKey } from "../i18n/index.js";
import { Layout } from "../views/layout.js";
import type { PageContext } from "../views/page-context.js";

/** An entry as the front page shows it: its texts, its page, and how many things wait there. */
export interface ShownEntry {
  id: string;
  title: MessageKey;
  description: MessageKey;
  href: string;
  waiting: number;
}

/** The admin front page: a link to each page the person's role opens, with what waits there. */
export function AdminHomePage({ ctx, entries }: { ctx: PageContext; entries: ShownEntry[] }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t("admin.title")} noindex>
      <div class="grid-container usa-section">
        <h1 safe>{t("admin.title")}</h1>
        <Waiting ctx={ctx} entries={entries.filter((e) => e.waiting > 0)} />
        <ul class="cfa-explore">
          {entries.map((entry) => (
            <li class="cfa-explore__item" id={`admin-${entry.id}`}>
              <a class="cfa-explore__link" href={localizedPath(locale, entry.href)}>
                <span safe>{t(entry.title)}</span>
                {entry.waiting > 0 ? (
                  <>
                    {" "}
                    <span class="usa-tag bg-secondary-dark" safe>
                      {t("admin.home.attention", { count: entry.waiting })}
                    </span>
                  </>
                ) : (
                  ""
                )}
                <span class="display-block margin-top-1 text-normal" safe>
                  {t(entry.description)}
                </span>
              </a>
            </li>
          ))}
        </ul>
      </div>
    </Layout>
  );
}

/**
 * What waits for staff, first on the page and in words (applications to review, mail that
 * failed), each a link to where it is dealt with; or that nothing does.
 */
function Waiting({ ctx, entries }: { ctx: PageContext; entries: ShownEntry[] }) {
  const { t, locale } = ctx;
  if (entries.length === 0)
    return (
      <p class="usa-intro" safe>
        {t("admin.home.nothing_waiting")}
      </p>
    );
  return (
    <section class="usa-summary-box margin-bottom-4" aria-labelledby="admin-waiting-heading">
      <div class="usa-summary-box__body">
        <h2 class="usa-summary-box__heading" id="admin-waiting-heading" safe>
          {t("admin.home.waiting_heading")}
        </h2>
        <ul class="usa-list cfa-waiting">
          {entries.map((entry) => (
            <li>
              <a class="usa-summary-box__link" href={localizedPath(locale, entry.href)}>
                <span safe>{t(entry.title)}</span>
              </a>
              {": "}
              <strong safe>{t("admin.home.attention", { count: entry.waiting })}</strong>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}

/**
 * The trail above a staff page: Administration › (parents) › this page. `trail` lists the pages
 * between /admin and this one, unprefixed.
 */
export function AdminBreadcrumb({
  ctx,
  current,
  trail = [],
}: {
  ctx: PageContext;
  current: string;
  trail?: { href: string; label: string }[];
}) {
  const { t, locale } = ctx;
  const links = [{ href: "/admin", label: t("admin.title") }, ...trail];
  return (
    <nav class="usa-breadcrumb" aria-label={t("admin.breadcrumb")}>
      <ol class="usa-breadcrumb__list">
        {links.map((link) => (
          <li class="usa-breadcrumb__list-item">
            <a class="usa-breadcrumb__link" href={localizedPath(locale, link.href)}>
              <span safe>{link.label}</span>
            </a>
          </li>
        ))}
        <li class="usa-breadcrumb__list-item usa-current" aria-current="page">
          <span safe>{current}</span>
        </li>
      </ol>
    </nav>
  );
}
