// A sign-on letter as a PDF: title, campaign, date, the letter's paragraphs, then every signatory,
// with page numbers, the title and language in the document's metadata, and its fonts embedded
// (subsets of Noto Sans and Noto Sans Hans: Spanish and Chinese are real, extractable text).
// Decision: docs/decisions/0021-letter-pdf.md.
//
// pdfkit and fontkit are imported when the first letter is drawn, not when the server starts
// (loading them costs ~200 ms). Drawing yields to the event loop between slices of signatories,
// so a long letter does not hold other requests for its whole length. The comment's letterhead
// PDF (campaigns/comment/pdf) draws with the same fonts, `write` and page decoration.
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import type { Font } from "fontkit";
import { placeName } from "../../members/index.js";
import { familiesFor, loadFont, needsFallback, splitRuns, type Weight } from "./letter.fonts.js";

export interface LetterSignatory {
  jurisdiction: string;
  /** Two-letter postal abbreviation, e.g. "CA". */
  state: string;
  signerName: string;
  signerTitle: string;
}

export interface LetterPdfInput {
  /** The letter's language: a BCP 47 tag of our locales (src/i18n/locales.ts). */
  locale: "en" | "es" | "zh-Hans";
  title: string;
  /** The letter's text: paragraphs separated by blank lines; drawn as plain text, never markup. */
  body: string;
  campaignTitle: string;
  /** Already formatted for the locale by the caller. */
  date: string;
  signatories: readonly LetterSignatory[];
  /** Words in the letter's language, translated by the caller. */
  labels: {
    /** The heading of the list of signatories, e.g. "Signatories". */
    signatories: string;
    /** A page's footer, e.g. (2, 5) => "Page 2 of 5". */
    page: (page: number, total: number) => string;
    /** When set, printed at the top of every page (a letter signed by demo members). */
    demo?: string;
  };
}

// US Letter, one-inch margins: the letters go to US offices.
export const PAGE = { size: "LETTER", margin: 72 } as const;
const SIZE = { title: 18, campaign: 12, body: 11, heading: 14, signatory: 10.5, footer: 9 };
export const GREY = "#555555";
/** Signatories drawn between two yields to the event loop. */
const SLICE = 40;

// pdfkit 0.20 takes a parsed fontkit font wherever it takes a font file (PDFFontFactory.open
// accepts any object with `layout`); @types/pdfkit 0.17 lists only paths and bytes.
export const asSource = (font: Font) => font as unknown as string;

/**
 * Removes what a PDF cannot show and a font cannot draw: control and format characters (tabs
 * become spaces; newlines are kept only where `keepNewlines`), lone surrogate halves, private-use
 * and unassigned code points.
 */
export function cleanText(text: string, keepNewlines = false): string {
  const unified = text.replace(/\r\n?/g, "\n").replace(/\t/g, " ");
  const flat = keepNewlines ? unified : unified.replace(/\n+/g, " ");
  return flat.replace(/(?!\n)[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]/gu, "");
}

/** The body's paragraphs: split at blank lines, a paragraph's own line breaks joined. */
export function paragraphs(body: string): string[] {
  return cleanText(body, true)
    .split(/\n[ \u3000]*\n/)
    .map((p) =>
      p
        .trim()
        // Chinese lines join without a space; others with one, as Markdown joins them.
        .replace(/(?<=\p{Script=Han}|\p{Punctuation})\n(?=\p{Script=Han})/gu, "")
        .replace(/\s*\n\s*/g, " ")
        .replace(/ {2,}/g, " "),
    )
    .filter((p) => p !== "");
}

/** "Signer Name, Signer Title — Jurisdiction, ST", punctuated for the letter's language. */
export function signatoryLine(s: LetterSignatory, locale: LetterPdfInput["locale"]): string {
  const comma = locale === "zh-Hans" ? "，" : ", ";
  const who = [s.signerName, s.signerTitle].map((x) => cleanText(x).trim()).filter(Boolean);
  const [place = "", state = ""] = [s.jurisdiction, s.state].map((x) => cleanText(x).trim());
  const where = place ? placeName(place, state) : state;
  return [who.join(comma), where].filter(Boolean).join(" — ");
}

export interface Fonts {
  /** Font name in the document for a family and weight; the first family is the letter's. */
  name(run: 0 | 1, weight: Weight): string;
  first: Font;
  fallback: Font | undefined;
}

/** Loads the fonts this letter needs: the fallback family only if a character calls for it. */
export async function fontsFor(
  locale: string,
  texts: string[],
): Promise<{ fonts: Fonts; named: Array<[string, Font]> }> {
  const families = familiesFor(locale);
  const name = (run: 0 | 1, weight: Weight) => `${families[run]}-${weight}`;
  const first = await loadFont(families[0], "regular");
  const runs: Array<0 | 1> = needsFallback(texts, first) ? [0, 1] : [0];
  const named = await Promise.all(
    runs.flatMap((run) =>
      (["regular", "bold"] as const).map(
        async (weight): Promise<[string, Font]> => [
          name(run, weight),
          await loadFont(families[run], weight),
        ],
      ),
    ),
  );
  const fallback = named.find(([n]) => n === name(1, "regular"))?.[1];
  return { fonts: { name, first, fallback }, named };
}

