// Staff's dashboard of one campaign: members taking part against the goal, by action, by state
// and day by day (a chart, then its numbers as a table), the members that have not taken part
// yet, and for admins the button that reminds them.
import { AdminBreadcrumb } from "../../http/admin-home.view.js";
import { localizedPath } from "../../i18n/index.js";
import { placeName, stateName } from "../../members/index.js";
import { DemoNotice } from "../../views/demo-notice.js";
import { Layout } from "../../views/layout.js";
import { Notice } from "../../views/notice.js";
import type { PageContext } from "../../views/page-context.js";
import { TableHead } from "../../views/table.js";
import type { ShownStatus } from "../campaign.status.js";
import { kindName, StatusTag } from "../campaign.view.js";
import { ParticipationChart, shortDay } from "./chart.view.js";
import type { Dashboard } from "./dashboard.service.js";

export interface DashboardProps {
  ctx: PageContext;
  slug: string;
  title: string;
  titleLocale: string;
  shown: ShownStatus;
  dashboard: Dashboard;
  isDemo: boolean;
  /** The campaign's time zone: times are shown in it. */
  timeZone: string;
  /** Set for admins while the campaign is open: the remind form's token. */
  remind?: { csrfToken: string };
  notice?: { kind: "success" | "error" | "info"; text: string };
}

const en = (ctx: PageContext) => (ctx.locale.tag === "en" ? undefined : "en");

function DemoTag({ ctx, demo }: { ctx: PageContext; demo: boolean }) {
  return demo ? (
    <span class="usa-tag cfa-demo-tag" safe>
      {ctx.t("campaigns.demo_tag")}
    </span>
  ) : (
    ""
  );
}

