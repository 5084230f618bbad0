// The platforms a social push writes for: each one's name, length rule and limit, the link that
// opens its composer with a message filled in, and the shape of the address of a published post
// (what member staff report back). Pure: no I/O, safe in the browser bundle (counter.client.ts).
//
// Sources, as read in December 2026:
// - X: twitter-text 3.1.0 parseTweet, the library X publishes for its own counting (weighted: a
//   URL is 23, CJK and emoji 2, most Latin 1; limit 280). Share: https://x.com/intent/post?text=
// - Bluesky: the app.bsky.feed.post lexicon, text maxGraphemes 300 and maxLength 3000 (UTF-8
//   bytes); share: docs.bsky.app "Action Intent Links" (https://bsky.app/intent/compose?text=).
// - Threads: developers.facebook.com/documentation/threads/posts, "Text posts are limited to 500
//   characters. Emojis are counted as the number of UTF-8 bytes."; share: Threads web intent
//   https://www.threads.net/intent/post?text=
// - Mastodon: 500 by default (a server may raise it); app/validators/status_length_validator.rb
//   counts grapheme clusters after putting 23 characters for every http(s) URL and dropping the
//   domain of a remote mention (@user@example.social counts as @user). No single host, so the
//   share link is the member's own server's /share?text= (the route Mastodon's web app serves).
// - Facebook: 63,206 characters; the sharer takes only a URL
//   (https://www.facebook.com/sharer/sharer.php?u=).
// - Instagram: caption 2,200 characters (Instagram Graph API, media caption); no share link.
// - LinkedIn: post commentary 3,000 characters; https://www.linkedin.com/feed/?shareActive=true&text=
//   opens the composer with the text (widely used, not in LinkedIn's docs; the documented
//   /sharing/share-offsite/?url= takes only a URL and drops the message).
// Facebook, Instagram and LinkedIn do not say what a "character" is; we count UTF-16 code units,
// which scheduling tools that post through their APIs report as what is enforced (an emoji is
// 2), and which is never less than code points: a message we pass is never refused for length.

export const PLATFORMS = [
  "x",
  "bluesky",
  "threads",
  "mastodon",
  "facebook",
  "instagram",
  "linkedin",
] as const;
export type Platform = (typeof PLATFORMS)[number];

/** How a platform measures a message (count.ts implements each). */
export type CountingRule = "x-weighted" | "graphemes" | "threads" | "mastodon" | "utf16";

export interface PlatformInfo {
  /** The platform's own name: a brand, the same in every language. */
  readonly name: string;
  readonly limit: number;
  readonly counting: CountingRule;
}

export const PLATFORM_INFO: Readonly<Record<Platform, PlatformInfo>> = Object.freeze({
  x: { name: "X", limit: 280, counting: "x-weighted" },
  bluesky: { name: "Bluesky", limit: 300, counting: "graphemes" },
  threads: { name: "Threads", limit: 500, counting: "threads" },
  mastodon: { name: "Mastodon", limit: 500, counting: "mastodon" },
  facebook: { name: "Facebook", limit: 63_206, counting: "utf16" },
  instagram: { name: "Instagram", limit: 2_200, counting: "utf16" },
  linkedin: { name: "LinkedIn", limit: 3_000, counting: "utf16" },
});

export function isPlatform(value: unknown): value is Platform {
  return typeof value === "string" && (PLATFORMS as readonly string[]).includes(value);
}

export interface ShareOptions {
  /** The page to share: Facebook's sharer takes only this (else the text's first https link). */
  url?: string;
  /** The member's Mastodon server ("mastodon.social"): Mastodon has no one host to share to. */
  mastodonHost?: string;
}

const q = encodeURIComponent;

/** A plain DNS name (no port, userinfo, path or IP literal), lower-cased, or null. */
function hostName(value: string | undefined): string | null {
  if (!value) return null;
  const host = value.trim().toLowerCase();
  if (host.length > 253) return null;
  const label = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
  if (!new RegExp(`^(?:${label}\\.)+[a-z][a-z0-9-]*[a-z0-9]$`).test(host)) return null;
  return host;
}

/** An https address worth handing to a sharer: parsed, https, no userinfo. */
function httpsLink(value: string | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    if (url.protocol !== "https:" || url.username || url.password) return null;
    return url.href;
  } catch {
    return null;
  }
}

/** The first https link in a text, without the punctuation that usually follows a link. */
function firstLink(text: string): string | null {
  const found = /https:\/\/[^\s<>"]+/.exec(text)?.[0].replace(/[.,;:!?)\]'"]+$/, "");
  return httpsLink(found);
}

/**
 * The address that opens the platform's composer with `text` filled in (or, for Facebook, that
 * shares a page), or null when the platform has none (Instagram), or lacks what it needs
 * (Facebook without an https link, Mastodon without a valid server name).
 */