export type Doc = PDFKit.PDFDocument;

/**
 * Writes a text as one paragraph at the current position, switching fonts where a character
 * needs the other family (a Chinese name in an English letter). pdfkit wraps the runs as one
 * paragraph, breaking a word longer than the line inside it, and adds pages as needed.
 */
export function write(
  doc: Doc,
  fonts: Fonts,
  text: string,
  style: { weight: Weight; size: number },
  options: PDFKit.Mixins.TextOptions,
): void {
  const runs = splitRuns(text, fonts.first, fonts.fallback);
  // Every run sits on the first font's baseline: pdfkit would put each below the line's top by
  // its own font's ascent, and Noto Sans Hans's is smaller, lifting Chinese above Latin.
  const baseline = -((fonts.first.ascent / fonts.first.unitsPerEm) * style.size);
  doc.fontSize(style.size);
  runs.forEach((run, i) => {
    doc.font(fonts.name(run.family, style.weight));
    doc.text(run.text, { ...options, baseline, continued: i < runs.length - 1 });
  });
}

/** Page numbers and the demo notice, drawn on every page once all pages exist. */
export function decoratePages(
  doc: Doc,
  fonts: Fonts,
  labels: Pick<LetterPdfInput["labels"], "page" | "demo">,
): void {
  const { start, count } = doc.bufferedPageRange();
  const demo = labels.demo ? cleanText(labels.demo).trim() : "";
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    // Text in the margins: without this pdfkit would take it for an overflow and add a page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const width = doc.page.width - PAGE.margin * 2;
    doc.fillColor(GREY);
    const footer = cleanText(labels.page(i - start + 1, count));
    doc.x = PAGE.margin;
    doc.y = doc.page.height - PAGE.margin / 2 - SIZE.footer;
    write(
      doc,
      fonts,
      footer,
      { weight: "regular", size: SIZE.footer },
      { width, align: "center", lineBreak: false },
    );
    if (demo) {
      doc.fillColor("#b50909");
      doc.x = PAGE.margin;
      doc.y = PAGE.margin / 2 - SIZE.footer / 2;
      // May wrap: the top margin has room for two lines.
      write(doc, fonts, demo, { weight: "bold", size: SIZE.footer }, { width, align: "center" });
    }
    doc.page.margins.bottom = bottom;
  }
}

/** Renders the letter; resolves with the PDF's bytes. */
export async function renderLetterPdf(input: LetterPdfInput): Promise<Buffer> {
  const title = cleanText(input.title).trim();
  const campaign = cleanText(input.campaignTitle).trim();
  const date = cleanText(input.date).trim();
  const heading = cleanText(input.labels.signatories).trim();
  const body = paragraphs(input.body);
  const lines = input.signatories.map((s) => signatoryLine(s, input.locale));
  const texts = [title, campaign, date, heading, ...body, ...lines, input.labels.demo ?? ""];
  texts.push(cleanText(input.labels.page(1, 1)));

  const [{ default: PDFDocument }, { fonts, named }] = await Promise.all([
    import("pdfkit"),
    fontsFor(input.locale, texts),
  ]);
  const doc = new PDFDocument({
    size: PAGE.size,
    margin: PAGE.margin,
    bufferPages: true,
    // Our font from the first line: pdfkit's default, Helvetica, is read from pdfkit's own
    // folder, which the bundled server does not have.
    font: asSource(fonts.first),
    lang: input.locale,
    displayTitle: true,
    info: { Title: title, Subject: campaign },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  for (const [name, font] of named) doc.registerFont(name, asSource(font));
  const width = doc.page.width - PAGE.margin * 2;

  const regular = (size: number) => ({ weight: "regular", size }) as const;
  const bold = (size: number) => ({ weight: "bold", size }) as const;
  doc.fillColor("black");
  write(doc, fonts, title, bold(SIZE.title), { width, paragraphGap: 6 });
  doc.fillColor(GREY);
  write(doc, fonts, campaign, regular(SIZE.campaign), { width, paragraphGap: 2 });
  write(doc, fonts, date, regular(SIZE.campaign), { width });
  doc.moveDown(1.5).fillColor("black");
  for (const paragraph of body)
    write(doc, fonts, paragraph, regular(SIZE.body), { width, lineGap: 3, paragraphGap: 9 });

  doc.moveDown(1);
  write(doc, fonts, heading, bold(SIZE.heading), { width, paragraphGap: 6 });
  for (let i = 0; i < lines.length; i++) {
    if (i > 0 && i % SLICE === 0) await yieldToEventLoop();
    write(doc, fonts, lines[i] as string, regular(SIZE.signatory), { width, paragraphGap: 4 });
  }
  await yieldToEventLoop();
  decoratePages(doc, fonts, input.labels);
  doc.end();
  return done;
}
