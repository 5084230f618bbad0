import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import {
  cleanText,
  type LetterPdfInput,
  type LetterSignatory,
  paragraphs,
  renderLetterPdf,
  signatoryLine,
} from "./letter.pdf.js";

// The letter is read back by pdf.js, a consumer independent of pdfkit: what it extracts is what
// a reader copies, searches or hears from a screen reader.

interface Extracted {
  pages: string[];
  /** Every text item with its right edge, to find overflow past the margin. */
  rightEdges: number[];
  /** Every text item's baseline height on its page. */
  baselines: Map<string, number>;
  pageWidth: number;
  title: unknown;
}

async function extract(pdf: Buffer): Promise<Extracted> {
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  const pages: string[] = [];
  const rightEdges: number[] = [];
  const baselines = new Map<string, number>();
  let pageWidth = 0;
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    pageWidth = page.view[2] ?? 0;
    const content = await page.getTextContent();
    let text = "";
    for (const item of content.items) {
      if (!("str" in item)) continue;
      text += item.str + (item.hasEOL ? "\n" : "");
      if (item.str.trim()) rightEdges.push((item.transform[4] ?? 0) + item.width);
      baselines.set(item.str, item.transform[5] ?? 0);
    }
    pages.push(text);
  }
  const { info } = await doc.getMetadata();
  await doc.destroy();
  return { pages, rightEdges, baselines, pageWidth, title: (info as { Title?: unknown }).Title };
}

/** Compares without whitespace: a wrapped line may break a phrase anywhere. */
const squash = (text: string) => text.normalize("NFC").replace(/\s+/g, "");
const includes = (haystack: string, needle: string) => squash(haystack).includes(squash(needle));

const PAGE = { en: (n: number, t: number) => `Page ${n} of ${t}` };

function letter(overrides: Partial<LetterPdfInput> = {}): LetterPdfInput {
  return {
    locale: "en",
    title: "Sign-on letter: oppose the public charge rule",
    body: "We, the undersigned cities,\nwrite to oppose the rule.\n\nIt harms our residents.",
    campaignTitle: "Public charge, 2026",
    date: "December 2, 2026",
    signatories: [
      { jurisdiction: "Boise", state: "ID", signerName: "Lauren McLean", signerTitle: "Mayor" },
      {
        jurisdiction: "San José",
        state: "CA",
        signerName: "Matías Muñoz",
        signerTitle: "Director de Asuntos de Inmigración",
      },
    ],
    labels: { signatories: "Signatories", page: PAGE.en },
    ...overrides,
  };
}

const city = (i: number): LetterSignatory => ({
  jurisdiction: `City number ${i}`,
  state: "CA",
  signerName: `Signer ${i}`,
  signerTitle: i % 10 === 0 ? "Director of the Office of Immigrant and Refugee Affairs" : "Mayor",
});

describe("letter text helpers", () => {
  it("drops control, format and lone surrogate characters, and keeps newlines only when asked", () => {
    assert.equal(cleanText("a\u0000b\u0007c\u009b\u202ed\u200be\uD800f"), "abcdef");
    assert.equal(cleanText("a\tb\r\nc"), "a b c");
    assert.equal(cleanText("a\r\nb", true), "a\nb");
    assert.equal(cleanText("名字 😀 é"), "名字 😀 é", "letters, emoji and accents stay");
  });

  it("splits the body at blank lines and joins a paragraph's lines", () => {
    assert.deepEqual(paragraphs("One\ntwo.\n\n\n  Three.  \n \nFour<b>"), [
      "One two.",
      "Three.",
      "Four<b>",
    ]);
    assert.deepEqual(
      paragraphs("我们\n反对。\n\n"),
      ["我们反对。"],
      "Chinese lines join without a space",
    );
    assert.deepEqual(paragraphs(" \n\n\u0000\n"), []);
  });

  it("writes a signatory as name, title — jurisdiction, state, in the letter's punctuation", () => {
    const s = { jurisdiction: "洛杉矶市", state: "CA", signerName: "张伟", signerTitle: "市长" };
    assert.equal(signatoryLine(s, "zh-Hans"), "张伟，市长 — 洛杉矶市, CA");
    assert.equal(
      signatoryLine({ ...s, signerName: "Ana", signerTitle: "Mayor", jurisdiction: "Reno" }, "en"),
      "Ana, Mayor — Reno, CA",
    );
    assert.equal(signatoryLine({ ...s, signerTitle: " " }, "en"), "张伟 — 洛杉矶市, CA");
    // A name that carries its state already is not given it twice.
    assert.equal(
      signatoryLine({ ...s, jurisdiction: "Washington, DC", state: "DC", signerTitle: "" }, "en"),
      "张伟 — Washington, DC",
    );
  });
});