export function shareUrl(
  platform: Platform,
  text: string,
  options: ShareOptions = {},
): string | null {
  switch (platform) {
    case "x":
      return `https://x.com/intent/post?text=${q(text)}`;
    case "bluesky":
      return `https://bsky.app/intent/compose?text=${q(text)}`;
    case "threads":
      return `https://www.threads.net/intent/post?text=${q(text)}`;
    case "linkedin":
      return `https://www.linkedin.com/feed/?shareActive=true&text=${q(text)}`;
    case "mastodon": {
      const host = hostName(options.mastodonHost);
      return host ? `https://${host}/share?text=${q(text)}` : null;
    }
    case "facebook": {
      const link = httpsLink(options.url) ?? firstLink(text);
      return link ? `https://www.facebook.com/sharer/sharer.php?u=${q(link)}` : null;
    }
    case "instagram":
      return null;
  }
}

/** Post addresses: the hosts each platform serves them from, and the paths of a single post. */
const POSTS: Record<Exclude<Platform, "mastodon">, { hosts: string[]; paths: RegExp[] }> = {
  x: {
    hosts: [
      "x.com",
      "www.x.com",
      "mobile.x.com",
      "twitter.com",
      "www.twitter.com",
      "mobile.twitter.com",
    ],
    paths: [/^\/(?:[A-Za-z0-9_]{1,15}|i\/web)\/status\/\d{1,20}\/?$/],
  },
  bluesky: {
    hosts: ["bsky.app"],
    paths: [
      /^\/profile\/(?:did:(?:plc|web):[A-Za-z0-9._:%-]+|[A-Za-z0-9.-]+)\/post\/[A-Za-z0-9]{1,64}\/?$/,
    ],
  },
  threads: {
    hosts: ["threads.net", "www.threads.net", "threads.com", "www.threads.com"],
    paths: [/^\/@[A-Za-z0-9._]{1,30}\/post\/[A-Za-z0-9_-]{1,64}\/?$/],
  },
  facebook: {
    hosts: ["facebook.com", "www.facebook.com", "m.facebook.com", "web.facebook.com"],
    paths: [
      /^\/[A-Za-z0-9.-]{1,80}\/(?:posts|videos)\/[A-Za-z0-9._-]{1,100}\/?$/,
      /^\/groups\/[A-Za-z0-9.-]{1,80}\/(?:posts|permalink)\/\d{1,30}\/?$/,
      /^\/share\/[prv]\/[A-Za-z0-9]{1,40}\/?$/,
      /^\/reel\/\d{1,30}\/?$/,
    ],
  },
  instagram: {
    hosts: ["instagram.com", "www.instagram.com"],
    paths: [/^\/(?:[A-Za-z0-9._]{1,30}\/)?(?:p|reel)\/[A-Za-z0-9_-]{1,64}\/?$/],
  },
  linkedin: {
    hosts: ["linkedin.com", "www.linkedin.com"],
    paths: [
      /^\/posts\/[A-Za-z0-9_%.-]{1,300}\/?$/,
      /^\/feed\/update\/urn:li:(?:activity|share|ugcPost):\d{1,30}\/?$/,
    ],
  },
};

/** Facebook posts addressed by a query: permalink.php and story.php name the post in story_fbid. */
function isFacebookQueryPost(url: URL): boolean {
  return (
    (url.pathname === "/permalink.php" || url.pathname === "/story.php") &&
    /^[A-Za-z0-9]{1,100}$/.test(url.searchParams.get("story_fbid") ?? "")
  );
}

const MASTODON_PATHS = [
  /^\/@[A-Za-z0-9_]{1,30}(?:@[A-Za-z0-9.-]{1,253})?\/\d{1,20}\/?$/,
  /^\/users\/[A-Za-z0-9_]{1,30}\/statuses\/\d{1,20}\/?$/,
];

/** Parses an address a person pasted: https only, no userinfo, no port, nothing invisible. */
function parsePasted(value: string): URL | null {
  // The URL parser silently drops tabs and newlines, trims control characters and reads a
  // backslash as a slash; what a person pasted must be the address we keep, so any of them (and
  // invisible format characters such as bidirectional overrides) refuses it.
  if (value.length > 2048 || /[\s\p{Cc}\p{Cf}\\]/u.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" || url.username || url.password || url.port) return null;
  return url;
}

/** True when `value` is the https address of one post on `platform`. */
export function isPostUrl(platform: Platform, value: string): boolean {
  const url = parsePasted(value);
  if (!url) return false;
  if (platform === "mastodon") {
    // Any server may run Mastodon, but not the other platforms' hosts (x.com/@user/1 is not one).
    const known = Object.values(POSTS).some((rule) => rule.hosts.includes(url.hostname));
    return (
      !known && hostName(url.hostname) !== null && MASTODON_PATHS.some((p) => p.test(url.pathname))
    );
  }
  const rule = POSTS[platform];
  if (!rule.hosts.includes(url.hostname)) return false;
  if (platform === "facebook" && isFacebookQueryPost(url)) return true;
  return rule.paths.some((p) => p.test(url.pathname));
}

/**
 * The platform a post address belongs to, or null. Mastodon comes last: any server may host it,
 * so a known platform's address is never taken for a Mastodon one.
 */
export function platformOfPostUrl(value: string): Platform | null {
  const order: Platform[] = [...PLATFORMS.filter((p) => p !== "mastodon"), "mastodon"];
  return order.find((p) => isPostUrl(p, value)) ?? null;
}
