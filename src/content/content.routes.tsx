import type { FastifyInstance } from "fastify";
import { recentCampaigns } from "../campaigns/index.js";
import { registerPage } from "../http/locale.js";
import { sendCachedPage } from "../http/page-cache.js";
import { pageContext, sendPage } from "../http/render.js";
import type { MessageKey } from "../i18n/index.js";
import { coalitionStats } from "../members/index.js";
import { AccessibilityPage } from "./accessibility.view.js";
import { findBlocks } from "./content.queries.js";
import { HomePage } from "./home.view.js";
import { PendingPage } from "./pending.view.js";
import { PRINCIPLES_BLOCKS, PrinciplesPage } from "./principles.view.js";

const HOME_BLOCKS = ["home.mission", "home.background", "home.recent_actions"];
const RECENT_CAMPAIGNS = 3;
/**
 * A campaign opens and closes as days pass, with no write to change the data revision: the home
 * page's cache entry is also keyed by the quarter hour (every zone's midnight falls on one), so
 * a status is never more than 15 minutes late.
 */
const QUARTER_HOUR = 15 * 60_000;

// Sections the home page links to that later work will build; each says so until then.
const PENDING: Record<string, MessageKey> = {
  "/resources": "pages.resources.title",
  "/issues/immigration-reform": "pages.reform.title",
  "/news": "pages.news.title",
  "/exchange": "pages.exchange.title",
  "/search": "pages.search.title",
};

export async function contentRoutes(app: FastifyInstance) {
  registerPage(app, "/", {}, async (request, reply) =>
    sendCachedPage(
      request,
      reply,
      async (ctx) => {
        const [stats, blocks, recent] = await Promise.all([
          coalitionStats(app.db),
          findBlocks(app.db, HOME_BLOCKS, ctx.locale),
          recentCampaigns(app.db, ctx.locale.tag, RECENT_CAMPAIGNS),
        ]);
        return <HomePage ctx={ctx} stats={stats} blocks={blocks} recent={recent} />;
      },
      `quarter:${Math.floor(Date.now() / QUARTER_HOUR)}`,
    ),
  );

  registerPage(app, "/accessibility", {}, async (request, reply) =>
    sendPage(
      reply,
      <AccessibilityPage ctx={pageContext(request)} contactEmail={app.config.contactEmail} />,
    ),
  );

  registerPage(app, "/principles", {}, async (request, reply) =>
    sendCachedPage(request, reply, async (ctx) => {
      const blocks = await findBlocks(app.db, PRINCIPLES_BLOCKS, ctx.locale);
      return <PrinciplesPage ctx={ctx} blocks={blocks} />;
    }),
  );

  for (const [path, titleKey] of Object.entries(PENDING)) {
    registerPage(app, path, {}, async (request, reply) =>
      sendPage(reply, <PendingPage ctx={pageContext(request)} titleKey={titleKey} />),
    );
  }
}
