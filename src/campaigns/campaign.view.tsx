// Small pieces every campaign page shows: the status, the dates, an action's kind, and the notice
// that a text is shown in English because its translation is not ready.
import type { MessageKey } from "../i18n/index.js";
import type { PageContext } from "../views/page-context.js";
import type { ShownStatus } from "./campaign.status.js";

export { languageName } from "../views/language-name.js";

export const statusName = (shown: ShownStatus): MessageKey => `campaigns.status.${shown}`;

export const kindName = (kind: string): MessageKey =>
  kind === "event"
    ? "campaigns.kind.event"
    : kind === "social"
      ? "campaigns.kind.social"
      : kind === "comment"
        ? "campaigns.kind.comment"
        : "campaigns.kind.letter";

export function StatusTag({ ctx, shown }: { ctx: PageContext; shown: ShownStatus }) {
  return (
    <span class={`usa-tag cfa-status cfa-status--${shown}`} safe>
      {ctx.t(statusName(shown))}
    </span>
  );
}

/** A day written YYYY-MM-DD, shown in the reader's language (a calendar day: no zone shift). */
export function formatDay(ctx: PageContext, day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Intl.DateTimeFormat(ctx.locale.intl, { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)),
  );
}

/** "December 7 – 11, 2026 (Eastern Time)": the campaign's days, in its own time zone. */
export function CampaignDates({
  ctx,
  startsOn,
  endsOn,
  timeZone,
}: {
  ctx: PageContext;
  startsOn: string;
  endsOn: string;
  timeZone: string;
}) {
  const day = (text: string) => {
    const [y, m, d] = text.split("-").map(Number);
    return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
  };
  const format = new Intl.DateTimeFormat(ctx.locale.intl, { dateStyle: "long", timeZone: "UTC" });
  const range =
    startsOn === endsOn
      ? format.format(day(startsOn))
      : format.formatRange(day(startsOn), day(endsOn));
  const zone =
    new Intl.DateTimeFormat(ctx.locale.intl, { timeZone, timeZoneName: "longGeneric" })
      .formatToParts(day(startsOn))
      .find((p) => p.type === "timeZoneName")?.value ?? timeZone;
  return (
    <span class="cfa-campaign-dates" safe>
      {ctx.t("campaigns.dates", { range, zone })}
    </span>
  );
}

/** Said where a text is shown in English because the page's language is not ready yet. */
export function FallbackNotice({ ctx }: { ctx: PageContext }) {
  return (
    <p class="cfa-fallback" safe>
      {ctx.t("campaigns.fallback")}
    </p>
  );
}
