import { LOCALES, type Locale, localizedPath } from "../i18n/index.js";
import type { PageContext } from "./page-context.js";

/** The prefix of the selector's links, served by http/language-offer.ts. */
export const CHOOSE_LANGUAGE_PREFIX = "/language";

/**
 * Where the selector's link to `locale` goes: through http/language-offer.ts, which records the
 * choice (so the language offer stops) and goes on to this page in that language, query string
 * and all (a filtered list stays filtered; a staff page's ?key= still names its text).
 */
export function chooseLanguageHref(locale: Locale, ctx: PageContext): string {
  return `${CHOOSE_LANGUAGE_PREFIX}${localizedPath(locale, ctx.path)}${ctx.query}`;
}

/**
 * The language selector: a labelled list of links to this same page in each language, each
 * name in its own language and marked with its lang. Plain links, so it works without JavaScript.
 */
export function LanguageSelector({ ctx }: { ctx: PageContext }) {
  return (
    <nav class="cfa-languages" aria-labelledby="cfa-languages-label">
      <span id="cfa-languages-label" class="cfa-languages__label" safe>
        {ctx.t("common.languages")}
      </span>
      <ul class="cfa-languages__list">
        {LOCALES.map((l) => (
          <li class="cfa-languages__item">
            <a
              href={chooseLanguageHref(l, ctx)}
              lang={l.tag}
              hreflang={l.tag}
              aria-current={l === ctx.locale ? "true" : undefined}
              class="cfa-languages__link"
            >
              <span safe>{l.name}</span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
