// Issue 13, the library's staff side in a real browser: a coalition editor uploads a PDF and a
// described PNG to a demo item, a renamed program is refused at its field with the summary
// focused, and a visitor then finds both on the public page and downloads the PDF, byte for
// byte (the files page then counts it). Then every staff page of the library in English, Spanish
// and Chinese on a 375 px phone. Every state: axe finds nothing, and nothing scrolls sideways;
// Spanish and Chinese pages carry no English text of the catalogs.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import PDFDocument from "pdfkit";
import type { Page } from "playwright-core";
import { tinyPng } from "../src/campaigns/graphics/fixtures.test-support.js";
import { DEMO_ISSUE_SLUG } from "../src/resources/resources.seed.js";
import { browserSkipReason } from "../test/support/browser.js";
import {
  assertSummaryFocused,
  checkPage,
  type Journeys,
  PHONE,
  startJourneys,
  WIDE,
} from "../test/support/journeys.js";

const EDITOR = "coalition.editor@example.org";
const TOOLKIT = "advancing-immigration-reform-toolkit";
const MESSAGES = "immigration-reform-social-messages";
const ALT_EN = "Mayors of member cities on the steps of city hall";
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), Buffer.alloc(256)]);

/** A small real PDF, made as a person's word processor would. */
function makePdf(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: "LETTER", info: { Title: "Toolkit (test)" } });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    doc.fontSize(18).text("Advancing Immigration Reform: a test toolkit");
    doc.end();
  });
}

/** Checks the page as it is at WIDE and at PHONE, and leaves it at WIDE. */
async function checkBoth(tab: Page, label: string) {
  await tab.setViewportSize(WIDE);
  await checkPage(tab, `${label} (${WIDE.width} px)`);
  await tab.setViewportSize(PHONE);
  await checkPage(tab, `${label} (${PHONE.width} px)`);
  await tab.setViewportSize(WIDE);
}

const catalog = (tag: string, name: string): Record<string, string> =>
  JSON.parse(
    readFileSync(new URL(`../src/i18n/locales/${tag}/${name}.json`, import.meta.url), "utf8"),
  );

/**
 * What English the catalogs would leave on a page that failed to translate: each value that
 * differs in `tag`, whole (a text of its own) when it has no placeholders, else each literal run
 * of 12 characters or more between them (ICU arguments, plural ones too, cut out), found in any
 * text. A title typed in English (data) may contain a catalog's words: only runs are looked for.
 */
function englishOf(tag: string): { whole: Set<string>; runs: string[] } {
  const whole = new Set<string>();
  const runs: string[] = [];
  for (const name of ["resources-admin", "resources", "admin", "common"]) {
    const en = catalog("en", name);
    const other = catalog(tag, name);
    for (const [key, value] of Object.entries(en)) {
      if (other[key] === value) continue;
      if (!value.includes("{")) {
        whole.add(value.trim());
        continue;
      }
      for (const run of value.split(/\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}/)) {
        if (run.trim().length >= 12) runs.push(run.trim());
      }
    }
  }
  return { whole, runs };
}

/** Runs in the page: its text nodes and labels in the page's own language. */
function pageTexts(): string[] {
  type El = {
    nodeType: number;
    textContent: string | null;
    childNodes: ArrayLike<El>;
    tagName: string;
    hidden: boolean;
    getAttribute(n: string): string | null;
    matches(s: string): boolean;
  };
  const d = (globalThis as unknown as { document: { documentElement: El; body: El } }).document;
  const pageLang = d.documentElement.getAttribute("lang");
  const texts: string[] = [];
  const clean = (s: string | null) => (s ?? "").replace(/\s+/g, " ").trim();
  const walk = (node: El) => {
    if (node.nodeType === 3) {
      if (clean(node.textContent)) texts.push(clean(node.textContent));
      return;
    }
    if (node.nodeType !== 1 || ["SCRIPT", "STYLE", "TEMPLATE"].includes(node.tagName)) return;
    if (node.matches(".cfa-languages, .cfa-language-offer")) return;
    const lang = node.getAttribute("lang");
    if (lang && lang !== pageLang) return;
    for (const a of ["aria-label", "title", "alt", "placeholder"]) {
      if (clean(node.getAttribute(a))) texts.push(clean(node.getAttribute(a)));
    }
    for (const child of Array.from(node.childNodes)) walk(child);
  };
  walk(d.body);
  return texts;
}

