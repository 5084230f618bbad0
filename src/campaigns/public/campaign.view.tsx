// The public campaign pages: the list of open and past campaigns (the coalition's timeline of
// actions), one campaign with its actions, and its published results.
import { localizedPath } from "../../i18n/index.js";
import { placeName, stateName } from "../../members/index.js";
import { DemoNotice } from "../../views/demo-notice.js";
import { Layout } from "../../views/layout.js";
import { Markdown } from "../../views/markdown.js";
import { Notice } from "../../views/notice.js";
import type { PageContext } from "../../views/page-context.js";
import { TableHead } from "../../views/table.js";
import type { ShownStatus } from "../campaign.status.js";
import { CampaignDates, kindName, StatusTag } from "../campaign.view.js";
import type { CampaignResults } from "../results/results.service.js";

/** A text chosen for the page, with the language it is in. */
export interface ShownText {
  title: string;
  summary: string;
  body: string;
  locale: string;
}

export interface CampaignCard {
  slug: string;
  text: ShownText;
  shown: ShownStatus;
  startsOn: string;
  endsOn: string;
  timeZone: string;
  /** Members that took part, once results are published. */
  members?: number;
  resultsPublished: boolean;
  isDemo: boolean;
}

/** `lang` for a text shown in another language than the page's. */
const langOf = (ctx: PageContext, locale: string) =>
  locale === ctx.locale.tag ? undefined : locale;

function Card({ ctx, card }: { ctx: PageContext; card: CampaignCard }) {
  const { t, locale } = ctx;
  return (
    <li class="usa-card tablet:grid-col-6 cfa-campaign-card">
      <div class="usa-card__container">
        <div class="usa-card__header">
          <h3 class="usa-card__heading" lang={langOf(ctx, card.text.locale)}>
            <a href={localizedPath(locale, `/campaigns/${card.slug}`)} safe>
              {card.text.title}
            </a>
          </h3>
        </div>
        <div class="usa-card__body">
          <p>
            <StatusTag ctx={ctx} shown={card.shown} />{" "}
            {card.isDemo ? (
              <span class="usa-tag cfa-demo-tag" safe>
                {t("campaigns.demo_tag")}
              </span>
            ) : (
              ""
            )}
          </p>
          <p>
            <CampaignDates
              ctx={ctx}
              startsOn={card.startsOn}
              endsOn={card.endsOn}
              timeZone={card.timeZone}
            />
          </p>
          <p lang={langOf(ctx, card.text.locale)} safe>
            {card.text.summary}
          </p>
          {card.resultsPublished && card.members !== undefined ? (
            <p>
              <a href={localizedPath(locale, `/campaigns/${card.slug}/results`)} safe>
                {t("campaigns.results.headline", { count: card.members })}
              </a>
            </p>
          ) : (
            ""
          )}
        </div>
      </div>
    </li>
  );
}

export function CampaignListPage({
  ctx,
  current,
  past,
}: {
  ctx: PageContext;
  current: CampaignCard[];
  past: CampaignCard[];
}) {
  const { t } = ctx;
  const demo = [...current, ...past].some((c) => c.isDemo);
  return (
    <Layout ctx={ctx} title={t("campaigns.list.title")} description={t("campaigns.list.intro")}>
      <div class="grid-container usa-section">
        <h1 safe>{t("campaigns.list.title")}</h1>
        <p class="usa-intro" safe>
          {t("campaigns.list.intro")}
        </p>
        <p>
          <a class="usa-link" href={localizedPath(ctx.locale, "/rules")} safe>
            {t("campaigns.list.rules")}
          </a>
        </p>
        {demo ? <DemoNotice ctx={ctx} text={t("campaigns.demo_notice")} /> : ""}
        <h2 safe>{t("campaigns.list.current")}</h2>
        {current.length ? (
          <ul class="usa-card-group">
            {current.map((card) => (
              <Card ctx={ctx} card={card} />
            ))}
          </ul>
        ) : (
          <p safe>{t("campaigns.list.none_current")}</p>
        )}
        <h2 safe>{t("campaigns.list.past")}</h2>
        {past.length ? (
          <ul class="usa-card-group">
            {past.map((card) => (
              <Card ctx={ctx} card={card} />
            ))}
          </ul>
        ) : (
          <p safe>{t("campaigns.list.none_past")}</p>
        )}
      </div>
    </Layout>
  );
}

export interface ActionSection {
  id: string;
  kind: string;
  title: string;
  titleLocale: string;
  body: string;
  bodyLocale: string;
  panel: JSX.Element;
}

