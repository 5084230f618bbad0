// /news (op-eds, news and statements, newest first, paged) and its feeds in every language:
// /news/feed.rss and /news/feed.atom, each prefixed like the pages (/es/..., /zh-hans/...).
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { registerPage } from "../../http/locale.js";
import { LOCALES, localizedPath } from "../../i18n/index.js";
import { sendLibraryPage } from "../library.page.js";
import { type ShownResource, showResources } from "../library.service.js";
import { NEWS_TYPES } from "../resources.model.js";
import { visibleResources } from "../resources.queries.js";
import { pageOf } from "../resources.view.js";
import { loadReadingOrders } from "../versions.service.js";
import { atomDocument, entryId, type FeedEntry, type FeedMeta, rssDocument } from "./feed.js";
import { NewsPage } from "./news.view.js";

const NewsQuery = Type.Object({
  page: Type.Optional(Type.String({ pattern: "^[1-9][0-9]{0,3}$" })),
});
export const NEWS_PAGE_SIZE = 20;
/** A feed carries the newest items only: readers poll it often. */
export const FEED_SIZE = 50;

export async function newsRoutes(app: FastifyInstance) {
  registerPage(app, "/news", { schema: { querystring: NewsQuery } }, async (request, reply) =>
    sendLibraryPage(request, reply, async ({ ctx, now, order }) => {
      const all = await showResources(
        app.db,
        await visibleResources(app.db, now, NEWS_TYPES),
        order,
      );
      const { page, pages } = pageOf(request.query.page, all.length, NEWS_PAGE_SIZE);
      return (
        <NewsPage
          ctx={ctx}
          items={all.slice((page - 1) * NEWS_PAGE_SIZE, page * NEWS_PAGE_SIZE)}
          page={page}
          pages={pages}
          demo={all.some((i) => i.isDemo)}
        />
      );
    }),
  );

  async function feedOf(
    request: FastifyRequest,
    ext: "rss" | "atom",
  ): Promise<{ meta: FeedMeta; entries: FeedEntry[] }> {
    const { locale, t } = request;
    const base = app.config.publicUrl;
    const order = (await loadReadingOrders(app.database)).orderFor(locale.tag);
    const rows = (await visibleResources(app.db, new Date(), NEWS_TYPES)).slice(0, FEED_SIZE);
    const items = await showResources(app.db, rows, order);
    const entry = (item: ShownResource): FeedEntry => ({
      id: entryId(item.id, base),
      title: item.version.title,
      summary: item.version.summary,
      url: `${base}${localizedPath(locale, `/resources/${item.slug}`)}`,
      lang: item.version.locale,
      published: item.visibleFrom,
      // Atom: an entry is never updated before it was published.
      updated: [item.updatedAt, item.visibleFrom].sort().at(-1) ?? item.visibleFrom,
      category: { term: item.type, label: t(`resources.type.${item.type}`) },
    });
    return {
      meta: {
        title: t("resources.news.feed_title", { site: app.config.siteName }),
        description: t("resources.news.intro"),
        lang: locale.tag,
        selfUrl: `${base}${localizedPath(locale, `/news/feed.${ext}`)}`,
        pageUrl: `${base}${localizedPath(locale, "/news")}`,
        author: app.config.siteName,
      },
      entries: items.map(entry),
    };
  }

  const send = (reply: FastifyReply, type: string, body: string) =>
    reply
      .header("content-type", `${type}; charset=utf-8`)
      .header("cache-control", "no-cache")
      .send(body);

  for (const locale of LOCALES) {
    app.get(localizedPath(locale, "/news/feed.rss"), async (request, reply) => {
      const { meta, entries } = await feedOf(request, "rss");
      return send(reply, "application/rss+xml", rssDocument(meta, entries));
    });
    app.get(localizedPath(locale, "/news/feed.atom"), async (request, reply) => {
      const { meta, entries } = await feedOf(request, "atom");
      return send(reply, "application/atom+xml", atomDocument(meta, entries));
    });
  }
}
