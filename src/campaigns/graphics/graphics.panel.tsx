// A social push's graphics on the campaign page: each image with its alt text in the viewer's
// language (English, marked as such, when there is none in theirs), shown under it too so
// members can paste it where they post, its size, and a link to download it.
import type { Kysely } from "kysely";
import type { DB } from "../../db/index.js";
import type { PageContext } from "../../views/page-context.js";
import { graphicsOf } from "./graphics.queries.js";
import { graphicPath } from "./graphics.view.js";
import { EXTENSIONS } from "./image-type.js";

/** The alt text for `locale`, else English; `lang` is set when it is not the page's language. */
export function altFor(alts: Record<string, string>, locale: string) {
  const own = alts[locale];
  if (own) return { alt: own, lang: undefined };
  return { alt: alts.en ?? "", lang: locale === "en" ? undefined : "en" };
}

export async function GraphicsShown({
  db,
  ctx,
  slug,
  actionId,
}: {
  db: Kysely<DB>;
  ctx: PageContext;
  slug: string;
  actionId: string;
}) {
  const graphics = await graphicsOf(db, actionId);
  if (graphics.length === 0) return "";
  const { t } = ctx;
  const headingId = `graphics-${actionId.slice(0, 8)}`;
  return (
    <section class="cfa-graphics" aria-labelledby={headingId}>
      <h4 id={headingId} safe>
        {t("campaign-graphics.panel.heading")}
      </h4>
      <ul class="usa-list usa-list--unstyled cfa-graphic-list">
        {graphics.map((g, i) => {
          const { alt, lang } = altFor(g.alts, ctx.locale.tag);
          const href = graphicPath(slug, g.id);
          const size = Math.ceil(g.bytes / 1024);
          const extension = EXTENSIONS[g.media_type];
          return (
            <li class="cfa-graphic">
              <img
                class="cfa-graphic-image"
                src={href}
                alt={alt}
                lang={lang}
                width={String(g.width)}
                height={String(g.height)}
                loading="lazy"
              />
              <p class="cfa-graphic-alt">
                {t("campaign-graphics.panel.alt", { alt: "\u0000" })
                  .split("\u0000")
                  .map((part, k) =>
                    k === 0 ? (
                      <span safe>{part}</span>
                    ) : (
                      <>
                        <span lang={lang} safe>
                          {alt}
                        </span>
                        {part ? <span safe>{part}</span> : ""}
                      </>
                    ),
                  )}
              </p>
              <p class="usa-hint" safe>
                {t("campaign-graphics.panel.size", { width: g.width, height: g.height, size })}
              </p>
              <p>
                <a
                  class="usa-link"
                  href={href}
                  download={`graphic-${g.id.slice(0, 8)}.${extension}`}
                  safe
                >
                  {t("campaign-graphics.panel.download", {
                    number: i + 1,
                    type: extension.toUpperCase(),
                    size,
                  })}
                </a>
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
