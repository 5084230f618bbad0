// "Remind them": one mail to each staff person of every member that has not taken part yet, in
// their own language, written with its audit entry in one transaction. At most once an hour per
// campaign: the audit log says when the last reminder went, read after the campaign's row is
// locked, so two admins pressing at once send one reminder, not two.
import type { Kysely } from "kysely";
import { memberStaffContacts } from "../../accounts/index.js";
import { latestAuditAt, recordAudit } from "../../audit/index.js";
import type { DB } from "../../db/index.js";
import { appError } from "../../http/errors.js";
import { findLocale, localizedPath, translator } from "../../i18n/index.js";
import type { Mailer } from "../../mail/index.js";
import { shownStatus } from "../campaign.status.js";
import { chooseText } from "../campaign.text.js";
import { type CampaignWithTexts, lockCampaign } from "../campaigns.queries.js";
import { membersNotActed, REMIND_ACTION } from "./dashboard.service.js";
import { campaignResults } from "./results.service.js";

/** The shortest time between two reminders of one campaign. */
export const REMIND_INTERVAL_MS = 60 * 60 * 1000;

export type RemindOutcome =
  /** Mails written: `people` staff of `members` members. */
  | { sent: true; members: number; people: number }
  /** Refused: the last reminder went at `last`; the next may go at `next` (ISO). */
  | { sent: false; last: string; next: string }
  /** Every member took part: nobody to remind, nothing written. */
  | { sent: false; nobody: true };

export async function remindMembers(
  db: Kysely<DB>,
  mailer: Mailer,
  options: { siteName: string; publicUrl: string },
  actor: { id: string; email: string },
  campaign: CampaignWithTexts,
  now = new Date(),
): Promise<RemindOutcome> {
  const shown = shownStatus(campaign, now);
  if (shown === "scheduled") throw appError("campaign_not_started");
  if (shown !== "open") throw appError("campaign_closed");
  const outcome = await db.transaction().execute(async (trx): Promise<RemindOutcome> => {
    await lockCampaign(trx, campaign.id);
    const last = await latestAuditAt(trx, REMIND_ACTION, campaign.id);
    if (last && now.getTime() - Date.parse(last) < REMIND_INTERVAL_MS) {
      return {
        sent: false,
        last,
        next: new Date(Date.parse(last) + REMIND_INTERVAL_MS).toISOString(),
      };
    }
    const results = await campaignResults(trx, campaign, "en");
    const members = await membersNotActed(trx, results);
    if (members.length === 0) return { sent: false, nobody: true };
    const contacts = await memberStaffContacts(
      trx,
      members.map((m) => m.id),
    );
    for (const contact of contacts) {
      const locale = findLocale(contact.locale) ?? findLocale("en");
      const chosen = chooseText(campaign.texts, locale?.tag ?? "en");
      if (!locale || !chosen) continue;
      const t = translator(locale);
      const link = `${options.publicUrl}${localizedPath(locale, `/campaigns/${campaign.slug}`)}`;
      const ends = new Intl.DateTimeFormat(locale.intl, {
        dateStyle: "long",
        timeZone: "UTC",
      }).format(new Date(`${campaign.ends_on}T12:00:00.000Z`));
      await mailer.send(
        {
          to: contact.email,
          subject: t("campaign-results.mail.remind.subject", { title: chosen.text.title }),
          text: t("campaign-results.mail.remind.body", {
            site: options.siteName,
            name: contact.name,
            jurisdiction: contact.jurisdiction,
            title: chosen.text.title,
            summary: chosen.text.summary,
            ends,
            link,
          }),
          locale: locale.tag,
        },
        trx,
      );
    }
    await recordAudit(
      trx,
      {
        actor,
        action: REMIND_ACTION,
        entity: "campaign",
        entityId: campaign.id,
        after: {
          members: members.map((m) => m.slug),
          recipients: contacts.length,
        },
      },
      now,
    );
    return { sent: true, members: members.length, people: contacts.length };
  });
  mailer.flush();
  return outcome;
}
