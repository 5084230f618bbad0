import { formatNumber, localizedPath } from "../../i18n/index.js";
import { DemoNotice } from "../../views/demo-notice.js";
import { Layout } from "../../views/layout.js";
import type { PageContext } from "../../views/page-context.js";
import { TableHead } from "../../views/table.js";
import { CROSSWALK_2020 } from "../census/snapshots.read.js";
import { Citation, RosterName, Source, Vintage } from "../names.view.js";
import type { CoalitionStats } from "./coalition.service.js";

export interface FiguresProps {
  ctx: PageContext;
  stats: CoalitionStats;
}

function Totals({ ctx, stats }: FiguresProps) {
  const { t, locale } = ctx;
  const removed = stats.overlaps.reduce(
    (sum, o) => ({
      population: sum.population + o.population,
      foreignBorn: sum.foreignBorn + o.foreignBorn,
    }),
    { population: 0, foreignBorn: 0 },
  );
  const rows = [
    {
      label: t("home.stats.measure.population"),
      total: stats.population,
      removed: removed.population,
    },
    {
      label: t("home.stats.measure.foreign_born"),
      total: stats.foreignBorn,
      removed: removed.foreignBorn,
    },
  ];
  return (
    <>
      <table class="usa-table usa-table--stacked">
        <caption safe>{t("figures.totals.caption")}</caption>
        <TableHead
          labels={[
            t("figures.totals.col.measure"),
            t("figures.totals.col.sum"),
            t("figures.totals.col.removed"),
            t("figures.totals.col.total"),
          ]}
        />
        <tbody>
          {rows.map((row) => (
            <tr>
              <th scope="row" data-label={t("figures.totals.col.measure")} safe>
                {row.label}
              </th>
              <td data-label={t("figures.totals.col.sum")} safe>
                {formatNumber(locale, row.total + row.removed)}
              </td>
              <td data-label={t("figures.totals.col.removed")} safe>
                {formatNumber(locale, row.removed)}
              </td>
              <td data-label={t("figures.totals.col.total")} safe>
                {formatNumber(locale, row.total)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {removed.foreignBorn > 0 ? <p safe>{t("figures.totals.foreign_born_estimate")}</p> : ""}
    </>
  );
}

function Sources({ ctx, stats }: FiguresProps) {
  const { t, locale } = ctx;
  if (stats.sources.length === 0) return <p safe>{t("figures.sources.none")}</p>;
  return (
    <table class="usa-table usa-table--stacked">
      <caption safe>{t("figures.sources.caption")}</caption>
      <TableHead
        labels={[
          t("figures.sources.col.measure"),
          t("figures.sources.col.vintage"),
          t("figures.sources.col.source"),
          t("figures.sources.col.members"),
          t("figures.sources.col.kind"),
        ]}
      />
      <tbody>
        {stats.sources.map((s) => (
          <tr>
            <th scope="row" data-label={t("figures.sources.col.measure")} safe>
              {t(`home.stats.measure.${s.measure}`)}
            </th>
            <td data-label={t("figures.sources.col.vintage")}>
              <Vintage ctx={ctx} vintage={s.vintage} />
            </td>
            <td data-label={t("figures.sources.col.source")}>
              <Source ctx={ctx} source={s.source} />
            </td>
            <td data-label={t("figures.sources.col.members")} safe>
              {formatNumber(locale, s.members)}
            </td>
            <td data-label={t("figures.sources.col.kind")} safe>
              {t(s.estimated ? "figures.sources.estimated" : "figures.sources.published")}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Overlaps({ ctx, stats }: FiguresProps) {
  const { t, locale } = ctx;
  if (stats.overlaps.length === 0) return <p safe>{t("figures.overlaps.none")}</p>;
  return (
    <table class="usa-table usa-table--stacked">
      <caption safe>{t("figures.overlaps.caption")}</caption>
      <TableHead
        labels={[
          t("figures.overlaps.col.city"),
          t("figures.overlaps.col.county"),
          t("figures.overlaps.col.share"),
          t("figures.overlaps.col.population"),
          t("figures.overlaps.col.foreign_born"),
          t("figures.overlaps.col.method"),
        ]}
      />
      <tbody>
        {stats.overlaps.map((o) => (
          <tr>
            <th scope="row" data-label={t("figures.overlaps.col.city")}>
              <RosterName ctx={ctx} name={o.placeName} />
            </th>
            <td data-label={t("figures.overlaps.col.county")}>
              <RosterName ctx={ctx} name={o.countyName} />
            </td>
            <td data-label={t("figures.overlaps.col.share")} safe>
              {t("figures.overlaps.share", { share: o.shareOfPlace })}
            </td>
            <td data-label={t("figures.overlaps.col.population")} safe>
              {formatNumber(locale, o.population)}
            </td>
            <td data-label={t("figures.overlaps.col.foreign_born")} safe>
              {formatNumber(locale, o.foreignBorn)}
            </td>
            <td data-label={t("figures.overlaps.col.method")}>
              <span safe>{t(`figures.overlaps.method.${o.method}`)}</span>
              {o.capped ? (
                <>
                  {" "}
                  <span safe>{t("figures.overlaps.capped")}</span>
                </>
              ) : (
                ""
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** /about/figures: how each figure on the home page is computed, with this roster's numbers. */
export function FiguresPage({ ctx, stats }: FiguresProps) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t("figures.title")} description={t("figures.description")}>
      <div class="grid-container usa-section">
        <div class="usa-prose">
          <h1 safe>{t("figures.title")}</h1>
          <p class="usa-intro" safe>
            {t("figures.intro")}
          </p>
        </div>
        {stats.demoMembers > 0 ? (
          <DemoNotice ctx={ctx} text={t("figures.demo", { count: stats.demoMembers })} />
        ) : (
          ""
        )}

        <section aria-labelledby="totals-heading">
          <h2 id="totals-heading" safe>
            {t("figures.totals.heading")}
          </h2>
          <p safe>{t("figures.totals.members", { count: stats.members })}</p>
          {stats.members > 0 ? <Totals ctx={ctx} stats={stats} /> : ""}
          {stats.asOf ? (
            <p safe>{t("home.stats.as_of", { date: new Date(`${stats.asOf}T12:00:00Z`) })}</p>
          ) : (
            ""
          )}
        </section>

        <section aria-labelledby="newest-heading">
          <h2 id="newest-heading" safe>
            {t("figures.newest.heading")}
          </h2>
          <div class="usa-prose">
            <p safe>{t("figures.newest.body")}</p>
          </div>
          <Sources ctx={ctx} stats={stats} />
        </section>

        <section aria-labelledby="overlaps-heading">
          <h2 id="overlaps-heading" safe>
            {t("figures.overlaps.heading")}
          </h2>
          <div class="usa-prose">
            <p safe>{t("figures.overlaps.body")}</p>
            <ul>
              <li safe>{t("figures.overlaps.split")}</li>
              <li safe>{t("figures.overlaps.consolidated")}</li>
              <li safe>{t("figures.overlaps.method")}</li>
              <li safe>{t("figures.overlaps.cap")}</li>
            </ul>
            <p safe>{t("figures.overlaps.estimate")}</p>
          </div>
          <Overlaps ctx={ctx} stats={stats} />
          <p>
            <span safe>{t("figures.overlaps.source")}</span>{" "}
            <Citation ctx={ctx} vintage={CROSSWALK_2020.vintage} source={CROSSWALK_2020.source} />
          </p>
        </section>

        <section aria-labelledby="missing-heading">
          <h2 id="missing-heading" safe>
            {t("figures.missing.heading")}
          </h2>
          <p safe>{t("figures.missing.body", { count: stats.membersWithoutFigures })}</p>
        </section>

        <p>
          <a href={localizedPath(locale, "/")} safe>
            {t("figures.home")}
          </a>
        </p>
      </div>
    </Layout>
  );
}
