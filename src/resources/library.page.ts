// How every public resource page is sent: from the page cache, keyed also by the latest schedule
// already due, so an item scheduled for later appears when its time comes though nothing was
// written (the data revision alone would keep serving the page without it).
import type { FastifyReply, FastifyRequest } from "fastify";
import { sendCachedPage } from "../http/page-cache.js";
import type { PageContext } from "../views/page-context.js";
import { lastDueAt } from "./resources.queries.js";
import { loadReadingOrders } from "./versions.service.js";

export interface LibraryContext {
  ctx: PageContext;
  now: Date;
  /** The reader's reading order: their language, its fallbacks, English. */
  order: readonly string[];
}

export async function sendLibraryPage(
  request: FastifyRequest,
  reply: FastifyReply,
  render: (library: LibraryContext) => Promise<JSX.Element>,
  variant = "",
) {
  const now = new Date();
  const app = request.server;
  const [due, orders] = await Promise.all([
    lastDueAt(app.db, now),
    loadReadingOrders(app.database),
  ]);
  return sendCachedPage(
    request,
    reply,
    (ctx) => render({ ctx, now, order: orders.orderFor(ctx.locale.tag) }),
    `${variant}|due:${due}`,
  );
}
