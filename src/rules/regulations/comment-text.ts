// What Regulations.gov accepts as a comment's text (shared/reference/government-apis.md): at most
// 5,000 characters AND 5,000 bytes, and no emoji. A pure check, so the draft page can say what is
// wrong as the comment is written, and the client can refuse before anything is sent.

export const COMMENT_MAX_CHARACTERS = 5000;
export const COMMENT_MAX_BYTES = 5000;

export type CommentTextProblem =
  | { kind: "empty" }
  | { kind: "too_many_characters"; count: number; limit: number; over: number }
  /** Accented letters take 2 bytes in UTF-8, Chinese characters 3: a Chinese comment of 1,700
   * characters is already over. */
  | { kind: "too_many_bytes"; count: number; limit: number; over: number }
  /** The characters refused, each once, in the order they appear (at most 10). */
  | { kind: "emoji"; characters: string[] };

// Emoji and the parts they are built from. ©, ® and ™ are Extended_Pictographic too, but they are
// ordinary text in a letter and predate emoji; the API's refusal is documented for emoji only.
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
const TEXT_SYMBOLS = new Set(["©", "®", "™"]);
// Variation selector 16 (emoji presentation), the keycap mark and the zero-width joiner of
// emoji sequences.
const EMOJI_PARTS = new Set(["\uFE0F", "\u20E3", "\u200D"]);

function isRefused(character: string): boolean {
  // Outside the Basic Multilingual Plane: emoji, flags (regional indicators), skin tones, and
  // anything else taking 4 bytes in UTF-8, which the posting API is reported to refuse alike.
  if ((character.codePointAt(0) ?? 0) > 0xffff) return true;
  if (EMOJI_PARTS.has(character)) return true;
  return PICTOGRAPHIC.test(character) && !TEXT_SYMBOLS.has(character);
}

/** The problems of a comment's text for Regulations.gov; an empty list means it may be sent. */
export function commentTextProblems(text: string): CommentTextProblem[] {
  const problems: CommentTextProblem[] = [];
  if (text.trim() === "") return [{ kind: "empty" }];
  // Counted as UTF-16 units, as a Java service counts a string: the same as code points for
  // every character that may be sent (the others are refused below anyway).
  const characters = text.length;
  if (characters > COMMENT_MAX_CHARACTERS) {
    problems.push({
      kind: "too_many_characters",
      count: characters,
      limit: COMMENT_MAX_CHARACTERS,
      over: characters - COMMENT_MAX_CHARACTERS,
    });
  }
  const bytes = Buffer.byteLength(text, "utf8");
  // Plain ASCII has as many bytes as characters: the character count already says it all.
  if (bytes > COMMENT_MAX_BYTES && bytes > characters) {
    problems.push({
      kind: "too_many_bytes",
      count: bytes,
      limit: COMMENT_MAX_BYTES,
      over: bytes - COMMENT_MAX_BYTES,
    });
  }
  const refused = new Set<string>();
  for (const character of text) {
    if (isRefused(character)) refused.add(character);
    if (refused.size === 10) break;
  }
  if (refused.size > 0) problems.push({ kind: "emoji", characters: [...refused] });
  return problems;
}
