// RSS 2.0 and Atom (RFC 4287) documents, written by hand: the feed libraries for Node cannot put
// a language on each entry, and an entry shown in a fallback language must say which it is in
// (Atom: xml:lang on the entry; RSS: dc:language on the item). Every text is escaped and
// stripped of what XML 1.0 cannot carry; every address is absolute; dates are RFC 822 (RSS) and
// RFC 3339 (Atom), in UTC.

export interface FeedEntry {
  /** Stable and unique: the item's id as a URN, whatever its slug or title becomes. */
  id: string;
  title: string;
  summary: string;
  /** The item's page, absolute. */
  url: string;
  /** The language of title and summary (BCP 47). */
  lang: string;
  /** When it became public, an ISO instant. */
  published: string;
  /** Its last change, an ISO instant (never before `published`). */
  updated: string;
  category: { term: string; label: string };
}

export interface FeedMeta {
  title: string;
  description: string;
  /** The feed's language (BCP 47). */
  lang: string;
  /** The feed's own address, absolute (rel="self"). */
  selfUrl: string;
  /** The page the feed mirrors (/news in its language), absolute. */
  pageUrl: string;
  author: string;
}

// Characters XML 1.0 does not allow (C0 controls but tab, newline and return; U+FFFE, U+FFFF;
// unpaired surrogates): dropped rather than make the whole feed unreadable.
const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text for an element's content or a double-quoted attribute. */
export function xml(text: string): string {
  return text
    .replace(NOT_XML, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** RFC 822 (as RSS 2.0 asks, with a four-digit year): "Tue, 02 Mar 2021 15:00:00 GMT". */
export const rfc822 = (iso: string) => new Date(iso).toUTCString();
/** RFC 3339 in UTC: "2021-03-02T15:00:00.000Z". */
export const rfc3339 = (iso: string) => new Date(iso).toISOString();

/** The feed's last change: its newest entry's, or the epoch for an empty feed (stable). */
function lastUpdated(entries: readonly FeedEntry[]): string {
  // ISO instants in UTC sort as text.
  return (
    entries
      .map((e) => e.updated)
      .sort()
      .at(-1) ?? "1970-01-01T00:00:00.000Z"
  );
}

export function rssDocument(meta: FeedMeta, entries: readonly FeedEntry[]): string {
  const items = entries.map(
    (e) =>
      `<item><title>${xml(e.title)}</title><link>${xml(e.url)}</link>` +
      `<guid isPermaLink="false">${xml(e.id)}</guid><pubDate>${rfc822(e.published)}</pubDate>` +
      `<description>${xml(e.summary)}</description><category>${xml(e.category.label)}</category>` +
      `<dc:language>${xml(e.lang)}</dc:language></item>`,
  );
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">` +
    `<channel><title>${xml(meta.title)}</title><link>${xml(meta.pageUrl)}</link>` +
    `<description>${xml(meta.description)}</description><language>${xml(meta.lang)}</language>` +
    `<atom:link href="${xml(meta.selfUrl)}" rel="self" type="application/rss+xml"/>` +
    `<lastBuildDate>${rfc822(lastUpdated(entries))}</lastBuildDate>` +
    `${items.join("")}</channel></rss>\n`
  );
}

export function atomDocument(meta: FeedMeta, entries: readonly FeedEntry[]): string {
  const items = entries.map(
    (e) =>
      `<entry xml:lang="${xml(e.lang)}"><id>${xml(e.id)}</id><title type="text">${xml(e.title)}</title>` +
      `<link rel="alternate" type="text/html" href="${xml(e.url)}"/>` +
      `<published>${rfc3339(e.published)}</published><updated>${rfc3339(e.updated)}</updated>` +
      `<summary type="text">${xml(e.summary)}</summary>` +
      `<category term="${xml(e.category.term)}" label="${xml(e.category.label)}"/></entry>`,
  );
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xml(meta.lang)}">` +
    `<id>${xml(meta.selfUrl)}</id><title type="text">${xml(meta.title)}</title>` +
    `<subtitle type="text">${xml(meta.description)}</subtitle>` +
    `<updated>${rfc3339(lastUpdated(entries))}</updated>` +
    `<link rel="self" type="application/atom+xml" href="${xml(meta.selfUrl)}"/>` +
    `<link rel="alternate" type="text/html" hreflang="${xml(meta.lang)}" href="${xml(meta.pageUrl)}"/>` +
    `<author><name>${xml(meta.author)}</name></author>` +
    `${items.join("")}</feed>\n`
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An item's id as a URI that never changes: urn:uuid for a UUID, else a tag URI (RFC 4151). */
export function entryId(resourceId: string, publicUrl: string): string {
  if (UUID.test(resourceId)) return `urn:uuid:${resourceId.toLowerCase()}`;
  const host = new URL(publicUrl).hostname;
  return `tag:${host},2026:resource:${encodeURIComponent(resourceId)}`;
}
