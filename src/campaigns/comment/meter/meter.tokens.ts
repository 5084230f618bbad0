// Words and shingles of a text, for the uniqueness meter (README.md in this folder).
//
// A text is cut into words with Intl.Segmenter (Unicode word boundaries), keeping the word-like
// segments, normalized (NFKC, lower case, one apostrophe). A Chinese or Japanese character is a
// word of its own at half the weight: see SHINGLE_WEIGHT. Each word keeps its offsets in the
// text as written, so the page can mark a passage where the member sees it.

/** A word: where it is in the text (UTF-16 offsets, end excluded), its hash and its weight. */
export interface Words {
  count: number;
  start: Int32Array;
  end: Int32Array;
  hash: Int32Array;
  /** 2 for a word, 1 for a Han or kana character. */
  weight: Uint8Array;
}

/** Shingles of a text: for each one, its first and last word and its hash. */
export interface Shingles {
  count: number;
  first: Int32Array;
  last: Int32Array;
  hash: Int32Array;
}

/**
 * A shingle is the shortest run of words from a given word whose weight reaches this: 5 words
 * (weight 2 each), or 10 Han or kana characters (weight 1 each). Five words is the usual
 * minimum for copied prose: shorter runs ("the public charge rule") are phrases any comment on
 * the rule uses. Chinese has no spaces and its words average under two characters, so ten
 * characters hold about as much as five English words; a shorter window would flag set phrases
 * (公共负担规则 alone is six characters). Characters rather than the segmenter's dictionary words,
 * because the dictionary may cut the same phrase differently next to different neighbours.
 */
export const SHINGLE_WEIGHT = 10;

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

// One segmenter for every language, so the same text always gives the same words whatever the
// language of the draft or template it is in; CJK is cut into characters below anyway.
let segmenter: Intl.Segmenter | undefined;

// FNV-1a, 32 bits: over a word's UTF-16 code units, and over a shingle's word hashes.
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function hashString(text: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h | 0;
}

function mix(h: number, word: number): number {
  let x = h;
  for (let shift = 0; shift < 32; shift += 8) {
    x ^= (word >>> shift) & 0xff;
    x = Math.imul(x, FNV_PRIME);
  }
  return x;
}

const normalize = (word: string) => word.normalize("NFKC").toLowerCase().replace(/[’‘ʼ]/g, "'");

/** The text's words, in order. */
export function tokenize(text: string): Words {
  segmenter ??= new Intl.Segmenter("und", { granularity: "word" });
  const start: number[] = [];
  const end: number[] = [];
  const hash: number[] = [];
  const weight: number[] = [];
  const push = (from: number, to: number, word: string, w: number) => {
    start.push(from);
    end.push(to);
    hash.push(hashString(normalize(word)));
    weight.push(w);
  };
  for (const { segment, index, isWordLike } of segmenter.segment(text)) {
    if (!isWordLike) continue;
    if (!CJK.test(segment)) {
      push(index, index + segment.length, segment, 2);
      continue;
    }
    // A CJK character alone; letters or digits inside the segment ("2020年") as one word.
    let run = -1;
    let at = index;
    for (const char of segment) {
      if (CJK.test(char)) {
        if (run >= 0) push(run, at, text.slice(run, at), 2);
        run = -1;
        push(at, at + char.length, char, 1);
      } else if (run < 0) run = at;
      at += char.length;
    }
    if (run >= 0) push(run, at, text.slice(run, at), 2);
  }
  return {
    count: start.length,
    start: Int32Array.from(start),
    end: Int32Array.from(end),
    hash: Int32Array.from(hash),
    weight: Uint8Array.from(weight),
  };
}

/**
 * Every shingle, one from each word that has enough words after it. A text lighter than one
 * shingle (under five words) has none: nothing in it can be found in another text.
 */
export function shingles(words: Words): Shingles {
  const first = new Int32Array(words.count);
  const last = new Int32Array(words.count);
  const hash = new Int32Array(words.count);
  let count = 0;
  for (let i = 0; i < words.count; i++) {
    let h = FNV_OFFSET;
    let w = 0;
    let j = i;
    while (j < words.count && w < SHINGLE_WEIGHT) {
      h = mix(h, words.hash[j] as number);
      w += words.weight[j] as number;
      j++;
    }
    if (w < SHINGLE_WEIGHT) break; // so do the ones from every later word
    first[count] = i;
    last[count] = j - 1;
    hash[count] = h | 0;
    count++;
  }
  return { count, first, last, hash };
}

/** A text's shingle hashes, sorted, each once: what the index keeps of a draft. */
export function shingleSet(text: string): Int32Array {
  return uniqueSorted(shingles(tokenize(text)));
}

/** The shingles' hashes, sorted, each once. */
export function uniqueSorted({ hash, count }: Shingles): Int32Array {
  const sorted = hash.subarray(0, count).slice().sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[n - 1]) sorted[n++] = sorted[i] as number;
  }
  return sorted.slice(0, n);
}

/** Whether a sorted set holds a hash (binary search). */
export function holds(set: Int32Array, value: number): boolean {
  let lo = 0;
  let hi = set.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = set[mid] as number;
    if (at === value) return true;
    if (at < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
