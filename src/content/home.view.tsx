import type { RecentCampaign } from "../campaigns/index.js";
import { formatNumber, localizedPath } from "../i18n/index.js";
import { Citation, type CoalitionStats, Vintage } from "../members/index.js";
import { DemoNotice } from "../views/demo-notice.js";
import { Layout } from "../views/layout.js";
import { Markdown } from "../views/markdown.js";
import type { PageContext } from "../views/page-context.js";
import type { Block } from "./content.queries.js";
import { RecentActions } from "./recent-actions.view.js";

export interface HomeProps {
  ctx: PageContext;
  stats: CoalitionStats;
  blocks: Map<string, Block>;
  /** The latest campaigns, from the campaigns timeline. */
  recent: RecentCampaign[];
}

const EXPLORE = [
  { path: "/members", key: "home.explore.members" },
  { path: "/campaigns", key: "home.explore.campaigns" },
  { path: "/resources", key: "home.explore.resources" },
  { path: "/issues/immigration-reform", key: "home.explore.reform" },
  { path: "/news", key: "home.explore.news" },
  { path: "/exchange", key: "home.explore.exchange" },
  { path: "/join", key: "home.explore.join" },
  { path: "/principles", key: "home.explore.principles" },
  { path: "/search", key: "home.explore.search" },
] as const;

function BlockSection({
  shade,
  ctx,
  id,
  heading,
  block,
}: {
  /** Alternate section backgrounds so neighbouring sections read as separate. */
  shade: boolean;
  ctx: PageContext;
  id: string;
  heading: string;
  block: Block | undefined;
}) {
  if (!block) return "";
  return (
    <section class={shade ? "usa-section usa-section--light" : "usa-section"} aria-labelledby={id}>
      <div class="grid-container">
        <h2 id={id} safe>
          {heading}
        </h2>
        <Markdown ctx={ctx} body={block.body} locale={block.locale} />
      </div>
    </section>
  );
}

function StatCard({
  value,
  label,
  note = "",
}: {
  value: string;
  label: string;
  note?: JSX.Element;
}) {
  return (
    <li class="usa-card tablet:grid-col-4">
      <div class="usa-card__container">
        <div class="usa-card__body">
          <p class="cfa-stat">
            <span class="cfa-stat__value" safe>
              {value}
            </span>{" "}
            <span class="cfa-stat__label" safe>
              {label}
            </span>
          </p>
          {note}
        </div>
      </div>
    </li>
  );
}

/** The surveys a total adds up, most members first (the order of `stats.sources`). */
function vintagesOf(stats: CoalitionStats, measure: "population" | "foreign_born"): string[] {
  return [...new Set(stats.sources.filter((s) => s.measure === measure).map((s) => s.vintage))];
}

/**
 * Says beside a total which surveys it adds up, so a sum of figures from different years is
 * never shown as if it were one count.
 */
function VintageNote({ ctx, vintages }: { ctx: PageContext; vintages: string[] }) {
  if (vintages.length === 0) return "";
  return (
    <p class="cfa-stat__vintage">
      <span safe>{ctx.t("home.stats.vintage", { count: vintages.length })}</span>{" "}
      {vintages.map((vintage, i) => (
        <>
          {i > 0 ? "; " : ""}
          <Vintage ctx={ctx} vintage={vintage} />
        </>
      ))}
    </p>
  );
}

