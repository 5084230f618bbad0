// The site texts editor (/admin/content) in a real browser, as a coalition editor on a phone and on
// a desktop, in every language: the list and the form fit 375 px, the form's languages sit side by
// side on a desktop and one under another on a phone, the chosen field or a refusal takes the focus,
// and the preview works without script. axe-core and html-validate check each page on the way.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { FastifyInstance } from "fastify";
import { type ConfigData, HtmlValidate } from "html-validate";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { buildApp } from "../src/app.js";
import { seedContent } from "../src/content/content.seed.js";
import { type Database, openDatabase } from "../src/db/index.js";
import { LOCALES } from "../src/i18n/index.js";
import { createUser, signIn } from "../test/support/accounts.js";
import { testConfig } from "../test/support/app.js";
import { axeViolations, browserSkipReason, launchBrowser } from "../test/support/browser.js";
import { createTestDatabase } from "../test/support/databases.js";

// As e2e/html-validity.test.ts holds the public pages (which need no sign-in).
const validator = new HtmlValidate({
  extends: ["html-validate:recommended"],
  rules: {
    "doctype-style": ["error", { style: "lowercase" }],
    "no-redundant-role": ["error", { exclude: ["img"] }],
    "void-style": "off",
  },
} satisfies ConfigData);

