import { localizedPath } from "../i18n/index.js";
import { Layout } from "../views/layout.js";
import { Markdown } from "../views/markdown.js";
import type { PageContext } from "../views/page-context.js";
import type { Block } from "./content.queries.js";

/** The staff-edited blocks this page shows: the wording lives in content_blocks, not here. */
export const PRINCIPLES_BLOCKS = [
  "principles.intro",
  "principles.list",
  "pledge.intro",
  "pledge.list",
];

function BlockBody({
  ctx,
  block,
  class: className,
}: {
  ctx: PageContext;
  block: Block | undefined;
  class: string;
}) {
  if (!block) return "";
  return (
    <div class={className}>
      <Markdown ctx={ctx} body={block.body} locale={block.locale} />
    </div>
  );
}

export function PrinciplesPage({ ctx, blocks }: { ctx: PageContext; blocks: Map<string, Block> }) {
  const { t, locale } = ctx;
  const pledgeIntro = blocks.get("pledge.intro");
  const pledgeList = blocks.get("pledge.list");
  return (
    <Layout
      ctx={ctx}
      title={t("pages.principles.title")}
      description={t("pages.principles.description", { site: ctx.siteName })}
    >
      <div class="grid-container usa-section">
        <h1 safe>{t("pages.principles.title")}</h1>
        <BlockBody ctx={ctx} block={blocks.get("principles.intro")} class="cfa-principles__intro" />
        <BlockBody ctx={ctx} block={blocks.get("principles.list")} class="cfa-principles__list" />
        {pledgeIntro || pledgeList ? (
          <section class="cfa-pledge" aria-labelledby="pledge-heading">
            <h2 id="pledge-heading" safe>
              {t("pages.principles.pledge_heading")}
            </h2>
            <BlockBody ctx={ctx} block={pledgeIntro} class="cfa-pledge__intro" />
            <BlockBody ctx={ctx} block={pledgeList} class="cfa-pledge__list" />
          </section>
        ) : (
          ""
        )}
        <div class="cfa-principles__join">
          <p safe>{t("pages.principles.join.prompt")}</p>
          <p>
            <a class="usa-button usa-button--big" href={localizedPath(locale, "/join")} safe>
              {t("pages.principles.join.link")}
            </a>
          </p>
        </div>
      </div>
    </Layout>
  );
}
