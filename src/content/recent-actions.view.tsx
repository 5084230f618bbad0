// The home page's "Recent actions": the staff-written introduction (content_blocks), then the
// latest campaigns from the campaigns timeline, each with its dates, status and, once its results
// are published, how many members took part; a title not translated yet is shown in English and
// says so.
import { CampaignDates, type RecentCampaign, StatusTag } from "../campaigns/index.js";
import { localizedPath } from "../i18n/index.js";
import { Markdown } from "../views/markdown.js";
import type { PageContext } from "../views/page-context.js";
import type { Block } from "./content.queries.js";

function Item({ ctx, campaign }: { ctx: PageContext; campaign: RecentCampaign }) {
  const { t, locale } = ctx;
  const lang = campaign.textLocale === locale.tag ? undefined : campaign.textLocale;
  return (
    <li class="usa-collection__item cfa-recent-action">
      <div class="usa-collection__body">
        <h3 class="usa-collection__heading">
          <a
            class="usa-link"
            href={localizedPath(locale, `/campaigns/${campaign.slug}`)}
            lang={lang}
            safe
          >
            {campaign.title}
          </a>
        </h3>
        {campaign.summary ? (
          <p class="usa-collection__description" lang={lang} safe>
            {campaign.summary}
          </p>
        ) : (
          ""
        )}
        <ul class="usa-collection__meta">
          <li class="usa-collection__meta-item">
            <StatusTag ctx={ctx} shown={campaign.shown} />
          </li>
          <li class="usa-collection__meta-item">
            <CampaignDates
              ctx={ctx}
              startsOn={campaign.startsOn}
              endsOn={campaign.endsOn}
              timeZone={campaign.timeZone}
            />
          </li>
          {campaign.members !== undefined ? (
            <li class="usa-collection__meta-item">
              <a href={localizedPath(locale, `/campaigns/${campaign.slug}/results`)} safe>
                {t("campaign-timeline.members", { count: campaign.members })}
              </a>
            </li>
          ) : (
            ""
          )}
          {campaign.fallback ? (
            <li class="usa-collection__meta-item" safe>
              {t("campaign-timeline.in_english")}
            </li>
          ) : (
            ""
          )}
          {campaign.isDemo ? (
            <li class="usa-collection__meta-item">
              <span class="usa-tag cfa-demo-tag" safe>
                {t("campaign-timeline.demo")}
              </span>
            </li>
          ) : (
            ""
          )}
        </ul>
      </div>
    </li>
  );
}

export function RecentActions({
  ctx,
  intro,
  campaigns,
}: {
  ctx: PageContext;
  intro: Block | undefined;
  campaigns: RecentCampaign[];
}) {
  const { t, locale } = ctx;
  return (
    <section class="usa-section" aria-labelledby="actions-heading">
      <div class="grid-container">
        <h2 id="actions-heading" safe>
          {t("home.actions.heading")}
        </h2>
        {intro ? <Markdown ctx={ctx} body={intro.body} locale={intro.locale} /> : ""}
        {campaigns.length ? (
          <ul class="usa-collection cfa-recent-actions">
            {campaigns.map((campaign) => (
              <Item ctx={ctx} campaign={campaign} />
            ))}
          </ul>
        ) : (
          <p safe>{t("campaign-timeline.none")}</p>
        )}
        <p>
          <a href={localizedPath(locale, "/campaigns")} safe>
            {t("campaign-timeline.all")}
          </a>
        </p>
      </div>
    </section>
  );
}
