// A member's comment on its letterhead (pdf/comment.pdf.ts draws it): for the member to read
// or file by hand, and attached when the job files it. In the comment's own language.
import type { Kysely } from "kysely";
import type { DB } from "../../db/index.js";
import { appError } from "../../http/errors.js";
import { findLocale, translator } from "../../i18n/index.js";
import { executiveTitle, memberFacts } from "../../members/index.js";
import { ruleById } from "../../rules/index.js";
import { commentActionRule, findDraftById } from "./comment.queries.js";
import { commentPdf, commentPdfLabels } from "./pdf/comment.pdf.js";

const PDF_LOCALES = ["en", "es", "zh-Hans"] as const;
type PdfLocale = (typeof PDF_LOCALES)[number];
const pdfLocale = (tag: string): PdfLocale => PDF_LOCALES.find((l) => l === tag) ?? "en";

async function render(
  db: Kysely<DB>,
  comment: { jurisdictionId: string; ruleId: string; locale: string; body: string; demo: boolean },
  now: Date,
): Promise<Buffer> {
  const tag = pdfLocale(comment.locale);
  const locale = findLocale(tag);
  const [member, rule] = await Promise.all([
    memberFacts(db, comment.jurisdictionId),
    ruleById(db, comment.ruleId),
  ]);
  if (!locale || !member || !rule) throw appError("not_found");
  const t = translator(locale);
  return commentPdf({
    locale: tag,
    member: {
      name: member.name,
      state: member.state,
      executiveName: member.executiveName,
      executiveTitle: member.executiveTitle ? executiveTitle(t, member.executiveTitle).text : null,
      officeName: member.office.name,
      officeAddress: member.office.address,
    },
    rule: {
      title: rule.title,
      documentNumber: rule.documentNumber,
      docketId: rule.docketIds[0] ?? null,
    },
    body: comment.body,
    // Dated the day it is printed, in Washington (where the deadline is kept).
    date: new Intl.DateTimeFormat(locale.intl, {
      dateStyle: "long",
      timeZone: "America/New_York",
    }).format(now),
    labels: commentPdfLabels(t, comment.demo || member.isDemo || rule.isDemo),
  });
}

/** The PDF of a member's comment as it stands (saved, or else the text it would start from). */
export async function commentPdfFor(
  db: Kysely<DB>,
  comment: { jurisdictionId: string; ruleId: string; locale: string; body: string; demo: boolean },
  now = new Date(),
): Promise<Buffer> {
  return render(db, comment, now);
}

/** The PDF of a stored draft, as the filing job attaches it. */
export async function commentPdfOfDraft(
  db: Kysely<DB>,
  draftId: string,
  now = new Date(),
): Promise<Buffer> {
  const draft = await findDraftById(db, draftId);
  const ruleId = draft ? await commentActionRule(db, draft.action_id) : undefined;
  if (!draft || !ruleId) throw appError("not_found");
  return render(
    db,
    {
      jurisdictionId: draft.jurisdiction_id,
      ruleId,
      locale: draft.locale,
      body: draft.body,
      demo: draft.is_demo === 1,
    },
    now,
  );
}