describe("the site texts editor in a browser [sqlite]", { skip: browserSkipReason() }, () => {
  let database: Database;
  let drop: (() => Promise<void>) | undefined;
  let app: FastifyInstance;
  let baseUrl: string;
  let browser: Browser;
  let cookie: string;

  before(async () => {
    const testDb = await createTestDatabase("sqlite");
    drop = testDb.drop;
    const config = testConfig({ PUBLIC_URL: "http://127.0.0.1" }, testDb.settings);
    database = openDatabase(config.database);
    await seedContent(database.db, "2024-01-01T00:00:00.000Z");
    // A translation not written yet, as a text added in English only would be.
    await database.db
      .deleteFrom("content_blocks")
      .where("key", "=", "pledge.intro")
      .where("locale", "=", "es")
      .execute();
    app = await buildApp(config, { database });
    await createUser(app, { email: "editor@example.org", coalitionRole: "coalition_editor" });
    cookie = await signIn(app, "editor@example.org");
    baseUrl = await app.listen({ host: "127.0.0.1", port: 0 });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
    await drop?.();
  });

  /** A signed-in editor's tab at the given width. CSP bypassed so axe can be injected. */
  async function editorTab(width: number): Promise<{ context: BrowserContext; tab: Page }> {
    const context = await browser.newContext({ bypassCSP: true, viewport: { width, height: 900 } });
    await context.addCookies(
      cookie.split("; ").map((pair) => {
        const at = pair.indexOf("=");
        return { name: pair.slice(0, at), value: pair.slice(at + 1), url: baseUrl };
      }),
    );
    return { context, tab: await context.newPage() };
  }

  async function check(tab: Page, label: string, width: number) {
    const violations = await axeViolations(tab);
    assert.deepEqual(violations, [], `axe on ${label}:\n${violations.join("\n")}`);
    const scrollWidth = await tab.evaluate(
      () =>
        (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } })
          .document.documentElement.scrollWidth,
    );
    assert.ok(scrollWidth <= width, `${label}: ${scrollWidth}px wide in a ${width}px window`);
  }

  /**
   * The visible text in the page's own language: outside elements marked with another lang (a
   * translation's field and preview), the language selector and the offer (in their own
   * languages by design). A string, so tsx's helpers never reach the page.
   */
  async function pageLanguageText(tab: Page): Promise<string> {
    return tab.evaluate(`(() => {
      const pageLang = document.documentElement.lang;
      const parts = [];
      const walk = (node) => {
        if (node.nodeType === 3) return void parts.push(node.textContent);
        if (node.nodeType !== 1 || node.matches(".cfa-languages, .cfa-language-offer")) return;
        if (["SCRIPT", "STYLE", "TEXTAREA"].includes(node.tagName)) return;
        const lang = node.getAttribute("lang");
        if (lang && lang !== pageLang) return;
        for (const child of node.childNodes) walk(child);
      };
      walk(document.body);
      return parts.join(" ").replace(/\\s+/g, " ");
    })()`);
  }

  /** What the editor's pages used to say, or would say untranslated, in English. */
  const ENGLISH = [
    "English",
    "Spanish",
    "Chinese",
    "written",
    "missing",
    "last edited",
    "Text in",
    "Home page",
    "Preview",
    "Save",
    "Updated",
    "Not translated",
  ];

  /** The textareas' boxes, in document order. */
  async function fieldBoxes(tab: Page) {
    const areas = tab.locator("main textarea");
    const boxes = [];
    for (let i = 0; i < (await areas.count()); i++) {
      const box = await areas.nth(i).boundingBox();
      assert.ok(box);
      boxes.push(box);
    }
    return boxes;
  }

  it("the list and the form are valid HTML in every language", async () => {
    for (const locale of LOCALES) {
      for (const path of ["/admin/content", "/admin/content/edit?key=pledge.intro&locale=es"]) {
        const url = locale.prefix + path;
        const res = await app.inject({ url, headers: { cookie } });
        assert.equal(res.statusCode, 200, url);
        const report = await validator.validateString(res.body);
        assert.ok(report.valid, `${url}: ${JSON.stringify(report.results[0]?.messages)}`);
      }
    }
  });

  it("on a phone: the list and the form fit 375 px, the languages one under another", async () => {
    const { context, tab } = await editorTab(375);
    try {
      for (const locale of LOCALES) {
        await tab.goto(`${baseUrl}${locale.prefix}/admin/content`);
        await check(tab, `${locale.prefix}/admin/content`, 375);
        // Each text once, by name; a missing language is said in words and links to its field.
        assert.equal(await tab.locator("main .cfa-texts > li").count(), 7);
        await tab.locator("main .cfa-texts__language--missing a").click();
        await tab.waitForLoadState();
        assert.match(tab.url(), /\/admin\/content\/edit\?key=pledge\.intro&locale=es$/);
        await check(tab, `${locale.prefix}/admin/content/edit`, 375);
        const boxes = await fieldBoxes(tab);
        assert.equal(boxes.length, 3);
        for (let i = 1; i < boxes.length; i++) {
          const [above, below] = [boxes[i - 1], boxes[i]];
          assert.ok(above && below && below.y >= above.y + above.height, "stacked");
        }
        if (locale.tag !== "en") {
          for (const path of ["/admin/content", "/admin/content/edit?key=pledge.intro"]) {
            await tab.goto(`${baseUrl}${locale.prefix}${path}`);
            const said = await pageLanguageText(tab);
            const english = ENGLISH.filter((w) => said.includes(w));
            assert.deepEqual(english, [], `${locale.prefix}${path} says in English: ${english}`);
          }
          await tab.goto(
            `${baseUrl}${locale.prefix}/admin/content/edit?key=pledge.intro&locale=es`,
          );
        }
        // The language asked for has the focus, written in its own language.
        const focused = tab.locator("textarea:focus");
        assert.equal(await focused.getAttribute("name"), "body_es");
        assert.equal(await focused.getAttribute("lang"), "es");
      }
    } finally {
      await context.close();
    }
  });

  it("on a desktop: languages side by side, a preview without saving, a refusal focused", async () => {
    const { context, tab } = await editorTab(1280);
    try {
      await tab.goto(`${baseUrl}/es/admin/content/edit?key=home.mission`);
      await check(tab, "/es/admin/content/edit", 1280);
      const boxes = await fieldBoxes(tab);
      assert.equal(new Set(boxes.map((b) => Math.round(b.y))).size, 1, "one row");
      assert.ok(
        boxes.every((b, i) => i === 0 || b.x > (boxes[i - 1]?.x ?? 0)),
        "side by side",
      );

      await tab.locator("textarea[name=body_es]").fill("Una **misión** nueva.");
      await tab.locator("main button[value=preview]").click();
      await tab.waitForLoadState();
      const preview = tab.locator('main [lang="es"] .usa-prose strong');
      assert.equal(await preview.textContent(), "misión");
      await check(tab, "/es/admin/content/edit (preview)", 1280);
      assert.equal(
        await tab.locator("textarea[name=body_es]").inputValue(),
        "Una **misión** nueva.",
      );

      // A written translation emptied: refused, the focus on the refusal, nothing saved.
      await tab.locator("textarea[name=body_zh-Hans]").fill("");
      await tab.locator("main button[value=save]").click();
      await tab.waitForLoadState();
      await check(tab, "/es/admin/content/edit (refused)", 1280);
      // The error summary has the focus (decision 0016), and links to the refused field.
      const summary = tab.locator("main .usa-alert--error");
      assert.equal(await summary.evaluate((e) => e === e.ownerDocument.activeElement), true);
      assert.equal(await summary.locator("a").getAttribute("href"), "#content-zh-hans");
      assert.equal(await tab.locator("textarea[autofocus]").count(), 0, "no field competes");
      const row = await database.db
        .selectFrom("content_blocks")
        .select("body")
        .where("key", "=", "home.mission")
        .where("locale", "=", "es")
        .executeTakeFirstOrThrow();
      assert.doesNotMatch(row.body, /misión\*\* nueva/);

      // Put back, the form saves the Spanish change and lists the text again.
      await tab.locator("textarea[name=body_zh-Hans]").fill("新的使命。");
      await tab.locator("main button[value=save]").click();
      await tab.waitForLoadState();
      assert.match(tab.url(), /\/es\/admin\/content\?saved=home\.mission:es,zh-Hans$/);
      await check(tab, "/es/admin/content (saved)", 1280);
    } finally {
      await context.close();
    }
  });
});
