// Applying to join: the application stored once (a form sent twice finds the first), with the
// applicant's confirmation and the staff's notice mailed in the same transaction.
import type { Kysely } from "kysely";
import type { DB } from "../../db/index.js";
import type { Locale, Translate } from "../../i18n/index.js";
import { type Mailer, quoted } from "../../mail/index.js";
import type { Geography } from "../census/census.queries.js";
import { geographyName } from "../names.js";
import {
  applicationIdBySubmissionKey,
  createApplication,
  membershipState,
} from "./applications.queries.js";
import type { ApplicationForm } from "./join.schema.js";

export interface Submission {
  geography: Geography;
  form: ApplicationForm;
  submissionKey: string;
  locale: Locale;
  t: Translate;
}

export interface JoinSettings {
  siteName: string;
  /** Where staff are told of each new application, if anywhere. */
  contactEmail: string | undefined;
}

/**
 * Stores an application and mails the applicant (and staff), unless the geography is a member
 * already or has an application under review: that state is the answer then.
 */
export async function submitApplication(
  db: Kysely<DB>,
  mailer: Mailer,
  settings: JoinSettings,
  { geography, form, submissionKey, locale, t }: Submission,
): Promise<"created" | "member" | "pending"> {
  return db.transaction().execute(async (trx) => {
    const state = await membershipState(trx, geography.geoid);
    if (state !== "none") {
      // The same form sent twice: the first application is the answer, not an error.
      return (await applicationIdBySubmissionKey(trx, submissionKey)) ? "created" : state;
    }
    const { state: stored } = await createApplication(trx, {
      geography,
      kind: form.kind,
      executiveName: form.executive_name,
      executiveTitle: form.executive_title,
      contactName: form.contact_name,
      contactTitle: form.contact_title,
      contactEmail: form.contact_email,
      contactPhone: form.contact_phone,
      message: form.message,
      locale: locale.tag,
      submissionKey,
    });
    // The same form sent twice is answered as the first; another application won the place.
    if (stored === "resent") return "created";
    if (stored === "pending") return "pending";
    // The applicant reads "ciudad de Oakland"; staff get the Census name below.
    const shownName = geographyName(t, geography.name, geography.kind).text;
    await mailer.send(
      {
        to: form.contact_email,
        subject: t("join.mail.subject", { name: shownName }),
        // The applicant's words, quoted: anyone can make the coalition mail any address here.
        text: t("join.mail.body", {
          contact: quoted(form.contact_name),
          name: shownName,
          site: settings.siteName,
        }),
        locale: locale.tag,
      },
      trx,
    );
    if (settings.contactEmail) {
      await mailer.send(
        {
          to: settings.contactEmail,
          subject: t("join.mail.staff_subject", { name: geography.name }),
          text: t("join.mail.staff_body", {
            name: geography.name,
            state: geography.state,
            geoid: geography.geoid,
            executive: quoted(`${form.executive_title} ${form.executive_name}`),
            contact: quoted(form.contact_name),
            email: form.contact_email,
          }),
          locale: locale.tag,
        },
        trx,
      );
    }
    return "created";
  });
}
