// Pieces the watch list and a rule's page share: dates, days left, the demo tag, the links out.
// Rule data is stored as the Federal Register publishes it, in English (decision 0018): it is
// marked lang="en" on pages in other languages; every word around it is translated.
import type { Locale } from "../../i18n/index.js";
import type { PageContext } from "../../views/page-context.js";
import { commentPageUrl } from "../rule.dates.js";
import type { FederalRule } from "../rules.queries.js";

/** `lang` for data stored in English, on a page in another language. */
export const dataLang = (ctx: PageContext) => (ctx.locale.tag === "en" ? undefined : "en");

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** A YYYY-MM-DD day in the page's language ("Dec 10, 2018", "10 dic 2018", "2018年12月10日"). */
export function formatDay(locale: Locale, day: string): string {
  let format = dayFormats.get(locale.tag);
  if (!format) {
    format = new Intl.DateTimeFormat(locale.intl, { dateStyle: "medium", timeZone: "UTC" });
    dayFormats.set(locale.tag, format);
  }
  return format.format(new Date(`${day}T00:00:00Z`));
}

export function Day({ ctx, day }: { ctx: PageContext; day: string }) {
  return (
    <time datetime={day} safe>
      {formatDay(ctx.locale, day)}
    </time>
  );
}

/** "Closes today", "3 days left", or what the rule is now: closed, withdrawn, no deadline. */
export function TimeLeft({
  ctx,
  rule,
  daysLeft,
}: {
  ctx: PageContext;
  rule: FederalRule;
  daysLeft: number | null;
}) {
  const { t } = ctx;
  if (rule.withdrawnAt) return <strong safe>{t("rules.withdrawn")}</strong>;
  if (daysLeft === null) return <span safe>{t("rules.no_deadline")}</span>;
  if (daysLeft < 0) return <span safe>{t("rules.closed")}</span>;
  return (
    <strong class={daysLeft <= 7 ? "cfa-rule-soon" : undefined} safe>
      {t("rules.days_left", { days: daysLeft })}
    </strong>
  );
}

export function DemoTag({ ctx, rule }: { ctx: PageContext; rule: FederalRule }) {
  if (!rule.isDemo) return "";
  return (
    <span class="usa-tag cfa-demo-tag" safe>
      {ctx.t("rules.demo_tag")}
    </span>
  );
}

/** The comment page (while comments are taken) and the Federal Register's page. */
export function RuleLinks({
  ctx,
  rule,
  open,
}: {
  ctx: PageContext;
  rule: FederalRule;
  open: boolean;
}) {
  const { t } = ctx;
  const comment = open ? commentPageUrl(rule) : null;
  return (
    <ul class="usa-list usa-list--unstyled cfa-rule-links">
      {comment ? (
        <li>
          <a
            class="usa-link usa-link--external"
            rel="noreferrer"
            href={comment}
            aria-label={t("rules.comment_link_named", { title: rule.title })}
            safe
          >
            {t("rules.comment_link")}
          </a>
        </li>
      ) : (
        ""
      )}
      {rule.htmlUrl ? (
        <li>
          <a
            class="usa-link usa-link--external"
            rel="noreferrer"
            href={rule.htmlUrl}
            aria-label={t("rules.fr_link_named", { title: rule.title })}
            safe
          >
            {t("rules.fr_link")}
          </a>
        </li>
      ) : (
        ""
      )}
    </ul>
  );
}

/** The agencies' names, the department first as the Federal Register lists them. */
export const agencyNames = (rule: FederalRule) => rule.agencies.map((a) => a.name).join("; ");

/** "DHS Docket No. USCIS-2010-0012" → "USCIS-2010-0012": the id people search for. */
export const docketId = (docket: string) => docket.replace(/^.*\bNo\.\s*/i, "").trim();
