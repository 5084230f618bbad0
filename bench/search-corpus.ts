// The search benchmark's library: 10,000 items, each in English, Spanish and Simplified Chinese,
// made the same way every run (a seeded generator per item and language, no Math.random) and
// only when asked for, a batch at a time, so the 30,000 documents are never all in memory.
//
// Words come from search-words.json (make-search-words.ts): each language's words, most frequent
// first, drawn with a Zipf-like frequency by rank (the word of rank r weighs 1/(r + 2.7)), so the
// function words are in every sentence, the coalition's words (immigrant, inmigración, 移民) in
// most documents, the tail in a few percent. Names of US places from the Census file the app
// loads (census/place_county_relationship_2020.csv, about 30,000) are the rare words: one word in
// about 120 is a place, so each name is in a handful of documents, as in news.
//
// English and Spanish sentences are 8–25 words, capitalized, with commas and a full stop (a
// Spanish question opens with ¿); Chinese sentences are the same words without spaces, clauses
// closed by ，and sentences by 。, a place name set off by spaces as Chinese text does with Latin
// names. Titles are 5–12 words, summaries 25–60, bodies 300–3,000 (uniform: the same length for
// an item's three languages, as a translation has), in paragraphs of 2–6 sentences.
import { readFileSync } from "node:fs";
import { RESOURCE_TOPICS } from "../src/resources/resources.model.js";
import type { SearchDocument, SearchSource, SearchType } from "../src/search/search.model.js";

export const ITEMS = Number(process.env.BENCH_SEARCH_ITEMS ?? 10_000);
export const LANGS = ["en", "es", "zh-Hans"] as const;
type Lang = (typeof LANGS)[number];

/** A small fast generator (mulberry32) seeded per item and language. */
function generator(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
type Random = () => number;
const between = (random: Random, low: number, high: number) =>
  low + Math.floor(random() * (high - low + 1));

/**
 * Draws by rank, the word of rank r with weight 1/(r + 2.7), through a table of 2^18 slots each
 * holding the rank its share of the cumulative weight falls in (the rarest word still has ~20).
 */
class Zipf {
  private static readonly SLOTS = 2 ** 18;
  private readonly table = new Uint16Array(Zipf.SLOTS);
  constructor(readonly words: readonly string[]) {
    const weights = words.map((_, r) => 1 / (r + 1 + 2.7));
    const total = weights.reduce((a, b) => a + b, 0);
    let rank = 0;
    let below = weights[0] ?? 0;
    for (let slot = 0; slot < Zipf.SLOTS; slot++) {
      const at = ((slot + 0.5) / Zipf.SLOTS) * total;
      while (below < at && rank < words.length - 1) below += weights[++rank] ?? 0;
      this.table[slot] = rank;
    }
  }
  draw(random: Random): string {
    return this.words[this.table[Math.floor(random() * Zipf.SLOTS)] ?? 0] ?? "";
  }
}

/** US place names ("Autaugaville", "Chula Vista"), without the kind ("town") or the state. */
function placeNames(): string[] {
  const csv = readFileSync("census/place_county_relationship_2020.csv", "utf8");
  const names = new Set<string>();
  for (const match of csv.matchAll(/"([^"]+), [A-Z]{2}"/g)) {
    const name = (match[1] ?? "").replace(/(?:\s+(?:[a-z()/-]+|CDP))+$/, "").trim();
    if (name) names.add(name);
  }
  return [...names];
}

const vocabulary = JSON.parse(readFileSync("bench/search-words.json", "utf8")) as Record<
  Lang,
  string[]
>;
// A set phrase is one entry, its words joined by "_" (make-search-words.ts).
const ZIPF = Object.fromEntries(
  LANGS.map((l) => [
    l,
    new Zipf(vocabulary[l].map((w) => w.replaceAll("_", l === "zh-Hans" ? "" : " "))),
  ]),
) as Record<Lang, Zipf>;
export const PLACES = placeNames();
const PLACE_RATE = 1 / 120;
const NUMBER_RATE = 1 / 200;

function word(zipf: Zipf, spaced: boolean, random: Random): string {
  const roll = random();
  if (roll >= PLACE_RATE + NUMBER_RATE) return zipf.draw(random);
  if (roll < PLACE_RATE) {
    const place = PLACES[Math.floor(random() * PLACES.length)] ?? "";
    return spaced ? place : ` ${place} `;
  }
  return String(random() < 0.5 ? between(random, 2015, 2026) : between(random, 2, 99));
}

