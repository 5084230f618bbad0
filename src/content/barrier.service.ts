// A barrier reported from the accessibility statement: mailed to the coalition's contact address,
// or, on a server without one (development, a test or demo server), to every coalition admin, so
// a report always reaches someone and staff read it in /admin/outbox when no SMTP is set.
import type { Kysely } from "kysely";
import { type Static, Type } from "typebox";
import { coalitionAdminContacts } from "../accounts/index.js";
import type { DB } from "../db/index.js";
import { Line, Text } from "../http/validation.js";
import { findLocale, translator } from "../i18n/index.js";
import { isMailAddress, type Mailer, quoted } from "../mail/index.js";

export const BarrierForm = Type.Object({
  page: Line({ maxLength: 300 }),
  problem: Text({ minLength: 1, maxLength: 3000 }),
  reply_to: Line({ maxLength: 254 }),
});
export type BarrierForm = Static<typeof BarrierForm>;

/** The fields' own checks beyond the schema: an answer address must look like one. */
export function barrierProblems(form: BarrierForm): string[] {
  return form.reply_to && !isMailAddress(form.reply_to) ? ["reply_to"] : [];
}

/** Mails the report to whoever should hear of it; returns how many mails were written. */
export async function reportBarrier(
  db: Kysely<DB>,
  mailer: Mailer,
  options: { siteName: string; contactEmail: string | undefined; pageLocale: string },
  form: BarrierForm,
): Promise<number> {
  const recipients = options.contactEmail
    ? [{ email: options.contactEmail, locale: "en" }]
    : await coalitionAdminContacts(db);
  await db.transaction().execute(async (trx) => {
    for (const recipient of recipients) {
      const locale = findLocale(recipient.locale) ?? findLocale("en");
      if (!locale) continue;
      const t = translator(locale);
      // Everything the reporter typed is their words: quoted, never a link the mail makes.
      await mailer.send(
        {
          to: recipient.email,
          subject: t("accessibility.report.mail.subject", { site: options.siteName }),
          text: t("accessibility.report.mail.body", {
            page: form.page ? quoted(form.page) : "—",
            problem: quoted(form.problem),
            reply: form.reply_to ? quoted(form.reply_to) : "—",
            language: options.pageLocale,
          }),
          locale: locale.tag,
        },
        trx,
      );
    }
  });
  mailer.flush();
  return recipients.length;
}