export function CampaignPage({
  ctx,
  slug,
  text,
  shown,
  dates,
  topics,
  goal,
  members,
  actions,
  notice,
  signInHref,
  resultsPublished,
  demo,
}: {
  ctx: PageContext;
  slug: string;
  text: ShownText;
  shown: ShownStatus;
  dates: { startsOn: string; endsOn: string; timeZone: string };
  topics: string;
  goal: number | null;
  members: number;
  actions: ActionSection[];
  notice?: string;
  /** Where a member's staff signs in to take part, when nobody is signed in. */
  signInHref?: string;
  resultsPublished: boolean;
  demo: boolean;
}) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={text.title} description={text.summary}>
      <div class="grid-container usa-section cfa-campaign">
        {shown === "draft" ? <Notice kind="info" text={t("campaigns.preview_notice")} /> : ""}
        {notice ? <Notice kind="success" text={notice} /> : ""}
        {demo ? <DemoNotice ctx={ctx} text={t("campaigns.demo_notice")} /> : ""}
        <h1 lang={langOf(ctx, text.locale)} safe>
          {text.title}
        </h1>
        <p>
          <StatusTag ctx={ctx} shown={shown} />{" "}
          <CampaignDates
            ctx={ctx}
            startsOn={dates.startsOn}
            endsOn={dates.endsOn}
            timeZone={dates.timeZone}
          />
        </p>
        {topics ? (
          <p class="cfa-topics">
            <span safe>{t("campaigns.topics")}</span>{" "}
            <span lang={locale.tag === "en" ? undefined : "en"} safe>
              {topics}
            </span>
          </p>
        ) : (
          ""
        )}
        <p class="usa-intro" lang={langOf(ctx, text.locale)} safe>
          {text.summary}
        </p>
        <p class="cfa-progress" safe>
          {goal
            ? t("campaigns.progress_goal", { count: members, goal })
            : t("campaigns.progress", { count: members })}
        </p>
        {resultsPublished ? (
          <p>
            <a href={localizedPath(locale, `/campaigns/${slug}/results`)} safe>
              {t("campaigns.results.link")}
            </a>
          </p>
        ) : (
          ""
        )}
        {text.body ? <Markdown ctx={ctx} body={text.body} locale={text.locale} /> : ""}
        {signInHref && shown === "open" ? (
          <p class="cfa-sign-in-to-act">
            <a class="usa-button usa-button--outline" href={signInHref} safe>
              {t("campaigns.sign_in_to_act")}
            </a>
          </p>
        ) : (
          ""
        )}
        <h2 safe>{t("campaigns.actions_heading")}</h2>
        {actions.length === 0 ? <p safe>{t("campaigns.no_actions")}</p> : ""}
        {actions.map(({ panel, ...a }) => (
          <section
            class="cfa-action"
            id={`action-${a.id}`}
            aria-labelledby={`action-${a.id}-title`}
          >
            <h3 id={`action-${a.id}-title`}>
              <span class="usa-tag cfa-kind" safe>
                {t(kindName(a.kind))}
              </span>{" "}
              <span lang={langOf(ctx, a.titleLocale)} safe>
                {a.title}
              </span>
            </h3>
            {a.body ? <Markdown ctx={ctx} body={a.body} locale={a.bodyLocale} /> : ""}
            {panel}
          </section>
        ))}
      </div>
    </Layout>
  );
}

export function ResultsPage({
  ctx,
  slug,
  text,
  results,
}: {
  ctx: PageContext;
  slug: string;
  text: ShownText;
  results: CampaignResults;
}) {
  const { t, locale } = ctx;
  const title = t("campaigns.results.title", { title: text.title });
  return (
    <Layout ctx={ctx} title={title}>
      <div class="grid-container usa-section">
        {results.demo ? <DemoNotice ctx={ctx} text={t("campaigns.demo_notice")} /> : ""}
        <h1 safe>{title}</h1>
        <p class="usa-intro" safe>
          {t("campaigns.results.summary", { count: results.members })}
        </p>
        <ul class="usa-list">
          {results.actions.map((a) => (
            <li>
              <span lang={langOf(ctx, a.titleLocale)} safe>
                {a.title}
              </span>
              {": "}
              <span safe>{t("campaigns.results.action_count", { count: a.count })}</span>
            </li>
          ))}
        </ul>
        <h2 safe>{t("campaigns.results.by_state")}</h2>
        <table class="usa-table usa-table--borderless">
          <TableHead labels={[t("campaigns.results.state"), t("campaigns.results.members")]} />
          <tbody>
            {results.byState.map((s) => (
              <tr>
                <th scope="row" safe>
                  {stateName(ctx.t, s.state)}
                </th>
                <td safe>{new Intl.NumberFormat(locale.intl).format(s.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2 safe>{t("campaigns.results.participants")}</h2>
        <ul class="usa-list cfa-participants">
          {results.participants.map((p) => (
            <li>
              <a
                href={localizedPath(locale, `/members/${p.jurisdiction.slug}`)}
                lang={locale.tag === "en" ? undefined : "en"}
                safe
              >
                {placeName(p.jurisdiction.name, p.jurisdiction.state)}
              </a>
            </li>
          ))}
        </ul>
        <p>
          <a href={localizedPath(locale, `/campaigns/${slug}/results.csv`)} safe>
            {t("campaign-results.results.csv")}
          </a>
        </p>
        <p>
          <a href={localizedPath(locale, `/campaigns/${slug}`)} safe>
            {t("campaigns.results.back")}
          </a>
        </p>
      </div>
    </Layout>
  );
}
