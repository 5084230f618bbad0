// The fonts a letter's PDF embeds, and which one draws each character. Noto Sans (Latin, Greek,
// Cyrillic, Vietnamese) and Noto Sans Hans (Simplified Chinese, ~30,800 characters) come from
// npm packages read in node_modules at run time (docs/decisions/0021-letter-pdf.md): found from
// the project root, because the bundled server runs from dist/, and never bundled.
//
// Each font file is read the first time a letter needs it, then its bytes are kept: not read at
// start-up (a Chinese face is 8 MB), and not once per letter. It is parsed again for each letter:
// fontkit caches each glyph with the characters of the text that first used it, so a parsed font
// shared between letters wrote a wrong ToUnicode map after a Spanish "ú" (a later letter's bold
// "u" was extracted as a blank). A fresh parse costs a few hundred milliseconds on a Chinese letter.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Font } from "fontkit";
import { projectPath } from "../../config/paths.js";

export type Family = "latin" | "cjk";
export type Weight = "regular" | "bold";

const FILES: Record<Family, { pkg: string; regular: string; bold: string }> = {
  latin: {
    pkg: "@embedpdf/fonts-latin",
    regular: "NotoSans-Regular.ttf",
    bold: "NotoSans-Bold.ttf",
  },
  cjk: {
    pkg: "@embedpdf/fonts-sc",
    regular: "NotoSansHans-Regular.otf",
    bold: "NotoSansHans-Bold.otf",
  },
};

/** Where a font package's files are: the first node_modules folder above the root that has it. */
function packageDir(pkg: string): string {
  // The packages export only their (unneeded) index, not their fonts or package.json, so the
  // folder is found along Node's own lookup paths rather than through require.resolve.
  const lookup = createRequire(projectPath("package.json")).resolve.paths(pkg) ?? [];
  for (const dir of lookup) {
    const candidate = join(dir, pkg);
    if (existsSync(join(candidate, "package.json"))) return candidate;
  }
  throw new Error(`font package ${pkg} is not installed (npm install)`);
}

export function fontPath(family: Family, weight: Weight): string {
  const { pkg, [weight]: file } = FILES[family];
  return join(packageDir(pkg), "fonts", file);
}

const files = new Map<string, Promise<Buffer>>();

/** A font file's bytes, read once (asynchronously: reading 8 MB must not hold the event loop). */
function fontBytes(family: Family, weight: Weight): Promise<Buffer> {
  const key = `${family}-${weight}`;
  let bytes = files.get(key);
  if (!bytes) {
    bytes = readFile(fontPath(family, weight));
    // A failed read is not kept: the next letter tries again (and reports the error again).
    bytes.catch(() => files.delete(key));
    files.set(key, bytes);
  }
  return bytes;
}

/** The font parsed for one letter: never share it with another (see the top of this file). */
export async function loadFont(family: Family, weight: Weight): Promise<Font> {
  const fontkit = await import("fontkit");
  const parsed = fontkit.create(await fontBytes(family, weight));
  if ("fonts" in parsed) throw new Error(`${family}-${weight} is a font collection, not a font`);
  return parsed;
}

/** The families of a letter: the first draws what it can, the other the rest. */
export function familiesFor(locale: string): readonly [Family, Family] {
  // Noto Sans Hans has its own Latin letters, drawn to match its Han characters.
  return locale.startsWith("zh") ? ["cjk", "latin"] : ["latin", "cjk"];
}

export interface Run {
  text: string;
  /** 0: the letter's first family; 1: the fallback. */
  family: 0 | 1;
}

/**
 * Cuts a text into runs each drawn by one font: a character the first font has stays with it
 * (spaces and punctuation therefore never switch fonts), one it lacks goes to the fallback when
 * that has it. A character neither has (an emoji, Arabic) becomes U+FFFD, the replacement
 * character: its blank glyph would be extracted as a NUL, and the reader would not know that
 * something is missing.
 */
export function splitRuns(text: string, first: Font, fallback: Font | undefined): Run[] {
  const runs: Run[] = [];
  for (const char of text) {
    const cp = char.codePointAt(0) ?? 0;
    let family: 0 | 1 = 0;
    let shown = char;
    if (!first.hasGlyphForCodePoint(cp)) {
      if (fallback?.hasGlyphForCodePoint(cp)) family = 1;
      else if (first.hasGlyphForCodePoint(0xfffd)) shown = "\ufffd";
      else if (fallback?.hasGlyphForCodePoint(0xfffd)) [family, shown] = [1, "\ufffd"];
      else shown = "?";
    }
    const last = runs.at(-1);
    if (last && last.family === family) last.text += shown;
    else runs.push({ text: shown, family });
  }
  return runs;
}

/** Whether any character of the texts needs the fallback font (so it must be loaded). */
export function needsFallback(texts: Iterable<string>, first: Font): boolean {
  for (const text of texts)
    for (const char of text) {
      const cp = char.codePointAt(0) ?? 0;
      if (cp > 0x20 && !first.hasGlyphForCodePoint(cp)) return true;
    }
  return false;
}
