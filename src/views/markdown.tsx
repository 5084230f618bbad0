import MarkdownIt from "markdown-it";
import { findLocale } from "../i18n/index.js";
import type { PageContext } from "./page-context.js";

// Raw HTML is off, so stored content cannot inject markup; markdown-it also refuses
// javascript: and other unsafe link schemes.
const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

/**
 * Staff-written Markdown. When the text is in another language than the page (an untranslated
 * fallback), it carries that lang and a visible label.
 */
export function Markdown({
  ctx,
  body,
  locale,
}: {
  ctx: PageContext;
  body: string;
  locale: string;
}) {
  const safeHtml = md.render(body);
  if (locale === ctx.locale.tag) return <div class="usa-prose">{safeHtml}</div>;
  const language = findLocale(locale);
  return (
    <div class="usa-prose cfa-fallback" lang={locale} dir={language?.dir ?? "ltr"}>
      <p class="cfa-fallback__label" lang={ctx.locale.tag} dir={ctx.locale.dir} safe>
        {ctx.t("common.fallback.notice", { language: language?.name ?? locale })}
      </p>
      {safeHtml}
    </div>
  );
}
