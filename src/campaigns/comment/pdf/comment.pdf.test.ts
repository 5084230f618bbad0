import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { findLocale, translator } from "../../../i18n/index.js";
import { type CommentPdfInput, commentPdf, commentPdfLabels } from "./comment.pdf.js";

// Read back by pdf.js, independent of pdfkit: what it extracts is what a reader copies, an
// agency's system indexes, or a screen reader says.
async function extract(pdf: Buffer): Promise<{ pages: string[]; title: unknown }> {
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(
      content.items
        .map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : "") : ""))
        .join(""),
    );
  }
  const { info } = await doc.getMetadata();
  await doc.destroy();
  return { pages, title: (info as { Title?: unknown }).Title };
}

const squash = (text: string) => text.normalize("NFC").replace(/\s+/g, "");
/** The parts, each found in the text after the one before it. */
function inOrder(text: string, parts: string[]): void {
  const all = squash(text);
  let from = 0;
  for (const part of parts) {
    const at = all.indexOf(squash(part), from);
    assert.ok(at >= 0, `"${part}" after position ${from} in ${text}`);
    from = at + squash(part).length;
  }
}

const t = (tag: string) => translator(findLocale(tag) ?? (findLocale("en") as never));

function input(overrides: Partial<CommentPdfInput> = {}): CommentPdfInput {
  return {
    locale: "en",
    member: {
      name: "South Gate",
      state: "CA",
      executiveName: "Maria Davila",
      executiveTitle: "Mayor",
      officeName: "Office of Immigrant Affairs",
      officeAddress: "8650 California Avenue\nSouth Gate, CA 90280",
    },
    rule: {
      title: "Inadmissibility on Public Charge Grounds",
      documentNumber: "2018-21106",
      docketId: "USCIS-2010-0012",
    },
    body: "The City of South Gate opposes the proposed rule.\n\nOur clinics counted fewer visits.",
    date: "December 2, 2026",
    labels: commentPdfLabels(t("en")),
    ...overrides,
  };
}

describe("the comment's letterhead PDF in English", () => {
  let pdf: Buffer;
  let text: { pages: string[]; title: unknown };
  before(async () => {
    pdf = await commentPdf(input());
    text = await extract(pdf);
  });

  it("has the letterhead, date, Re line, paragraphs and signature, in that order", () => {
    assert.equal(text.pages.length, 1);
    inOrder(text.pages[0] ?? "", [
      "South Gate, CA",
      "Office of Immigrant Affairs",
      "8650 California Avenue",
      "South Gate, CA 90280",
      "December 2, 2026",
      "Re: Inadmissibility on Public Charge Grounds, Docket USCIS-2010-0012, FR Doc. 2018-21106",
      "The City of South Gate opposes the proposed rule.",
      "Our clinics counted fewer visits.",
      "Maria Davila",
      "Mayor",
      "South Gate, CA",
      "Page 1 of 1",
    ]);
    assert.equal(
      text.title,
      "Re: Inadmissibility on Public Charge Grounds, Docket USCIS-2010-0012, FR Doc. 2018-21106",
    );
    assert.match(pdf.toString("latin1"), /\/Lang \(en\)/);
  });

  it("leaves out what the profile does not have, and a docket the rule does not have", async () => {
    const bare = await extract(
      await commentPdf(
        input({
          member: {
            name: "Montgomery County",
            state: "MD",
            executiveName: null,
            executiveTitle: "County Executive",
            officeName: null,
            officeAddress: null,
          },
          rule: { title: "A rule", documentNumber: "2026-00001", docketId: null },
          labels: commentPdfLabels(t("en"), true),
        }),
      ),
    );
    const page = bare.pages[0] ?? "";
    inOrder(page, ["Montgomery County, MD", "Re: A rule, FR Doc. 2026-00001", "County Executive"]);
    assert.doesNotMatch(page, /Docket|null|undefined/);
    assert.ok(squash(page).includes(squash("Demo comment: not filed with any agency")));
  });
});

