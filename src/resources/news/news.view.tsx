// /news: op-eds, news and statements, newest first, paged; its head links the feeds.
import { localizedPath } from "../../i18n/index.js";
import { DemoNotice } from "../../views/demo-notice.js";
import { Layout } from "../../views/layout.js";
import type { PageContext } from "../../views/page-context.js";
import type { ShownResource } from "../library.service.js";
import { Pager, ResourceCard } from "../resources.view.js";

export function NewsPage({
  ctx,
  items,
  page,
  pages,
  demo,
}: {
  ctx: PageContext;
  items: ShownResource[];
  page: number;
  pages: number;
  demo: boolean;
}) {
  const { t, locale } = ctx;
  const path = localizedPath(locale, "/news");
  const feed = (ext: string) => `${ctx.publicUrl}${localizedPath(locale, `/news/feed.${ext}`)}`;
  return (
    <Layout
      ctx={ctx}
      title={t("resources.news.title")}
      description={t("resources.news.intro")}
      feeds={[
        { href: feed("rss"), type: "application/rss+xml", title: t("resources.news.feed_rss") },
        { href: feed("atom"), type: "application/atom+xml", title: t("resources.news.feed_atom") },
      ]}
    >
      <div class="grid-container usa-section">
        <h1 safe>{t("resources.news.title")}</h1>
        <p class="usa-intro" safe>
          {t("resources.news.intro")}
        </p>
        {demo ? <DemoNotice ctx={ctx} text={t("resources.demo")} /> : ""}
        <p class="cfa-news-feeds">
          <a href={localizedPath(locale, "/news/feed.rss")} safe>
            {t("resources.news.feed_rss")}
          </a>{" "}
          <a href={localizedPath(locale, "/news/feed.atom")} safe>
            {t("resources.news.feed_atom")}
          </a>
        </p>
        {items.length === 0 ? (
          <p safe>{t("resources.news.none")}</p>
        ) : (
          <ul class="usa-list usa-list--unstyled cfa-resource-list">
            {items.map((item) => (
              <ResourceCard ctx={ctx} item={item} heading="h2" />
            ))}
          </ul>
        )}
        <Pager
          ctx={ctx}
          page={page}
          pages={pages}
          href={(n) => (n > 1 ? `${path}?page=${n}` : path)}
        />
      </div>
    </Layout>
  );
}