// First of the suites that render: the fault showed only while no earlier letter had used a bold "u".
describe("letters rendered one after another", () => {
  it("extract the same letters whatever an earlier letter used (a Spanish ú, then u)", async () => {
    await renderLetterPdf(letter({ locale: "es", title: "Carta sobre la carga pública" }));
    const english = await extract(
      await renderLetterPdf(letter({ title: "Letter on public charge" })),
    );
    assert.ok(includes(english.pages[0] ?? "", "Letter on public charge"), english.pages[0]);
  });
});

describe("letter PDF in English and Spanish", () => {
  let pdf: Buffer;
  let text: Extracted;
  before(async () => {
    pdf = await renderLetterPdf(
      letter({ labels: { signatories: "Signatories", page: PAGE.en, demo: "Demo letter" } }),
    );
    text = await extract(pdf);
  });

  it("has the title, campaign, date, every paragraph and every signatory, in that order", () => {
    const all = squash(text.pages.join("\n"));
    const order = [
      "Sign-on letter: oppose the public charge rule",
      "Public charge, 2026",
      "December 2, 2026",
      "We, the undersigned cities, write to oppose the rule.",
      "It harms our residents.",
      "Signatories",
      "Lauren McLean, Mayor — Boise, ID",
      "Matías Muñoz, Director de Asuntos de Inmigración — San José, CA",
    ].map((s) => all.indexOf(squash(s)));
    assert.ok(!order.includes(-1), `every part is there: ${order}`);
    assert.deepEqual(
      order,
      [...order].sort((a, b) => a - b),
    );
  });

  it("numbers its pages, shows the demo notice, and carries its title and language", () => {
    assert.equal(text.pages.length, 1);
    assert.ok(includes(text.pages[0] ?? "", "Page 1 of 1"));
    assert.ok(includes(text.pages[0] ?? "", "Demo letter"));
    assert.equal(text.title, "Sign-on letter: oppose the public charge rule");
    assert.match(pdf.toString("latin1"), /\/Lang \(en\)/);
  });

  it("embeds Noto Sans, and no Chinese face when no character needs one", () => {
    const raw = pdf.toString("latin1");
    assert.match(raw, /\/BaseFont \/[A-Z]{6}\+NotoSans-Regular/);
    const fonts = raw.match(/\/Type \/FontDescriptor/g)?.length;
    assert.equal(fonts, raw.match(/\/FontFile2/g)?.length, "every font's outlines are in the file");
    assert.doesNotMatch(raw, /NotoSansHans/);
  });

  it("draws a Chinese signatory of an English letter in the Chinese face, as real text", async () => {
    const mixed = await renderLetterPdf(
      letter({
        signatories: [
          { jurisdiction: "洛杉矶市", state: "CA", signerName: "张伟", signerTitle: "Mayor" },
        ],
      }),
    );
    assert.match(mixed.toString("latin1"), /NotoSansHans-Regular/);
    const text = await extract(mixed);
    assert.ok(includes(text.pages[0] ?? "", "张伟, Mayor — 洛杉矶市, CA"));
    // Both faces sit on one baseline (Noto Sans Hans's smaller ascent would lift the Chinese).
    assert.equal(text.baselines.get("洛杉矶市"), text.baselines.get(", CA"));
  });
});