describe("the library's staff side in a browser [sqlite]", { skip: browserSkipReason() }, () => {
  let journeys: Journeys;
  let editor: Page;
  let pdf: Buffer;
  const filesDir = mkdtempSync(join(tmpdir(), "cfa-e2e-resources-"));

  before(async () => {
    journeys = await startJourneys({ FILES_DIR: filesDir });
    // tsx keeps function names with a helper, __name, that the page does not have.
    pdf = await makePdf();
    editor = await journeys.tabAs(EDITOR);
    await editor.addInitScript("globalThis.__name = (f) => f;");
  });

  after(async () => {
    await journeys?.close();
    rmSync(filesDir, { recursive: true, force: true });
  });

  const url = (path: string) => `${journeys.baseUrl}${path}`;
  const filesPage = `/admin/resources/${TOOLKIT}/files`;

  async function upload(
    tab: Page,
    fields: { role: string; locale: string; alt_en?: string; alt_es?: string },
    file: { name: string; mimeType: string; buffer: Buffer },
  ) {
    const form = tab.locator("main form[enctype='multipart/form-data']");
    await form.locator("select[name=role]").selectOption(fields.role);
    await form.locator("select[name=locale]").selectOption(fields.locale);
    await form.locator("input[name=alt_en]").fill(fields.alt_en ?? "");
    await form.locator("input[name=alt_es]").fill(fields.alt_es ?? "");
    await form.locator("input[type=file]").setInputFiles(file);
    await form.locator("button[type=submit]").click();
    await tab.waitForLoadState();
  }

  it("lets an editor upload a PDF and a described PNG, refusing a renamed program", async () => {
    const response = await editor.goto(url(filesPage));
    assert.equal(response?.status(), 200);
    await checkBoth(editor, filesPage);

    await upload(
      editor,
      { role: "document", locale: "en" },
      { name: "toolkit.pdf", mimeType: "application/pdf", buffer: pdf },
    );
    await editor.waitForURL(/done=added/);
    assert.match((await editor.locator("main").textContent()) ?? "", /The file was added\./);
    await checkBoth(editor, `${filesPage} (PDF added)`);

    await upload(
      editor,
      { role: "image", locale: "", alt_en: ALT_EN, alt_es: "Alcaldes en la alcaldía" },
      { name: "mayors.png", mimeType: "image/png", buffer: tinyPng(64, 32) },
    );
    await editor.waitForURL(/done=added/);
    assert.equal(await editor.locator("main li.cfa-resource-file").count(), 2);
    await checkBoth(editor, `${filesPage} (PNG added)`);

    // A program named like a PDF: refused at its field, said plainly, the summary focused.
    await upload(
      editor,
      { role: "document", locale: "en" },
      { name: "report.pdf", mimeType: "application/pdf", buffer: ELF },
    );
    await assertSummaryFocused(editor);
    assert.match(await editor.title(), /^Error:/);
    const message = ((await editor.locator("#file-file-error").textContent()) ?? "").trim();
    assert.match(message, /^This file is a program, whatever its name/);
    assert.equal(
      ((await editor.locator("main .usa-alert--error a").textContent()) ?? "").trim(),
      message,
    );
    assert.equal(await editor.locator("main li.cfa-resource-file").count(), 2, "nothing added");
    await checkBoth(editor, `${filesPage} (program refused)`);
  });

  it("lets the editor correct the graphic's description and put it first, with plain forms", async () => {
    const image = editor.locator("main li.cfa-resource-file", { hasText: "mayors.png" });
    await editor.goto(url(filesPage));
    await image.locator("summary").click();
    await image.locator("input[name=alt_en]").fill("");
    await image.locator("details button[type=submit]").click();
    await editor.waitForLoadState();
    // Refused: the summary has the focus and links to the field, shown open.
    await assertSummaryFocused(editor);
    await editor.locator("main .usa-alert--error a").click();
    assert.equal(
      await image
        .locator("input[name=alt_en]")
        .evaluate((e) => e === e.ownerDocument.activeElement),
      true,
    );
    await checkBoth(editor, `${filesPage} (description refused)`);
    await image.locator("input[name=alt_en]").fill(ALT_EN);
    await image.locator("details button[type=submit]").click();
    await editor.waitForURL(/done=alt/);
    await image.locator("button", { hasText: "Move mayors.png up" }).click();
    await editor.waitForURL(/done=moved/);
    const names = await editor.locator("main li.cfa-resource-file > strong").allInnerTexts();
    assert.deepEqual(names, ["mayors.png", "toolkit.pdf"]);
    await checkBoth(editor, `${filesPage} (moved)`);
  });

  it("shows the files to a visitor, who downloads the PDF byte for byte", async () => {
    const visitor = await journeys.visitor(WIDE);
    const path = `/resources/${TOOLKIT}`;
    assert.equal((await visitor.goto(url(path)))?.status(), 200);
    const link = visitor.locator("main a", { hasText: "toolkit.pdf" });
    const image = visitor.locator(`main img[alt="${ALT_EN}"]`);
    assert.equal(await image.count(), 1);
    assert.equal(
      await image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
      64,
      "the image is served and drawn",
    );
    await checkBoth(visitor, path);
    const href = String(await link.getAttribute("href"));
    const download = await visitor.request.get(url(href));
    assert.equal(download.status(), 200);
    assert.equal(download.headers()["content-type"], "application/pdf");
    assert.deepEqual(await download.body(), pdf);
    // Staff see it counted, in English, today.
    await editor.goto(url(filesPage));
    const row = editor.locator("main table.cfa-resource-downloads tr[data-locale=en] td");
    assert.deepEqual(await row.allInnerTexts(), ["1", "1"]);
  });

  it("keeps every staff page of the library on a phone, in three languages", async () => {
    await editor.setViewportSize(PHONE);
    const paths = [
      "/admin/resources",
      `/admin/resources/${TOOLKIT}`,
      filesPage,
      `/admin/resources/${MESSAGES}/messages`,
      "/admin/issues",
      `/admin/issues/${DEMO_ISSUE_SLUG}`,
    ];
    const englishHeadings = new Map<string, string>();
    for (const [prefix, tag] of [
      ["", "en"],
      ["/es", "es"],
      ["/zh-hans", "zh-Hans"],
    ] as const) {
      const english = tag === "en" ? undefined : englishOf(tag);
      for (const path of paths) {
        const at = `${prefix}${path}`;
        assert.equal((await editor.goto(url(at)))?.status(), 200, at);
        await checkPage(editor, `${at} (${PHONE.width} px)`);
        const h1 = ((await editor.locator("main h1").textContent()) ?? "").trim();
        if (!english) {
          englishHeadings.set(path, h1);
          // The check below can fail: it finds the catalogs' English on the English page.
          const texts = await editor.evaluate(pageTexts);
          const spanish = englishOf("es");
          assert.ok(
            texts.some((t) => spanish.whole.has(t)),
            `${at}: English found`,
          );
          continue;
        }
        assert.notEqual(h1, englishHeadings.get(path), `${at}: the heading is English`);
        const texts = await editor.evaluate(pageTexts);
        const left = texts.filter(
          (t) => english.whole.has(t) || english.runs.some((run) => t.includes(run)),
        );
        assert.deepEqual(left, [], `${at}: English of the catalogs`);
      }
    }
  });
});
