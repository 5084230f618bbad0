// Words for the index and for queries, cut the same way on both sides (docs/decisions/0027).
//
// A word is a run of letters, marks and digits. Scripts written without spaces (Chinese,
// Japanese, Thai, Lao, Khmer, Myanmar) need a dictionary to find their words: those runs, and
// only those, go to Intl.Segmenter, one run at a time. A run never holds punctuation, so it is
// at most a clause: the segmenter never sees a long string (a whole body at once takes ~30 ms
// for 3,000 English words; by sentence ~4 ms; this way ~0.1 ms), and a two-character Chinese
// word inside a sentence comes out as a word of its own.
//
// Each word is folded: compatibility forms unified (full-width ＩＤ is ID), accents and other
// marks removed (inmigracion finds inmigración), lower case. The folded words contain
// only letters and digits, so neither database's tokenizer can cut them differently.

/** The segmenter's locale: one for every text, so that index and query agree. */
const words = new Intl.Segmenter("und", { granularity: "word" });

const RUN = /[\p{L}\p{M}\p{N}]+/gu;
const UNSPACED =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const MARKS = /\p{M}+/gu;
const NOT_WORD = /[^\p{L}\p{N}]+/u;

/** A word of a text: where it stands in the original, and its folded form. */
export interface Token {
  /** Folded: what the index holds and a query is compared with. */
  term: string;
  start: number;
  end: number;
}

/** Compatibility forms unified, marks removed, lower case. */
export function fold(text: string): string {
  return text.normalize("NFKD").replace(MARKS, "").normalize("NFC").toLowerCase();
}

/**
 * The words of `text` in order, each with its place in `text`. A folded word that still holds
 * something other than letters and digits (a spacing mark) is cut there.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const push = (word: string, start: number) => {
    const folded = fold(word);
    if (folded.length === 0) return;
    if (!NOT_WORD.test(folded)) {
      tokens.push({ term: folded, start, end: start + word.length });
      return;
    }
    for (const part of folded.split(NOT_WORD)) {
      if (part) tokens.push({ term: part, start, end: start + word.length });
    }
  };
  for (const run of text.matchAll(RUN)) {
    const start = run.index;
    if (!UNSPACED.test(run[0])) {
      push(run[0], start);
      continue;
    }
    for (const segment of words.segment(run[0])) {
      if (segment.isWordLike) push(segment.segment, start + segment.index);
    }
  }
  return tokens;
}

/** The folded words of `text`, in order. */
export function terms(text: string): string[] {
  return tokenize(text).map((token) => token.term);
}
