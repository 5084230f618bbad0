// /issues/:slug: an issue page (its title and intro in the reader's language, or labelled in a
// fallback), then its items in the editor's order, grouped as the coalition's own page groups
// them: the video series, toolkits and reports, social media messages, graphics, in the news.
import type { ResourceType } from "../../db/index.js";
import { Layout } from "../../views/layout.js";
import { Markdown } from "../../views/markdown.js";
import type { PageContext } from "../../views/page-context.js";
import type { ShownResource } from "../library.service.js";
import type { IssueVersionRow } from "../resources.queries.js";
import { DemoTag, FallbackNotice, passageLang, ResourceCard } from "../resources.view.js";

export const ISSUE_GROUPS: readonly { id: IssueGroup; types: readonly ResourceType[] }[] = [
  { id: "videos", types: ["video"] },
  { id: "toolkits", types: ["toolkit", "report", "case_study", "fact_sheet"] },
  { id: "social", types: ["social_set"] },
  { id: "graphics", types: ["graphic"] },
  { id: "news", types: ["op_ed", "news", "statement"] },
];
export type IssueGroup = "videos" | "toolkits" | "social" | "graphics" | "news";

/** What a compact entry adds to its card: a video without one yet, a document's partner. */
function Extra({ ctx, item }: { ctx: PageContext; item: ShownResource }) {
  const { t } = ctx;
  if (item.type === "video" && !item.videoUrl)
    return (
      <p class="cfa-video--soon" safe>
        {t("resources.video.soon")}
      </p>
    );
  if (item.partner)
    return (
      <p class="cfa-resource__partner">
        <span safe>{t("resources.item.partner")}</span>{" "}
        <strong lang={ctx.locale.tag === "en" ? undefined : "en"} safe>
          {item.partner}
        </strong>
      </p>
    );
  return "";
}

export function IssuePage({
  ctx,
  version,
  fallback,
  isDemo,
  items,
}: {
  ctx: PageContext;
  version: IssueVersionRow;
  fallback: boolean;
  isDemo: boolean;
  items: ShownResource[];
}) {
  const { t } = ctx;
  const passage = passageLang(ctx, version.locale);
  return (
    <Layout
      ctx={ctx}
      title={version.title}
      description={t("resources.issue.description", { title: version.title })}
    >
      <div class="grid-container usa-section cfa-issue">
        <h1 {...passage} safe>
          {version.title}
        </h1>
        {fallback ? <FallbackNotice ctx={ctx} locale={version.locale} /> : ""}
        {isDemo ? (
          <p>
            <DemoTag ctx={ctx} />
          </p>
        ) : (
          ""
        )}
        {version.intro ? <Markdown ctx={ctx} body={version.intro} locale={version.locale} /> : ""}
        {items.length === 0 ? <p safe>{t("resources.issue.empty")}</p> : ""}
        {ISSUE_GROUPS.map((group) => {
          const members = items.filter((i) => group.types.includes(i.type));
          if (members.length === 0) return "";
          return (
            <section class="cfa-issue__group" aria-labelledby={`group-${group.id}`}>
              <h2 id={`group-${group.id}`} safe>
                {t(`resources.issue.group.${group.id}`)}
              </h2>
              <ul class="usa-list usa-list--unstyled cfa-resource-list">
                {members.map((item) => (
                  <ResourceCard ctx={ctx} item={item} heading="h3">
                    <Extra ctx={ctx} item={item} />
                  </ResourceCard>
                ))}
              </ul>
            </section>
          );
        })}
      </div>
    </Layout>
  );
}