describe("the comment's PDF in Spanish and Chinese", () => {
  it("extracts Spanish accents as written", async () => {
    const text = await extract(
      await commentPdf(
        input({
          locale: "es",
          member: { ...input().member, name: "San José", executiveTitle: "Alcalde o alcaldesa" },
          rule: { ...input().rule, title: "Inadmisibilidad por motivos de carga pública" },
          body: "La ciudad se opone a la norma propuesta.\n\nLas clínicas atendieron a menos niñas y niños.",
          date: "2 de diciembre de 2026",
          labels: commentPdfLabels(t("es")),
        }),
      ),
    );
    inOrder(text.pages[0] ?? "", [
      "San José, CA",
      "2 de diciembre de 2026",
      "Asunto: Inadmisibilidad por motivos de carga pública, expediente USCIS-2010-0012, FR Doc. 2018-21106",
      "Las clínicas atendieron a menos niñas y niños.",
      "Alcalde o alcaldesa",
      "Página 1 de 1",
    ]);
  });

  it("extracts Chinese as the same characters, and tags the document zh-Hans", async () => {
    const pdf = await commentPdf(
      input({
        locale: "zh-Hans",
        member: {
          ...input().member,
          executiveName: "张伟",
          executiveTitle: "市长",
          officeName: "移民事务办公室",
        },
        rule: { ...input().rule, title: "以公共负担为由不予入境" },
        body: "我们反对这项拟议规则。\n\n该规则将使移民家庭不敢申请医疗福利。",
        date: "2026年12月2日",
        labels: commentPdfLabels(t("zh-Hans")),
      }),
    );
    const text = await extract(pdf);
    inOrder(text.pages[0] ?? "", [
      "South Gate, CA",
      "移民事务办公室",
      "2026年12月2日",
      "事由：以公共负担为由不予入境，案卷编号 USCIS-2010-0012，FR Doc. 2018-21106",
      "我们反对这项拟议规则。",
      "该规则将使移民家庭不敢申请医疗福利。",
      "张伟",
      "市长",
      "第 1 页，共 1 页",
    ]);
    assert.match(pdf.toString("latin1"), /\/Lang \(zh-Hans\)/);
    assert.match(pdf.toString("latin1"), /NotoSansHans-Regular/);
  });
});

describe("hostile text in the comment's PDF", () => {
  it("drops control characters, shows markup as text and numbers every page of a long comment", async () => {
    const sentence = "Our residents\u0000 rely on\u0007 clinics\u202e that the rule would empty. ";
    const body =
      `${"<script>alert(1)</script>\n\n"}${Array.from({ length: 30 }, () => sentence.repeat(3)).join("\n\n")}`.slice(
        0,
        5000,
      );
    assert.equal(body.length, 5000);
    const pdf = await commentPdf(
      input({
        member: {
          ...input().member,
          name: "South\u0000 Gate\u0008",
          officeAddress: "8650 California Avenue\r\n\u0001Suite\t5\n\n",
        },
        body,
        date: "\r\n",
        labels: { ...commentPdfLabels(t("en")), page: (n, total) => `\u0001Page ${n} of ${total}` },
      }),
    );
    const text = await extract(pdf);
    const total = text.pages.length;
    assert.ok(total >= 2, `${total} pages`);
    text.pages.forEach((page, i) => {
      assert.ok(squash(page).includes(squash(`Page ${i + 1} of ${total}`)), `page ${i + 1}`);
    });
    const all = text.pages.join("\n");
    assert.doesNotMatch(all, /(?!\n)[\p{Cc}\u202e]/u);
    inOrder(all, [
      "South Gate, CA",
      "8650 California Avenue",
      "Suite 5",
      "<script>alert(1)</script>",
    ]);
    // Without the footers, a sentence running from one page to the next reads whole.
    const flowing = text.pages
      .map((page, i) => page.replace(`Page ${i + 1} of ${total}`, ""))
      .join("");
    assert.equal(
      squash(flowing).split(squash("Our residents rely on clinics that the rule would empty."))
        .length - 1,
      body.split(sentence.trim()).length - 1,
      "every whole sentence of the comment is in the PDF",
    );
  });
});
