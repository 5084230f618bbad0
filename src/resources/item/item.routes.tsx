// /resources/:slug: one visible item (a draft, unpublished or scheduled one is not found).
// `?play=1` is the reader pressing play: only then does the page frame the video's host, and
// only then does its Content-Security-Policy allow that one frame.
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { PLATFORMS, shownMessage } from "../../campaigns/index.js";
import { notFound } from "../../http/errors.js";
import { registerPage } from "../../http/locale.js";
import { Choice } from "../../http/validation.js";
import { localizedPath } from "../../i18n/index.js";
import { sendLibraryPage } from "../library.page.js";
import { showResources } from "../library.service.js";
import {
  altsOf,
  filesOf,
  messagesOf,
  readyVersionsOf,
  sectionsOf,
  visibleChildren,
  visibleResourceBySlug,
  visibleResourcesByIds,
} from "../resources.queries.js";
import { shownFiles } from "./files.js";
import { ItemPage } from "./item.view.js";
import { allowFrame, embedOf } from "./video.js";

export const ResourceParams = Type.Object({
  slug: Type.String({ pattern: "^[a-z0-9][a-z0-9-]{0,199}$" }),
});
const ItemQuery = Type.Object({ play: Type.Optional(Choice(["1"])) });

/** The rows in the first language of `order` that has any (else any), and whether it is not the first. */
function inReadingOrder<T extends { locale: string }>(
  rows: readonly T[],
  order: readonly string[],
) {
  const locale = order.find((l) => rows.some((r) => r.locale === l)) ?? rows[0]?.locale;
  return {
    locale: locale ?? order[0] ?? "en",
    rows: rows.filter((r) => r.locale === locale),
    fallback: locale !== undefined && locale !== order[0],
  };
}

export async function itemRoutes(app: FastifyInstance) {
  registerPage(
    app,
    "/resources/:slug",
    { schema: { params: ResourceParams, querystring: ItemQuery }, attachValidation: true },
    async (request, reply) => {
      // A malformed slug is no item: 404, like an unknown one; a bad `play` is no play.
      if (request.validationError && !/^[a-z0-9][a-z0-9-]{0,199}$/.test(request.params.slug))
        throw notFound();
      const row = await visibleResourceBySlug(app.db, request.params.slug, new Date());
      // An item with no ready version has nothing to show in any language.
      if (!row || (await readyVersionsOf(app.db, [row.id])).length === 0) throw notFound();
      const play = !request.validationError && request.query.play === "1";
      const embed = row.type === "video" && row.video_url ? embedOf(row.video_url) : undefined;
      if (play && embed) {
        const policy = reply.getHeader("content-security-policy");
        if (typeof policy === "string")
          reply.header("content-security-policy", allowFrame(policy, embed.origin));
      }
      return sendLibraryPage(
        request,
        reply,
        async ({ ctx, now, order }) => {
          const [item] = await showResources(app.db, [row], order);
          if (!item) throw notFound();
          const sections = inReadingOrder(await sectionsOf(app.db, row.id), order);
          let messages: Parameters<typeof ItemPage>[0]["messages"];
          if (row.type === "social_set") {
            const page = `${ctx.publicUrl}${localizedPath(ctx.locale, `/resources/${row.slug}`)}`;
            const chosen = inReadingOrder(await messagesOf(app.db, row.id), order);
            messages = {
              locale: chosen.locale,
              fallback: chosen.fallback,
              list: chosen.rows
                .map((m) => shownMessage(m, page))
                .sort((a, b) => PLATFORMS.indexOf(a.platform) - PLATFORMS.indexOf(b.platform)),
            };
          }
          const children = row.type === "report" ? await visibleChildren(app.db, row.id, now) : [];
          const parents = row.parent_id
            ? await visibleResourcesByIds(app.db, [row.parent_id], now)
            : [];
          const fileRows = await filesOf(app.db, row.id);
          const alts = await altsOf(
            app.db,
            fileRows.map((f) => f.id),
          );
          const [caseStudies, report] = await Promise.all([
            showResources(app.db, children, order),
            showResources(app.db, parents, order),
          ]);
          return (
            <ItemPage
              ctx={ctx}
              item={item}
              sections={{ rows: sections.rows, fallback: sections.fallback }}
              messages={messages}
              caseStudies={caseStudies}
              report={report[0]}
              video={{ embed, play }}
              files={shownFiles(fileRows, alts, order)}
            />
          );
        },
        play ? "play" : "",
      );
    },
  );
}
