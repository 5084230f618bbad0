// How long a message is on each platform, by that platform's rule (the rules and their sources
// are in platforms.ts). Shared by the server (what is saved) and the browser (counter.client.ts,
// as the person types), so both say the same number.
import twitterText from "twitter-text";
import { type CountingRule, PLATFORM_INFO, type Platform } from "./platforms.js";

export interface Count {
  /** The length by the platform's rule (X: weighted; Bluesky: graphemes; ...). */
  length: number;
  limit: number;
  /** The message fits: within the limit, and nothing else the platform refuses (see below). */
  ok: boolean;
}

/** Bluesky's second limit: 3,000 UTF-8 bytes, reached only by long emoji sequences. */
const BLUESKY_MAX_BYTES = 3000;
/** What Mastodon counts a link as, whatever its length. */
const MASTODON_URL_LENGTH = 23;

// Intl.Segmenter is in every browser we serve except Firefox before 125 (2024): there a
// grapheme count falls back to code points, which only over-counts emoji sequences.
let segmenter: Intl.Segmenter | null | undefined;
function graphemeList(text: string): string[] {
  if (segmenter === undefined)
    segmenter =
      typeof Intl.Segmenter === "function"
        ? new Intl.Segmenter(undefined, { granularity: "grapheme" })
        : null;
  if (!segmenter) return Array.from(text);
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

export function graphemeCount(text: string): number {
  return graphemeList(text).length;
}

const encoder = new TextEncoder();
export function utf8Length(text: string): number {
  return encoder.encode(text).length;
}

// An emoji, a flag (regional indicators) or a keycap (1️⃣): each counted by its bytes on Threads.
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u;

/** Threads: characters (code points), except that an emoji counts its UTF-8 bytes. */
export function threadsLength(text: string): number {
  let length = 0;
  for (const grapheme of graphemeList(text))
    length += EMOJI.test(grapheme) ? utf8Length(grapheme) : Array.from(grapheme).length;
  return length;
}

// Mastodon's Account::MENTION_RE, without the look-behind older Safari cannot parse: the
// character before the @ is captured and put back. [[:word:]] in Ruby is letters, marks,
// digits and connector punctuation.
const MASTODON_MENTION =
  /(^|[^=/\p{L}\p{M}\p{N}\p{Pc}])@([a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)@[\p{L}\p{M}\p{N}\p{Pc}]+(?:[.-]+[\p{L}\p{M}\p{N}\p{Pc}]+)*/giu;

/** Mastodon: graphemes, every http(s) link as 23, a remote mention without its domain. */
export function mastodonLength(text: string): number {
  let countable = "";
  let from = 0;
  for (const { indices } of twitterText.extractUrlsWithIndices(text, {
    extractUrlsWithoutProtocol: false,
  })) {
    countable += text.slice(from, indices[0]) + "x".repeat(MASTODON_URL_LENGTH);
    from = indices[1];
  }
  countable += text.slice(from);
  return graphemeCount(countable.replace(MASTODON_MENTION, "$1@$2"));
}

function measure(rule: CountingRule, text: string): { length: number; refused: boolean } {
  switch (rule) {
    case "x-weighted": {
      // parseTweet's `valid` is also false for characters X refuses (U+FFFE, U+FEFF, U+FFFF)
      // and for an empty text, which is the form's business (required), not the counter's.
      const parsed = twitterText.parseTweet(text);
      return { length: parsed.weightedLength, refused: text !== "" && !parsed.valid };
    }
    case "graphemes":
      return { length: graphemeCount(text), refused: utf8Length(text) > BLUESKY_MAX_BYTES };
    case "threads":
      return { length: threadsLength(text), refused: false };
    case "mastodon":
      return { length: mastodonLength(text), refused: false };
    case "utf16":
      return { length: text.length, refused: false };
  }
}

/** The length of `text` on `platform`, its limit, and whether it fits. */
export function countFor(platform: Platform, text: string): Count {
  const { limit, counting } = PLATFORM_INFO[platform];
  const { length, refused } = measure(counting, text);
  return { length, limit, ok: length <= limit && !refused };
}