describe("letter PDF in Chinese", () => {
  const signatories: LetterSignatory[] = [
    { jurisdiction: "洛杉矶市", state: "CA", signerName: "张伟", signerTitle: "市长" },
    {
      jurisdiction: "纽约市",
      state: "NY",
      signerName: "李晓明",
      signerTitle: "移民事务办公室主任",
    },
    { jurisdiction: "Boise", state: "ID", signerName: "Lauren McLean", signerTitle: "市长" },
  ];
  let pdf: Buffer;
  let text: Extracted;
  before(async () => {
    pdf = await renderLetterPdf({
      locale: "zh-Hans",
      title: "联署信：反对公共负担规则",
      body: "我们，以下签名的城市，\n谨此致函。\n\n公共负担规则伤害了我们的居民。",
      campaignTitle: "公共负担",
      date: "2026年12月2日",
      signatories,
      labels: { signatories: "签署方", page: (n, t) => `第 ${n} 页，共 ${t} 页` },
    });
    text = await extract(pdf);
  });

  it("extracts the Chinese characters as the same characters", () => {
    const page = text.pages[0] ?? "";
    for (const part of [
      "联署信：反对公共负担规则",
      "公共负担",
      "2026年12月2日",
      "我们，以下签名的城市，谨此致函。",
      "公共负担规则伤害了我们的居民。",
      "签署方",
      "张伟，市长 — 洛杉矶市, CA",
      "李晓明，移民事务办公室主任 — 纽约市, NY",
      "Lauren McLean，市长 — Boise, ID",
      "第 1 页，共 1 页",
    ])
      assert.ok(includes(page, part), `${part} in ${page}`);
    assert.equal(text.title, "联署信：反对公共负担规则");
  });

  it("embeds the Chinese face and tags the document zh-Hans", () => {
    const raw = pdf.toString("latin1");
    assert.match(raw, /\/BaseFont \/[A-Z]{6}\+NotoSansHans-Regular/);
    assert.match(raw, /\/FontFile3/, "the CFF outlines are in the file");
    assert.match(raw, /\/Lang \(zh-Hans\)/);
  });
});

describe("a letter with 200 signatories", () => {
  const signatories = Array.from({ length: 200 }, (_, i) => city(i + 1));
  let text: Extracted;
  let ticks = 0;
  before(async () => {
    await renderLetterPdf(letter()); // fonts loaded, as on a running server
    const timer = setInterval(() => ticks++, 1);
    const pdf = await renderLetterPdf(letter({ signatories })).finally(() => clearInterval(timer));
    text = await extract(pdf);
  });

  it("runs over several numbered pages and lists every signatory", () => {
    const total = text.pages.length;
    assert.ok(total >= 5, `${total} pages`);
    text.pages.forEach((page, i) => {
      assert.ok(includes(page, `Page ${i + 1} of ${total}`), `page ${i + 1}`);
    });
    const all = squash(text.pages.join("\n"));
    for (const s of signatories)
      assert.ok(all.includes(squash(signatoryLine(s, "en"))), s.signerName);
  });

  it("lets other work run while it draws", () => {
    // Rendering yields to the event loop between slices of signatories: timers fire meanwhile.
    assert.ok(ticks > 0);
  });
});

describe("hostile text", () => {
  it("wraps long words and names inside the margins, and drops control characters", async () => {
    const long = "Wolfeschlegelsteinhausenbergerdorff".repeat(30);
    const pdf = await renderLetterPdf(
      letter({
        title: `Title\u0000\u0007 ${"W".repeat(400)}`,
        body: `${long}\n\n\u202eevil\u202c \uD800 ${"签".repeat(500)}\n\n<script>alert(1)</script>`,
        campaignTitle: "\r\n\t",
        date: "",
        signatories: [
          { jurisdiction: long, state: "CA", signerName: long, signerTitle: `${long}\u0008` },
          { jurisdiction: "", state: "", signerName: "", signerTitle: "" },
          { jurisdiction: "Ciudad", state: "TX", signerName: "😀 ℵ", signerTitle: "عمدة" },
        ],
        labels: { signatories: "Signatories\u0000", page: (n) => `\u0001${n}` },
      }),
    );
    const text = await extract(pdf);
    const all = text.pages.join("");
    assert.ok(includes(all, "<script>alert(1)</script>"), "markup is shown as text");
    assert.ok(includes(all, "签".repeat(500)));
    assert.doesNotMatch(all, /(?!\n)[\p{Cc}\u202e]/u);
    assert.ok(
      includes(all, "\ufffd ℵ, \ufffd\ufffd\ufffd\ufffd — Ciudad"),
      "undrawable letters are marked",
    );
    const right = text.pageWidth - 72;
    const over = text.rightEdges.filter((edge) => edge > right + 1);
    assert.deepEqual(over, [], "no text past the right margin");
  });
});
