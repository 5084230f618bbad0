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

/**
 * Staff-written Markdown as plain text, for search (the index and its snippets): the words of
 * every block, blocks on lines of their own, no markup. Raw HTML is off here too, so a `<b>` in
 * the source stays text.
 */
export function markdownText(body: string): string {
  const lines: string[] = [];
  let line = "";
  const walk = (tokens: ReturnType<typeof md.parse>) => {
    for (const token of tokens) {
      if (token.children) walk(token.children);
      else if (token.type === "text" || token.type === "code_inline") line += token.content;
      else if (token.type === "softbreak" || token.type === "hardbreak") line += " ";
      else if (token.type === "fence" || token.type === "code_block") lines.push(token.content);
      if (token.block && token.nesting === -1 && line) {
        lines.push(line);
        line = "";
      }
    }
  };
  walk(md.parse(body, {}));
  if (line) lines.push(line);
  return lines.join("\n").trim();
}
