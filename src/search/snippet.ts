// The passage of a result that shows why it was found: the first place a word of the query
// stands, a little before and after it, the matched words marked. Returned as parts for the view
// (and the API) to escape: the source's own markup is text here, never HTML.
import { fold, tokenize } from "./text.js";

export interface SnippetPart {
  text: string;
  mark: boolean;
}

const BEFORE = 60;
const AFTER = 180;
const RUN = /[\p{L}\p{M}\p{N}]+/gu;

/** True when `term` is looked for: a word of the query, or one starting with a prefix. */
export function matcher(words: readonly string[], prefixes: readonly string[]) {
  const exact = new Set(words);
  return (term: string) => exact.has(term) || prefixes.some((p) => term.startsWith(p));
}

/**
 * Where in `text` the first looked-for word stands, or -1. Runs are folded and checked for the
 * words as substrings first, so only a run that may hold one is cut into words (Chinese runs
 * are cut by the segmenter, which is the slow part).
 */
function firstMatch(
  text: string,
  needles: readonly string[],
  wanted: (term: string) => boolean,
): { start: number; end: number } | undefined {
  for (const run of text.matchAll(RUN)) {
    const folded = fold(run[0]);
    if (!needles.some((n) => folded.includes(n))) continue;
    for (const token of tokenize(run[0])) {
      if (wanted(token.term)) return { start: run.index + token.start, end: run.index + token.end };
    }
  }
  return undefined;
}

/** The snippet of `text` around its first match; its opening when nothing matches. */
export function snippetOf(
  text: string,
  words: readonly string[],
  prefixes: readonly string[],
): { parts: SnippetPart[]; matched: boolean } {
  const wanted = matcher(words, prefixes);
  const found = firstMatch(text, [...words, ...prefixes], wanted);
  const start = found ? wordStart(text, Math.max(0, found.start - BEFORE), found.start) : 0;
  const end = wordEnd(text, Math.min(text.length, (found?.end ?? 0) + AFTER));
  const passage = text.slice(start, end).replace(/\s+/g, " ");
  const parts: SnippetPart[] = [];
  if (start > 0) parts.push({ text: "… ", mark: false });
  let at = 0;
  if (found) {
    for (const token of tokenize(passage)) {
      if (!wanted(token.term)) continue;
      if (token.start > at) parts.push({ text: passage.slice(at, token.start), mark: false });
      parts.push({ text: passage.slice(token.start, token.end), mark: true });
      at = token.end;
    }
  }
  if (at < passage.length) parts.push({ text: passage.slice(at), mark: false });
  if (end < text.length) parts.push({ text: " …", mark: false });
  return { parts, matched: Boolean(found) };
}

/** A short text (a title) whole, its looked-for words marked. */
export function markedParts(
  text: string,
  words: readonly string[],
  prefixes: readonly string[],
): SnippetPart[] {
  const wanted = matcher(words, prefixes);
  const parts: SnippetPart[] = [];
  let at = 0;
  for (const token of tokenize(text)) {
    if (!wanted(token.term)) continue;
    if (token.start > at) parts.push({ text: text.slice(at, token.start), mark: false });
    parts.push({ text: text.slice(token.start, token.end), mark: true });
    at = token.end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), mark: false });
  return parts;
}

/** The start of the word at or after `from` (not past `limit`), so no word is cut in half. */
function wordStart(text: string, from: number, limit: number): number {
  if (from === 0) return 0;
  const space = text.slice(from, limit).search(/\s/);
  return space === -1 ? from : from + space + 1;
}

function wordEnd(text: string, to: number): number {
  if (to >= text.length) return text.length;
  const space = text.slice(to).search(/\s/);
  if (space === -1) return text.length - to <= 40 ? text.length : to;
  return space > 40 ? to : to + space;
}
