// The event's mails, each in the language of the RSVP it goes to, written in the transaction of
// the change that calls for it: a place freed for someone waiting, a cancelled event, the
// reminders a day and an hour before (with the join details, which only those going receive).
import type { Kysely } from "kysely";
import type { DB } from "../../db/index.js";
import { findLocale, localizedPath, type MessageKey, translator } from "../../i18n/index.js";
import type { Mailer } from "../../mail/index.js";
import type { ActionTextRow } from "../actions.queries.js";
import { chooseText } from "../campaign.text.js";
import { formatEventTime } from "../zoned-time.js";
import type { EventRow, RsvpRow } from "./event.queries.js";

/** What every event mail needs to know of the site. */
export interface EventMailer {
  mailer: Mailer;
  publicUrl: string;
  siteName: string;
}

/** The event as its mails name it. */
export interface MailedEvent {
  slug: string;
  actionId: string;
  texts: readonly ActionTextRow[];
  event: EventRow;
}

export type EventMailKind = "promoted" | "cancelled" | "reminder_day" | "reminder_hour";

const SUBJECTS: Record<EventMailKind, MessageKey> = {
  promoted: "campaign-events.mail.promoted.subject",
  cancelled: "campaign-events.mail.cancelled.subject",
  reminder_day: "campaign-events.mail.reminder_day.subject",
  reminder_hour: "campaign-events.mail.reminder_hour.subject",
};
const BODIES: Record<EventMailKind, MessageKey> = {
  promoted: "campaign-events.mail.promoted.body",
  cancelled: "campaign-events.mail.cancelled.body",
  reminder_day: "campaign-events.mail.reminder_day.body",
  reminder_hour: "campaign-events.mail.reminder_hour.body",
};

/** The event's page, absolute, in `tag`'s language. */
export function eventPageUrl(publicUrl: string, tag: string, slug: string, actionId: string) {
  const locale = findLocale(tag) ?? findLocale("en");
  const path = `/campaigns/${slug}#action-${actionId}`;
  return `${publicUrl}${locale ? localizedPath(locale, path) : path}`;
}

/** The join details as a mail says them, or a line saying there are none yet. */
function joinDetails(t: ReturnType<typeof translator>, event: EventRow): string {
  const lines = [];
  if (event.join_url) lines.push(t("campaign-events.mail.join_url", { url: event.join_url }));
  if (event.dial_in) lines.push(t("campaign-events.mail.dial_in", { dial_in: event.dial_in }));
  return lines.length ? lines.join("\n") : t("campaign-events.mail.no_join");
}

export async function mailRsvp(
  trx: Kysely<DB>,
  site: EventMailer,
  kind: EventMailKind,
  shown: MailedEvent,
  rsvp: Pick<RsvpRow, "email" | "name" | "locale">,
): Promise<void> {
  const locale = findLocale(rsvp.locale) ?? findLocale("en");
  if (!locale) return;
  const t = translator(locale);
  const title = chooseText(shown.texts, locale.tag)?.text.title ?? "";
  const { event } = shown;
  const when = formatEventTime(
    new Date(event.starts_at),
    new Date(event.ends_at),
    event.time_zone,
    locale.tag,
  );
  await site.mailer.send(
    {
      to: rsvp.email,
      subject: t(SUBJECTS[kind], { title }),
      text: t(BODIES[kind], {
        site: site.siteName,
        name: rsvp.name,
        title,
        when,
        link: eventPageUrl(site.publicUrl, locale.tag, shown.slug, shown.actionId),
        join: kind === "cancelled" ? "" : joinDetails(t, event),
      }),
      locale: locale.tag,
    },
    trx,
  );
}

/** The outbox kind of confirmation mails, counted per mailbox (event.routes.tsx). */
export const CONFIRMATION_KIND = "event-rsvp";

/**
 * The public RSVP's confirmation link, in the language of the page it was asked from. The link
 * is the mail's one-time secret: the outbox keeps the text without it (mail/README.md).
 */
export async function mailConfirmation(
  trx: Kysely<DB>,
  site: EventMailer,
  mail: {
    to: { email: string; name: string; locale: string };
    slug: string;
    actionId: string;
    texts: readonly ActionTextRow[];
    token: string;
  },
): Promise<void> {
  const locale = findLocale(mail.to.locale) ?? findLocale("en");
  if (!locale) return;
  const t = translator(locale);
  const title = chooseText(mail.texts, locale.tag)?.text.title ?? "";
  const path = `/campaigns/${mail.slug}/actions/${mail.actionId}/confirm`;
  const link = `${site.publicUrl}${localizedPath(locale, path)}?token=${mail.token}`;
  await site.mailer.send(
    {
      to: mail.to.email,
      subject: t("campaign-events.mail.confirm.subject", { title }),
      text: t("campaign-events.mail.confirm.body", {
        site: site.siteName,
        name: mail.to.name,
        title,
        link,
      }),
      locale: locale.tag,
      kind: CONFIRMATION_KIND,
      secret: { value: link, redacted: t("campaign-events.mail.confirm.removed") },
    },
    trx,
  );
}
