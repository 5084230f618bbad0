// The passage of a result that shows why it was found: the first place a word of the query
// stands, a little before and after it, the matched words marked. Returned as parts for the view
// (and the API) to escape: the source's own markup is text here, never HTML.
import { foldWord, RUN, tokenize, UNSPACED } from "./text.js";

export interface SnippetPart {
  text: string;
  mark: boolean;
}

const BEFORE = 60;
const AFTER = 180;

/** True when `term` is looked for: a word of the query, or one starting with a prefix. */
export function matcher(words: readonly string[], prefixes: readonly string[]) {
  const exact = new Set(words);
  return (term: string) => exact.has(term) || prefixes.some((p) => term.startsWith(p));
}

/**
 * Where the looked-for words stand in `text`, in order (only the first with `firstOnly`). A run
 * in a script written with spaces is cut by the pattern (cheap); in a run of Chinese or another
 * script without spaces a looked-for word is found as it stands in the run, without asking the
 * segmenter again (a call per sentence of every passage made snippets the slow part of a search).
 */
function matchesIn(
  text: string,
  words: readonly string[],
  prefixes: readonly string[],
  firstOnly: boolean,
): Span[] {
  const wanted = matcher(words, prefixes);
  const needles = [...words, ...prefixes].filter((n) => n.length > 0);
  const spans: Span[] = [];
  for (const run of text.matchAll(RUN)) {
    const folded = foldWord(run[0]);
    if (!needles.some((n) => folded.includes(n))) continue;
    const found: Span[] = [];
    if (UNSPACED.test(run[0]) && folded.length === run[0].length) {
      for (const needle of needles) {
        for (let at = folded.indexOf(needle); at !== -1; at = folded.indexOf(needle, at + 1)) {
          found.push({ start: run.index + at, end: run.index + at + needle.length });
        }
      }
      found.sort((a, b) => a.start - b.start || b.end - a.end);
    } else {
      for (const token of tokenize(run[0])) {
        if (wanted(token.term)) {
          found.push({ start: run.index + token.start, end: run.index + token.end });
        }
      }
    }
    for (const span of found) {
      const last = spans[spans.length - 1];
      if (last && span.start < last.end) continue;
      spans.push(span);
      if (firstOnly) return spans;
    }
  }
  return spans;
}

interface Span {
  start: number;
  end: number;
}

/** The snippet of `text` around its first match; its opening when nothing matches. */
export function snippetOf(
  text: string,
  words: readonly string[],
  prefixes: readonly string[],
): { parts: SnippetPart[]; matched: boolean } {
  const found = matchesIn(text, words, prefixes, true)[0];
  const start = found ? wordStart(text, Math.max(0, found.start - BEFORE), found.start) : 0;
  const end = wordEnd(text, Math.min(text.length, (found?.end ?? 0) + AFTER));
  const passage = text.slice(start, end).replace(/\s+/g, " ");
  const parts: SnippetPart[] = [];
  if (start > 0) parts.push({ text: "… ", mark: false });
  parts.push(...marked(passage, found ? matchesIn(passage, words, prefixes, false) : []));
  if (end < text.length) parts.push({ text: " …", mark: false });
  return { parts, matched: Boolean(found) };
}

/** A short text (a title) whole, its looked-for words marked. */
export function markedParts(
  text: string,
  words: readonly string[],
  prefixes: readonly string[],
): SnippetPart[] {
  return marked(text, matchesIn(text, words, prefixes, false));
}

function marked(text: string, spans: readonly Span[]): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let at = 0;
  for (const span of spans) {
    if (span.start > at) parts.push({ text: text.slice(at, span.start), mark: false });
    parts.push({ text: text.slice(span.start, span.end), mark: true });
    at = span.end;
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
