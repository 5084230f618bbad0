// The languages the site speaks. Adding one means adding an entry here and a catalog folder
// under locales/<tag>/ with every key (the catalog test enforces it).
export interface Locale {
  /** BCP 47 tag, as used for catalogs and the html lang attribute. */
  readonly tag: string;
  /** URL prefix: empty for the default locale, else "/" + the lower-cased tag. */
  readonly prefix: string;
  /** The language's name in itself, shown in the language selector. */
  readonly name: string;
  /** The language's name in English, for operators and logs. */
  readonly englishName: string;
  readonly dir: "ltr" | "rtl";
  /** Locale passed to Intl for numbers and dates (the audience is in the United States). */
  readonly intl: string;
}

function locale(
  tag: string,
  name: string,
  englishName: string,
  intl: string,
  dir: "ltr" | "rtl" = "ltr",
): Locale {
  const isDefault = tag === "en";
  return Object.freeze({
    tag,
    prefix: isDefault ? "" : `/${tag.toLowerCase()}`,
    name,
    englishName,
    dir,
    intl,
  });
}

export const LOCALES: readonly Locale[] = Object.freeze([
  locale("en", "English", "English", "en-US"),
  locale("es", "Español", "Spanish", "es-US"),
  locale("zh-Hans", "简体中文", "Simplified Chinese", "zh-Hans-CN"),
]);

export const DEFAULT_LOCALE: Locale = LOCALES[0] as Locale;

const byTag = new Map(LOCALES.map((l) => [l.tag.toLowerCase(), l]));
const LONGEST_TAG = Math.max(...LOCALES.map((l) => l.tag.length));

/** The locale whose tag matches, ignoring case. */
export function findLocale(tag: string): Locale | undefined {
  return byTag.get(tag.toLowerCase());
}

/** Whether a character code ends a path segment: "/", "?" or "#". */
const endsSegment = (code: number) => code === 47 || code === 63 || code === 35;

/** The locale a path belongs to, from its first segment ("/es/members" → es). */
export function localeOfPath(path: string): Locale {
  // Asked several times per request, so scanned by hand: `path.split(/[/?#]/)` makes V8 build a
  // new RegExp on every call, which was about a twentieth of a cached page's CPU time.
  let start = 0;
  while (start < path.length && !endsSegment(path.charCodeAt(start))) start++;
  let end = ++start;
  while (end < path.length && !endsSegment(path.charCodeAt(end))) end++;
  if (end === start || end - start > LONGEST_TAG) return DEFAULT_LOCALE;
  const found = byTag.get(path.slice(start, end).toLowerCase());
  return found && found !== DEFAULT_LOCALE ? found : DEFAULT_LOCALE;
}

/** The path of a page (given without locale prefix, e.g. "/members") in a locale. */
export function localizedPath(locale: Locale, path: string): string {
  if (!locale.prefix) return path;
  return path === "/" ? `${locale.prefix}/` : `${locale.prefix}${path}`;
}

/** The page path without its locale prefix ("/es/members" → "/members", "/es" → "/"). */
export function stripLocale(path: string): string {
  const locale = localeOfPath(path);
  if (!locale.prefix) return path;
  const rest = path.slice(locale.prefix.length);
  return rest === "" || rest.startsWith("?") ? `/${rest}` : rest;
}

/**
 * The best locale we have for an Accept-Language header, by q-value; a bare language
 * ("zh") matches a locale with a script ("zh-Hans") unless a more specific tag says otherwise.
 */
export function preferredLocale(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  const ranges = header
    .split(",")
    .map((part, index) => {
      const [range = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q ? Number(q.slice(2)) : 1;
      return {
        range: range.trim().toLowerCase(),
        weight: Number.isFinite(weight) ? weight : 0,
        index,
      };
    })
    .filter((r) => r.range && r.range !== "*" && r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { range } of ranges) {
    const exact = byTag.get(range);
    if (exact) return exact;
    const traditional = /^zh-(hant|tw|hk|mo)/.test(range);
    for (const l of LOCALES) {
      const tag = l.tag.toLowerCase();
      const base = tag.split("-")[0];
      if (range === base || range.split("-")[0] === base) {
        if (base === "zh" && traditional && tag === "zh-hans") continue;
        return l;
      }
    }
  }
  return undefined;
}
