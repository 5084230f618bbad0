// Small readers for rendered HTML in HTTP tests; pages are also checked by html-validate and
// by a browser in e2e/.
export function attr(html: string, tagPattern: RegExp, name: string): string[] {
  const values: string[] = [];
  for (const [tag] of html.matchAll(tagPattern)) {
    const match = tag.match(new RegExp(`\\s${name}="([^"]*)"`));
    if (match?.[1] !== undefined) values.push(match[1]);
  }
  return values;
}

/** The hreflang → href map of a page's <link rel="alternate"> elements. */
export function alternates(html: string): Record<string, string> {
  const map: Record<string, string> = {};
  for (const [tag] of html.matchAll(/<link rel="alternate"[^>]*>/g)) {
    const lang = tag.match(/hreflang="([^"]+)"/)?.[1];
    const href = tag.match(/href="([^"]+)"/)?.[1];
    if (lang && href) map[lang] = href;
  }
  return map;
}

export function htmlLang(html: string): string | undefined {
  return html.match(/<html lang="([^"]+)"/)?.[1];
}

/** Visible text, roughly: tags dropped, entities for &, <, >, " and ' decoded. */
export function text(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replaceAll("&amp;", "&")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replace(/\s+/g, " ");
}
