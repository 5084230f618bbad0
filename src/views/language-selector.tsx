import { LOCALES, localizedPath } from "../i18n/index.js";
import type { PageContext } from "./page-context.js";

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
              href={localizedPath(l, ctx.path)}
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
