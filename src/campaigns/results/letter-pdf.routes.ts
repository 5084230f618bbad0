// The sign-on letter as a PDF with its counted signatories, in the letter's language:
// /campaigns/:slug/actions/:action/letter.pdf in each locale's path (/es/..., /zh-hans/...) asks
// for that language's text, which falls back to English (the PDF is then English throughout).
// Shown when the campaign shows its signatories, or to coalition staff.
import type { FastifyInstance } from "fastify";
import { notFound } from "../../http/errors.js";
import { registerPage } from "../../http/locale.js";
import { allowed } from "../../http/policy.js";
import { findLocale, translator } from "../../i18n/index.js";
import { findAction } from "../actions.queries.js";
import { isSettled } from "../campaign.status.js";
import { chooseText } from "../campaign.text.js";
import { can } from "../campaigns.policy.js";
import { renderLetterPdf } from "../letter/letter.pdf.js";
import { signatoriesOf } from "../letter/letter.service.js";
import { ActionParams } from "../manage/manage.schema.js";
import { loadVisibleCampaign } from "../public/campaign.page.js";

const PDF_LOCALES = ["en", "es", "zh-Hans"] as const;
type PdfLocale = (typeof PDF_LOCALES)[number];
const isPdfLocale = (tag: string): tag is PdfLocale => PDF_LOCALES.some((l) => l === tag);

export async function letterPdfRoutes(app: FastifyInstance) {
  registerPage(
    app,
    "/campaigns/:slug/actions/:action/letter.pdf",
    { schema: { params: ActionParams } },
    async (request, reply) => {
      const { campaign, shown } = await loadVisibleCampaign(app.db, request, request.params.slug);
      const action = await findAction(app.db, campaign.id, request.params.action);
      if (action?.kind !== "letter") throw notFound();
      const staff = allowed(can(request.account, "watch"));
      if (campaign.signatories_public !== 1 && !staff) throw notFound();

      const text = chooseText(action.texts, request.locale.tag)?.text;
      const tag = text && isPdfLocale(text.locale) ? text.locale : "en";
      const locale = findLocale(tag);
      if (!locale) throw notFound();
      const t = translator(locale);
      const signatories = await signatoriesOf(app.db, action.id);
      // A settled letter is dated its last day; one still open, the day it is printed.
      const day = isSettled(shown) ? campaign.ends_on : undefined;
      const date = new Intl.DateTimeFormat(locale.intl, {
        dateStyle: "long",
        timeZone: day ? "UTC" : campaign.time_zone,
      }).format(day ? new Date(`${day}T12:00:00.000Z`) : new Date());
      const pdf = await renderLetterPdf({
        locale: tag,
        title: text?.title ?? "",
        body: text?.body ?? "",
        campaignTitle: chooseText(campaign.texts, tag)?.text.title ?? campaign.slug,
        date,
        signatories,
        labels: {
          signatories: t("campaigns.letter.signatories"),
          page: (page, total) => t("campaign-results.pdf.page", { page, total }),
          demo:
            campaign.is_demo === 1 || signatories.some((s) => s.isDemo)
              ? t("campaign-results.pdf.demo")
              : undefined,
        },
      });
      // Anyone may keep a public letter a while; one only staff or members may see, nobody may.
      const shared = campaign.visibility === "public" && campaign.signatories_public === 1;
      return reply
        .header("content-type", "application/pdf")
        .header("content-disposition", `inline; filename="${campaign.slug}-letter.pdf"`)
        .header(
          "cache-control",
          !shared
            ? "private, no-store"
            : isSettled(shown)
              ? "public, max-age=3600"
              : "public, max-age=60",
        )
        .header("content-language", tag)
        .send(pdf);
    },
  );
}
