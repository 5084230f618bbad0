// The passage of a result that shows why it was found: the first place a word of the query
// stands, a little before and after it, the matched words marked. Returned as parts for the view
// (and the API) to escape: the source's own markup is text here, never HTML.
import { foldInPlace, foldWord, RUN, tokenize, UNSPACED } from "./text.js";

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
  const needles = needlesOf(words, prefixes);
  const spans: Span[] = [];
  for (const run of text.matchAll(RUN)) {
    for (const span of spansInRun(run[0], run.index, needles, wanted)) {
      const last = spans[spans.length - 1];
      if (last && span.start < last.end) continue;
      spans.push(span);
      if (firstOnly) return spans;
    }
  }
  return spans;
}

function needlesOf(words: readonly string[], prefixes: readonly string[]): string[] {
  return [...words, ...prefixes].filter((n) => n.length > 0);
}

/** The looked-for words in one run of letters, marks and digits that starts at `at`. */
function spansInRun(
  run: string,
  at: number,
  needles: readonly string[],
  wanted: (term: string) => boolean,
): Span[] {
  const folded = foldWord(run);
  if (!needles.some((n) => folded.includes(n))) return [];
  const found: Span[] = [];
  if (UNSPACED.test(run) && folded.length === run.length) {
    for (const needle of needles) {
      for (let i = folded.indexOf(needle); i !== -1; i = folded.indexOf(needle, i + 1)) {
        found.push({ start: at + i, end: at + i + needle.length });
      }
    }
    found.sort((a, b) => a.start - b.start || b.end - a.end);
  } else {
    for (const token of tokenize(run)) {
      if (wanted(token.term)) found.push({ start: at + token.start, end: at + token.end });
    }
  }
  return found;
}

const RUN_HERE = new RegExp(RUN.source, "uy");
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;

/**
 * The first looked-for word of a long text (a body). The text is folded once and searched for
 * the words as they are folded; each place found is checked as `matchesIn` would check it (the
 * whole run cut into words), so "city" in "ethnicity" is passed over. Reading every run of a
 * 3,000-word body took most of a search's time. A text whose folding changes its length (rare:
 * ligatures, letters split into two) is read run by run as before.
 */
function firstMatch(
  text: string,
  words: readonly string[],
  prefixes: readonly string[],
): Span | undefined {
  const folded = foldInPlace(text);
  if (folded === undefined) return matchesIn(text, words, prefixes, true)[0];
  const wanted = matcher(words, prefixes);
  const needles = needlesOf(words, prefixes);
  for (let from = 0; ; ) {
    let at = -1;
    for (const needle of needles) {
      const i = folded.indexOf(needle, from);
      if (i !== -1 && (at === -1 || i < at)) at = i;
    }
    if (at === -1) return undefined;
    let start = at;
    while (start > 0 && WORD_CHAR.test(text[start - 1] ?? "")) start -= 1;
    RUN_HERE.lastIndex = start;
    const run = RUN_HERE.exec(text);
    if (!run) {
      from = at + 1;
      continue;
    }
    const span = spansInRun(run[0], start, needles, wanted).find((s) => s.end > at);
    if (span) return span;
    from = Math.max(at + 1, start + run[0].length);
  }
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
  const found = firstMatch(text, words, prefixes);
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
