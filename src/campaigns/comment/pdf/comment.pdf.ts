// A member's comment on a federal rule as a PDF on its letterhead, attached when the comment is
// filed: the member's name, its office and address at the top over a rule, the date, the
// "Re:" line naming the rule, its docket and document, the comment's paragraphs, the signature
// block of the executive, and page numbers. Spanish and Chinese are real, extractable text.
//
// Fonts, text cleaning, drawing and page numbers are the sign-on letter's (letter/letter.pdf.ts,
// decision 0021): the same faces, the same fallback between them, the same yielding.
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import type { Translate } from "../../../i18n/index.js";
import { placeName } from "../../../members/index.js";
import {
  asSource,
  cleanText,
  decoratePages,
  fontsFor,
  GREY,
  PAGE,
  paragraphs,
  write,
} from "../../letter/letter.pdf.js";

export interface CommentPdfInput {
  /** The comment's language: a BCP 47 tag of our locales. */
  locale: "en" | "es" | "zh-Hans";
  member: {
    name: string;
    /** Two-letter postal abbreviation, e.g. "CA". */
    state: string;
    executiveName: string | null;
    executiveTitle: string | null;
    officeName: string | null;
    /** On one or more lines. */
    officeAddress: string | null;
  };
  rule: { title: string; documentNumber: string; docketId: string | null };
  /** Paragraphs separated by blank lines; drawn as plain text, never markup. */
  body: string;
  /** Already formatted for the locale by the caller. */
  date: string;
  labels: CommentPdfLabels;
}

/** Words in the comment's language (commentPdfLabels makes them from the catalog). */
export interface CommentPdfLabels {
  /** "Re: <title>, Docket <id>, FR Doc. <number>"; `docket` is empty when the rule has none. */
  re: (rule: { title: string; docket: string; number: string }) => string;
  page: (page: number, total: number) => string;
  /** When set, printed at the top of every page (a demo member's comment). */
  demo?: string;
}

/** The labels from the catalog, in the language of `t`; `demo` for a demo member's comment. */
export function commentPdfLabels(t: Translate, demo = false): CommentPdfLabels {
  return {
    re: ({ title, docket, number }) =>
      docket
        ? t("comment-template.pdf.re", { title, docket, number })
        : t("comment-template.pdf.re_without_docket", { title, number }),
    page: (page, total) => t("comment-template.pdf.page", { page, total }),
    ...(demo ? { demo: t("comment-template.pdf.demo") } : {}),
  };
}

const SIZE = { name: 16, office: 10, date: 11, re: 11, body: 11, footer: 9 };
/** Paragraphs drawn between two yields to the event loop. */
const SLICE = 10;

const line = (text: string | null) => cleanText(text ?? "").trim();

/** Renders the comment; resolves with the PDF's bytes. */
export async function commentPdf(input: CommentPdfInput): Promise<Buffer> {
  const { member, rule } = input;
  const name = line(member.name);
  const where = placeName(name, line(member.state));
  const office = line(member.officeName);
  const address = cleanText(member.officeAddress ?? "", true)
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  const date = line(input.date);
  const re = line(
    input.labels.re({
      title: line(rule.title),
      docket: line(rule.docketId),
      number: line(rule.documentNumber),
    }),
  );
  const body = paragraphs(input.body);
  const signature = [line(member.executiveName), line(member.executiveTitle), where].filter(
    Boolean,
  );
  const texts = [where, office, ...address, date, re, ...body, ...signature];
  texts.push(input.labels.demo ?? "", cleanText(input.labels.page(1, 1)));

  const [{ default: PDFDocument }, { fonts, named }] = await Promise.all([
    import("pdfkit"),
    fontsFor(input.locale, texts),
  ]);
  const doc = new PDFDocument({
    size: PAGE.size,
    margin: PAGE.margin,
    bufferPages: true,
    // Our font from the first line: pdfkit's default, Helvetica, is not in the bundle.
    font: asSource(fonts.first),
    lang: input.locale,
    displayTitle: true,
    info: { Title: re, Author: where, Subject: line(rule.title) },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  for (const [fontName, font] of named) doc.registerFont(fontName, asSource(font));
  const width = doc.page.width - PAGE.margin * 2;
  const regular = (size: number) => ({ weight: "regular", size }) as const;
  const bold = (size: number) => ({ weight: "bold", size }) as const;

  // The letterhead: who writes, from which office, over a rule.
  doc.fillColor("black");
  write(doc, fonts, where, bold(SIZE.name), { width, paragraphGap: 2 });
  doc.fillColor(GREY);
  for (const part of [office, ...address].filter(Boolean))
    write(doc, fonts, part, regular(SIZE.office), { width, paragraphGap: 1 });
  doc.moveDown(0.5);
  doc
    .moveTo(PAGE.margin, doc.y)
    .lineTo(PAGE.margin + width, doc.y)
    .lineWidth(0.75)
    .strokeColor(GREY)
    .stroke();
  doc.moveDown(1.5);

  doc.fillColor("black");
  if (date) write(doc, fonts, date, regular(SIZE.date), { width, paragraphGap: 10 });
  write(doc, fonts, re, bold(SIZE.re), { width, paragraphGap: 12 });
  for (let i = 0; i < body.length; i++) {
    if (i > 0 && i % SLICE === 0) await yieldToEventLoop();
    write(doc, fonts, body[i] as string, regular(SIZE.body), {
      width,
      lineGap: 3,
      paragraphGap: 9,
    });
  }

  // The signature block: the executive who signs for the member.
  doc.moveDown(1.5);
  signature.forEach((part, i) => {
    write(doc, fonts, part, i === 0 ? bold(SIZE.body) : regular(SIZE.body), {
      width,
      paragraphGap: 1,
    });
  });
  await yieldToEventLoop();
  decoratePages(doc, fonts, input.labels);
  doc.end();
  return done;
}