export function DashboardPage(props: DashboardProps) {
  const { ctx, dashboard, slug } = props;
  const { t, locale } = ctx;
  const { results, notActed, daily } = dashboard;
  const number = new Intl.NumberFormat(locale.intl);
  const when = (iso: string) =>
    new Intl.DateTimeFormat(locale.intl, {
      dateStyle: "medium",
      timeStyle: "short",
      timeZone: props.timeZone,
    }).format(new Date(iso));
  const heading = t("campaign-results.dashboard.title", { title: props.title });
  const demo = props.isDemo || results.demo || notActed.some((j) => j.isDemo);
  const last = daily.at(-1);
  return (
    <Layout ctx={ctx} title={heading} noindex>
      <div class="grid-container usa-section cfa-dashboard">
        <AdminBreadcrumb
          ctx={ctx}
          current={t("campaign-results.dashboard.nav")}
          trail={[
            { href: "/admin/campaigns", label: t("campaigns.admin.title") },
            { href: `/admin/campaigns/${slug}`, label: props.title },
          ]}
        />
        {props.notice ? <Notice kind={props.notice.kind} text={props.notice.text} /> : ""}
        {demo ? <DemoNotice ctx={ctx} text={t("campaign-results.dashboard.demo")} /> : ""}
        <h1 safe>{heading}</h1>
        <p>
          <StatusTag ctx={ctx} shown={props.shown} />
        </p>
        <p class="usa-intro" safe>
          {results.goal
            ? t("campaign-results.dashboard.progress_goal", {
                count: results.members,
                goal: results.goal,
              })
            : t("campaign-results.dashboard.progress", { count: results.members })}
        </p>
        {results.goal ? (
          <progress
            class="cfa-goal"
            max={results.goal}
            value={Math.min(results.members, results.goal)}
            safe
          >
            {`${results.members} / ${results.goal}`}
          </progress>
        ) : (
          ""
        )}
        <ul class="usa-list cfa-dashboard-links">
          <li>
            <a href={localizedPath(locale, `/admin/campaigns/${slug}/participation.csv`)} safe>
              {t("campaign-results.dashboard.csv")}
            </a>
          </li>
          <li>
            <a href={localizedPath(locale, `/campaigns/${slug}/results`)} safe>
              {t("campaign-results.dashboard.results_link")}
            </a>
          </li>
        </ul>

        <h2 safe>{t("campaign-results.dashboard.by_action")}</h2>
        <table class="usa-table usa-table--borderless">
          <TableHead
            labels={[
              t("campaign-results.col.action"),
              t("campaign-results.col.kind"),
              t("campaign-results.col.members"),
            ]}
          />
          <tbody>
            {results.actions.map((a) => (
              <tr>
                <th
                  scope="row"
                  lang={a.titleLocale === locale.tag ? undefined : a.titleLocale}
                  safe
                >
                  {a.title}
                </th>
                <td safe>{t(kindName(a.kind))}</td>
                <td safe>{number.format(a.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>

        <h2 safe>{t("campaign-results.dashboard.by_state")}</h2>
        {results.byState.length === 0 ? (
          <p safe>{t("campaign-results.dashboard.no_one")}</p>
        ) : (
          <table class="usa-table usa-table--borderless">
            <TableHead
              labels={[t("campaign-results.col.state"), t("campaign-results.col.members")]}
            />
            <tbody>
              {results.byState.map((s) => (
                <tr>
                  <th scope="row" safe>
                    {stateName(t, s.state)}
                  </th>
                  <td safe>{number.format(s.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}

        <h2 safe>{t("campaign-results.dashboard.over_time")}</h2>
        {daily.length && last ? (
          <>
            <ParticipationChart
              ctx={ctx}
              id="participation-chart"
              title={t("campaign-results.chart.title")}
              description={t("campaign-results.chart.desc", {
                from: shortDay(ctx, daily[0]?.day ?? last.day),
                to: shortDay(ctx, last.day),
                count: last.count,
              })}
              series={daily}
              goal={results.goal}
            />
            <div class="usa-table-container--scrollable cfa-chart-table" tabindex="0">
              <table class="usa-table usa-table--borderless usa-table--compact">
                <caption safe>{t("campaign-results.chart.title")}</caption>
                <TableHead
                  labels={[t("campaign-results.col.day"), t("campaign-results.col.total")]}
                />
                <tbody>
                  {daily.map((d) => (
                    <tr>
                      <th scope="row">
                        <time datetime={d.day} safe>
                          {shortDay(ctx, d.day)}
                        </time>
                      </th>
                      <td safe>{number.format(d.count)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : (
          <p safe>{t("campaign-results.dashboard.no_one")}</p>
        )}

        <h2 safe>{t("campaign-results.dashboard.participants")}</h2>
        {results.participants.length === 0 ? (
          <p safe>{t("campaign-results.dashboard.no_one")}</p>
        ) : (
          <ul class="usa-list cfa-participants">
            {results.participants.map((p) => (
              <li>
                <span lang={en(ctx)} safe>
                  {placeName(p.jurisdiction.name, p.jurisdiction.state)}
                </span>{" "}
                <span class="cfa-muted" safe>
                  {t("campaign-results.dashboard.first_at", { at: when(p.firstAt) })}
                </span>{" "}
                <DemoTag ctx={ctx} demo={p.isDemo} />
              </li>
            ))}
          </ul>
        )}

        <h2 id="not-acted" safe>
          {t("campaign-results.dashboard.not_acted")}
        </h2>
        <p safe>{t("campaign-results.dashboard.not_acted_count", { count: notActed.length })}</p>
        {notActed.length ? (
          <ul class="usa-list cfa-not-acted">
            {notActed.map((j) => (
              <li>
                <span lang={en(ctx)} safe>
                  {placeName(j.name, j.state)}
                </span>{" "}
                <DemoTag ctx={ctx} demo={j.isDemo} />
              </li>
            ))}
          </ul>
        ) : (
          ""
        )}
        {dashboard.lastReminder ? (
          <p safe>
            {t("campaign-results.dashboard.last_reminder", { at: when(dashboard.lastReminder) })}
          </p>
        ) : (
          ""
        )}
        {props.remind && notActed.length ? (
          <form
            method="post"
            action={localizedPath(locale, `/admin/campaigns/${slug}/remind`)}
            class="cfa-remind-form"
          >
            <input type="hidden" name="_csrf" value={props.remind.csrfToken} />
            <p class="usa-hint" id="remind-hint" safe>
              {t("campaign-results.dashboard.remind_hint")}
            </p>
            <button class="usa-button" type="submit" aria-describedby="remind-hint" safe>
              {t("campaign-results.dashboard.remind")}
            </button>
          </form>
        ) : (
          ""
        )}
      </div>
    </Layout>
  );
}
