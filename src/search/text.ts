// Words for the index and for queries, cut the same way on both sides (docs/decisions/0027).
//
// A word is a run of letters, marks and digits. Scripts written without spaces (Chinese,
// Japanese, Thai, Lao, Khmer, Myanmar) need a dictionary to find their words: a text holding
// them is cut into sentences first, and each sentence holding them goes to Intl.Segmenter whole
// (never a long string: a whole body at once takes ~30 ms for 3,000 English words, by sentence
// ~4 ms), so a two-character Chinese word inside a sentence comes out as a word of its own. Text
// in other scripts is cut by the pattern alone (~0.1 ms for 3,000 words), and so is every word
// the segmenter gives: both ways give the same words.
//
// Each word is folded: compatibility forms unified (full-width ＩＤ is ID), accents and other
// marks removed (inmigracion finds inmigración), lower case. The folded words contain
// only letters and digits, so neither database's tokenizer can cut them differently.

/**
 * The word segmenter, with one locale for every text so that index and query agree. Made on first
 * use (`pushSegments`): loading ICU's word rules takes 15 ms, which no page before a search needs.
 */
let words: Intl.Segmenter | undefined;

export const RUN = /[\p{L}\p{M}\p{N}]+/gu;
export const UNSPACED =
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

// Common Chinese characters fold to themselves (PLAIN_HAN).
const NOT_ASCII = /[\u0080-\u4dff\ua000-\u{10ffff}]/gu;
/** Each character outside ASCII folded (there are few: the map stays small). */
const foldedChars = new Map<string, string>();

/**
 * `fold` of a long text, when it folds character by character into as many code units, so that
 * a place in the result is the same place in `text`; undefined otherwise (a ligature, a letter
 * and its accent written apart). Folding the whole text at once (three passes over it, one a
 * pattern) is ~10 times slower for Spanish.
 */
export function foldInPlace(text: string): string | undefined {
  let same = true;
  const folded = text.replace(NOT_ASCII, (ch) => {
    let result = foldedChars.get(ch);
    if (result === undefined) {
      result = fold(ch);
      if (foldedChars.size < FOLDED_KEPT) foldedChars.set(ch, result);
    }
    if (result.length !== ch.length) same = false;
    return result;
  });
  return same ? folded.toLowerCase() : undefined;
}

/** Folded forms of the words met lately (words repeat: most are folded once). */
const folded = new Map<string, string>();
const FOLDED_KEPT = 50_000;
// Words reach here as runs of letters, marks and digits: ASCII ones are [A-Za-z0-9] only.
const ASCII = /^[0-9A-Za-z]*$/;

/** Common CJK ideographs: NFKD and lower case leave them as they are. */
const PLAIN_HAN = /^[\u4e00-\u9fff]*$/;

/** `fold` for a run of letters, marks and digits, quickly for the common cases. */
export function foldWord(word: string): string {
  // A run of ASCII letters and digits only needs its case folded.
  if (ASCII.test(word)) return word.toLowerCase();
  if (PLAIN_HAN.test(word)) return word;
  let result = folded.get(word);
  if (result === undefined) {
    result = fold(word);
    if (folded.size >= FOLDED_KEPT) folded.clear();
    folded.set(word, result);
  }
  return result;
}

/** Sentences, cut at their ending punctuation (and line ends): cheap, and enough for words. */
const SENTENCE = /[^。！？；!?;\n]+[。！？；!?;\n]*/gu;
/** A longer "sentence" (a list without stops) is cut run by run instead. */
const LONGEST_SENTENCE = 500;
/** Sentences given to the segmenter in one call, up to this many characters together. */
const SEGMENTED_CHUNK = 400;

function pushWord(tokens: Token[], word: string, start: number) {
  const term = foldWord(word);
  if (term.length === 0) return;
  if (!NOT_WORD.test(term)) {
    tokens.push({ term, start, end: start + word.length });
    return;
  }
  for (const part of term.split(NOT_WORD)) {
    if (part) tokens.push({ term: part, start, end: start + word.length });
  }
}

function pushRuns(tokens: Token[], text: string, base: number) {
  for (const run of text.matchAll(RUN)) {
    if (!UNSPACED.test(run[0])) pushWord(tokens, run[0], base + run.index);
    else pushSegments(tokens, run[0], base + run.index);
  }
}

const WHOLE_RUN = /^[\p{L}\p{M}\p{N}]+$/u;

/** Intl.Segmenter's words of `text`, each cut into runs as everywhere else. */
function pushSegments(tokens: Token[], text: string, base: number) {
  words ??= new Intl.Segmenter("und", { granularity: "word" });
  for (const segment of words.segment(text)) {
    if (!segment.isWordLike) continue;
    // Most words are one run already: pushed without a pattern walk (a third of the cost).
    if (WHOLE_RUN.test(segment.segment)) {
      pushWord(tokens, segment.segment, base + segment.index);
      continue;
    }
    for (const run of segment.segment.matchAll(RUN)) {
      pushWord(tokens, run[0], base + segment.index + run.index);
    }
  }
}

/**
 * The words of `text` in order, each with its place in `text`. Text with no script written
 * without spaces is cut by the pattern alone; otherwise sentence by sentence: the sentences that
 * hold such a script go to Intl.Segmenter a few at a time, up to SEGMENTED_CHUNK characters (a
 * call costs ~20 µs whatever its length, and a long string more per character: ~400 characters
 * a call is the cheapest, 40% less than a call a sentence), the others to the pattern.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  if (!UNSPACED.test(text)) {
    pushRuns(tokens, text, 0);
    return tokens;
  }
  // Sentences waiting for the segmenter: text[chunkStart, chunkEnd).
  let chunkStart = 0;
  let chunkEnd = 0;
  const flush = () => {
    if (chunkEnd > chunkStart) pushSegments(tokens, text.slice(chunkStart, chunkEnd), chunkStart);
    chunkStart = chunkEnd;
  };
  for (const sentence of text.matchAll(SENTENCE)) {
    const [body] = sentence;
    const start = sentence.index;
    if (!UNSPACED.test(body) || body.length > LONGEST_SENTENCE) {
      flush();
      pushRuns(tokens, body, start);
      chunkStart = chunkEnd = start + body.length;
      continue;
    }
    // Only sentences next to each other share a call (the pattern skips nothing a word holds).
    if (start !== chunkEnd || start + body.length - chunkStart > SEGMENTED_CHUNK) {
      flush();
      chunkStart = start;
    }
    chunkEnd = start + body.length;
  }
  flush();
  return tokens;
}

/** The folded words of `text`, in order. */
export function terms(text: string): string[] {
  return tokenize(text).map((token) => token.term);
}