function Stats({ ctx, stats }: { ctx: PageContext; stats: CoalitionStats }) {
  const { t } = ctx;
  const populationVintages = vintagesOf(stats, "population");
  const foreignBornVintages = vintagesOf(stats, "foreign_born");
  // Two totals side by side invite a division: say when it would mix years.
  const mixedYears =
    foreignBornVintages.length > 0 &&
    populationVintages.join("|") !== foreignBornVintages.join("|");
  // The roster's count beside prose about the coalition: say when it is the demo's count.
  const allDemo = stats.demoMembers > 0 && stats.demoMembers === stats.members;
  return (
    <section class="usa-section cfa-stats" aria-labelledby="stats-heading">
      <div class="grid-container">
        <h2 id="stats-heading" safe>
          {t("home.stats.heading")}
        </h2>
        {stats.members === 0 ? (
          <p safe>{t("home.stats.empty")}</p>
        ) : (
          <>
            <ul class="usa-card-group cfa-stats__cards">
              <StatCard
                value={formatNumber(ctx.locale, stats.members)}
                label={t(allDemo ? "home.stats.members_demo" : "home.stats.members", {
                  count: stats.members,
                })}
              />
              <StatCard
                value={formatNumber(ctx.locale, stats.population)}
                label={t("home.stats.population")}
                note={<VintageNote ctx={ctx} vintages={populationVintages} />}
              />
              <StatCard
                value={formatNumber(ctx.locale, stats.foreignBorn)}
                label={t("home.stats.foreign_born")}
                note={<VintageNote ctx={ctx} vintages={foreignBornVintages} />}
              />
            </ul>
            {mixedYears ? (
              <p class="cfa-stats__no-ratio" safe>
                {t("home.stats.no_ratio")}
              </p>
            ) : (
              ""
            )}
            {stats.demoMembers > 0 ? (
              <DemoNotice ctx={ctx} text={t("home.stats.demo", { count: stats.demoMembers })} />
            ) : (
              ""
            )}
            {stats.membersWithoutFigures > 0 ? (
              <p safe>{t("home.stats.missing", { count: stats.membersWithoutFigures })}</p>
            ) : (
              ""
            )}
            <h3 class="cfa-stats__sources-heading" safe>
              {t("home.stats.sources")}
            </h3>
            <ul class="usa-list cfa-stats__sources">
              {stats.sources.map((s) => (
                <li>
                  <strong safe>{t(`home.stats.measure.${s.measure}`)}</strong>
                  {": "}
                  <Citation ctx={ctx} vintage={s.vintage} source={s.source} />{" "}
                  <span safe>
                    {t("home.stats.source_count", {
                      count: s.members,
                      estimated: s.estimated ? "yes" : "no",
                    })}
                  </span>
                </li>
              ))}
            </ul>
            <p>
              <a href={localizedPath(ctx.locale, "/about/figures")} safe>
                {t("home.stats.how")}
              </a>
            </p>
            {stats.asOf ? (
              <p safe>{t("home.stats.as_of", { date: new Date(`${stats.asOf}T12:00:00Z`) })}</p>
            ) : (
              ""
            )}
          </>
        )}
      </div>
    </section>
  );
}

export function HomePage({ ctx, stats, blocks, recent }: HomeProps) {
  const { t, locale } = ctx;
  const mission = blocks.get("home.mission");
  return (
    <Layout ctx={ctx} title={t("home.title")} description={t("home.description")}>
      <section class="cfa-hero" aria-labelledby="site-heading">
        <div class="grid-container">
          <h1 id="site-heading" safe>
            {ctx.siteName}
          </h1>
          {mission ? (
            <>
              <h2 class="usa-sr-only" safe>
                {t("home.mission.heading")}
              </h2>
              <div class="cfa-hero__mission">
                <Markdown ctx={ctx} body={mission.body} locale={mission.locale} />
              </div>
            </>
          ) : (
            ""
          )}
        </div>
      </section>
      <Stats ctx={ctx} stats={stats} />
      <BlockSection
        shade
        ctx={ctx}
        id="background-heading"
        heading={t("home.background.heading")}
        block={blocks.get("home.background")}
      />
      <RecentActions ctx={ctx} intro={blocks.get("home.recent_actions")} campaigns={recent} />
      <section class="usa-section" aria-labelledby="explore-heading">
        <div class="grid-container">
          <h2 id="explore-heading" safe>
            {t("home.explore.heading")}
          </h2>
          <ul class="cfa-explore">
            {EXPLORE.map((item) => (
              <li class="cfa-explore__item">
                <a class="cfa-explore__link" href={localizedPath(locale, item.path)} safe>
                  {t(item.key)}
                </a>
              </li>
            ))}
          </ul>
        </div>
      </section>
    </Layout>
  );
}
