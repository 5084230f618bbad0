// A reader's query as clauses the index understands (db/fulltext.ts): quoted phrases, words, and
// the last word as a prefix while it is still being typed (no space after it).
import type { FulltextClause } from "../db/fulltext.js";
import { terms, UNSPACED } from "./text.js";

/** Longer queries are refused with a clear message. */
export const MAX_QUERY_LENGTH = 200;
/** Words past this many are not looked for (a pasted paragraph). */
export const MAX_CLAUSES = 12;

// Straight and typographic quotes, and the corner brackets Chinese text quotes with.
const QUOTED = /["“”„«»「」『』]([^"“”„«»「」『』]*)["“”„«»「」『』]?/gu;

export interface ParsedQuery {
  clauses: FulltextClause[];
  /** Every folded word looked for, for highlighting. */
  words: string[];
  /** Words looked for as prefixes. */
  prefixes: string[];
}

export function parseQuery(q: string): ParsedQuery {
  const clauses: FulltextClause[] = [];
  const phrases: string[][] = [];
  const rest = q.replace(QUOTED, (_match, inner: string) => {
    const words = terms(inner);
    if (words.length > 0) phrases.push(words);
    return " ";
  });
  for (const words of phrases)
    clauses.push({ terms: words, phrase: words.length > 1, prefix: false });
  const loose = terms(rest);
  // Still typing: the query ends in a word, not a space or a closed quote.
  const typing = /[\p{L}\p{M}\p{N}]$/u.test(rest);
  loose.forEach((word, i) => {
    // One Latin letter as a prefix would ask for every word starting with it (~250 ms at 10,000
    // items); one Chinese character is a word's start worth completing.
    const longEnough = word.length >= 2 || UNSPACED.test(word);
    clauses.push({
      terms: [word],
      phrase: false,
      prefix: typing && i === loose.length - 1 && longEnough,
    });
  });
  const kept = dedupe(clauses).slice(0, MAX_CLAUSES);
  return {
    clauses: kept,
    words: kept.flatMap((c) => (c.prefix ? c.terms.slice(0, -1) : c.terms)),
    prefixes: kept.filter((c) => c.prefix).map((c) => c.terms[c.terms.length - 1] ?? ""),
  };
}

function dedupe(clauses: FulltextClause[]): FulltextClause[] {
  const seen = new Set<string>();
  return clauses.filter((c) => {
    const key = `${c.phrase}${c.prefix}${c.terms.join(" ")}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
