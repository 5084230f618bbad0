import type { FastifyInstance } from "fastify";
import { registerPage } from "../../http/locale.js";
import { sendCachedPage } from "../../http/page-cache.js";
import { coalitionStats } from "./coalition.service.js";
import { FiguresPage } from "./figures.view.js";

/** /about/figures in every locale: how the coalition's totals are computed, from the database. */
export async function figuresRoutes(app: FastifyInstance) {
  registerPage(app, "/about/figures", {}, async (request, reply) =>
    sendCachedPage(request, reply, async (ctx) => (
      <FiguresPage ctx={ctx} stats={await coalitionStats(app.db)} />
    )),
  );
}