function sentence(lang: Lang, random: Random, length: number, end = true): string {
  const zipf = ZIPF[lang];
  const spaced = lang !== "zh-Hans";
  if (!spaced) {
    let text = "";
    for (let i = 0; i < length; i++) {
      text += word(zipf, spaced, random);
      if (i < length - 1 && random() < 0.12) text += random() < 0.8 ? "，" : "、";
    }
    return end ? `${text.trim()}。` : text.trim();
  }
  const words: string[] = [];
  for (let i = 0; i < length; i++) {
    const w = word(zipf, spaced, random);
    words.push(i < length - 1 && random() < 0.07 ? `${w},` : w);
  }
  let text = words.join(" ");
  text = `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
  if (!end) return text;
  if (random() < 0.04) return lang === "es" ? `¿${text}?` : `${text}?`;
  return `${text}.`;
}

/** Sentences of 8–25 words adding up to `words`, in paragraphs of 2–6 sentences. */
function prose(lang: Lang, random: Random, words: number): string {
  const paragraphs: string[] = [];
  let paragraph: string[] = [];
  let inParagraph = between(random, 2, 6);
  for (let left = words; left > 0; ) {
    let length = Math.min(left, between(random, 8, 25));
    if (left - length < 8) length = left;
    left -= length;
    paragraph.push(sentence(lang, random, length));
    if (paragraph.length >= inParagraph || left === 0) {
      paragraphs.push(paragraph.join(lang === "zh-Hans" ? "" : " "));
      paragraph = [];
      inParagraph = between(random, 2, 6);
    }
  }
  return paragraphs.join("\n\n");
}

/** Six in ten items are resources, three news, one a campaign. */
const TYPES: readonly { type: SearchType; path: string; upTo: number }[] = [
  { type: "resource", path: "/resources", upTo: 0.6 },
  { type: "news", path: "/news", upTo: 0.9 },
  { type: "campaign", path: "/campaigns", upTo: 1 },
];
/** Ten years of dates, the last on the day before the benchmark's "now". */
export const NOW = new Date("2026-06-01T12:00:00Z");
const FIRST_DAY = Date.UTC(2016, 5, 1);
const DAYS = Math.round((NOW.getTime() - FIRST_DAY) / 86_400_000);

export const refIdOf = (item: number) =>
  `00000000-0000-4000-8000-${String(item).padStart(12, "0")}`;

/** The item's three documents; the same every run. */
export function itemDocuments(item: number): SearchDocument[] {
  const random = generator(item * 7919 + 17);
  const roll = random();
  const kind = TYPES.find((t) => roll < t.upTo) ?? TYPES[0];
  const dated = new Date(FIRST_DAY + between(random, 0, DAYS - 1) * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const first = between(random, 0, RESOURCE_TOPICS.length - 1);
  const second = (first + between(random, 1, RESOURCE_TOPICS.length - 1)) % RESOURCE_TOPICS.length;
  const topics = (random() < 0.5 ? [first] : [first, second]).map((i) => RESOURCE_TOPICS[i] ?? "");
  const titleWords = between(random, 5, 12);
  const summaryWords = between(random, 25, 60);
  const bodyWords = between(random, 300, 3000);
  // One in two hundred is scheduled: indexed, never found.
  const visibleFrom = random() < 0.005 ? "2099-01-01T00:00:00.000Z" : null;
  const slug = `item-${item}`;
  return LANGS.map((lang, l) => {
    const words = generator(item * 104729 + l * 15485863 + 3);
    return {
      refId: refIdOf(item),
      locale: lang,
      type: kind?.type ?? "resource",
      slug,
      path: `${kind?.path ?? "/resources"}/${slug}`,
      title: sentence(lang, words, titleWords, false),
      summary: prose(lang, words, summaryWords).replace(/\n\n/g, " "),
      body: prose(lang, words, bodyWords),
      topics,
      dated,
      visibleFrom,
      isDemo: false,
    };
  });
}

/** The library as a feature's SearchSource, with the time spent making its documents. */
export function benchSource(): SearchSource & { generatingMs: number } {
  const source = {
    name: "bench",
    generatingMs: 0,
    async ids() {
      return Array.from({ length: ITEMS }, (_, i) => refIdOf(i));
    },
    async documents(_db: unknown, ids: readonly string[]) {
      const started = performance.now();
      const docs = ids.flatMap((id) => itemDocuments(Number(id.slice(-12))));
      source.generatingMs += performance.now() - started;
      return docs;
    },
  };
  return source;
}
