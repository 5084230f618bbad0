// No English on Spanish and Chinese pages but data: in a real browser, the text a visitor sees
// (and the labels a screen reader reads) on the public pages that show Census data, outside the
// language selector and the language offer (in their own languages by design). What the site
// itself says must be in the page's language; English is allowed only inside lang="en", and only
// for roster names (data typed in English) and Census names we cannot translate.
// The browser part does not depend on the database dialect, so it runs on SQLite only.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { FastifyInstance } from "fastify";
import type { Browser, Page } from "playwright-core";
import { buildApp } from "../src/app.js";
import { type Database, openDatabase } from "../src/db/index.js";
import { findLocale, type Locale, localizedPath, translator } from "../src/i18n/index.js";
import { STATES } from "../src/members/states.js";
import { seedDemo } from "../src/seed-demo.js";
import { testConfig } from "../test/support/app.js";
import { browserSkipReason, launchBrowser } from "../test/support/browser.js";
import { createTestDatabase } from "../test/support/databases.js";

// Pages with Census sources, executives' titles, state names and Census geography names:
// the demo's New York City (a Mayor) and Montgomery County (a County Executive, figures from
// three surveys), a search that finds "Oakland city" and "Oakland County", and Dodge City, Kansas.
const PAGES = [
  "/",
  "/members",
  "/members/new-york-ny",
  "/members/montgomery-county-md",
  "/join?q=oakland",
  "/join?geoid=2018250",
  "/about/figures",
];

/** Words the site used to write in English on these pages (issue 10). */
const OFFENDERS = [
  "Mayor",
  "County Executive",
  "County",
  "city",
  "CDP",
  "Census",
  "Bureau",
  "Source",
  "5-year",
  "American Community Survey",
  "places",
  "via",
];

/** What a visitor sees, split by where it sits. */
interface Seen {
  /** Text and labels in the page's language (not under another lang). */
  page: string[];
  /** Each element marked lang="en" outside the selector and the offer: its text. */
  english: string[];
}

/** Runs in the page: visible text and labels, by language. */
function collect(): Seen {
  const d = (globalThis as unknown as { document: DomDocument }).document;
  const seen: Seen = { page: [], english: [] };
  const pageLang = d.documentElement.getAttribute("lang");
  const clean = (s: string | null) => (s ?? "").replace(/\s+/g, " ").trim();
  const walk = (node: DomNode) => {
    if (node.nodeType === 3) {
      const text = clean(node.textContent);
      if (text) seen.page.push(text);
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as DomElement;
    if (["SCRIPT", "STYLE", "TEMPLATE", "HEAD"].includes(el.tagName)) return;
    if (el.matches(".cfa-languages, .cfa-language-offer")) return;
    if (el.hidden) return;
    const lang = el.getAttribute("lang");
    if (lang === "en") {
      seen.english.push(clean(el.textContent));
      return;
    }
    if (lang && lang !== pageLang) return;
    for (const attribute of ["aria-label", "title", "alt", "placeholder"]) {
      const value = clean(el.getAttribute(attribute));
      if (value) seen.page.push(value);
    }
    for (const child of Array.from(el.childNodes)) walk(child);
  };
  walk(d.body);
  return seen;
}

// The little of the DOM `collect` uses (our tsconfig has no DOM types).
interface DomNode {
  nodeType: number;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}
interface DomElement extends DomNode {
  tagName: string;
  hidden: boolean;
  getAttribute(name: string): string | null;
  matches(selector: string): boolean;
}
interface DomDocument {
  documentElement: DomElement;
  body: DomNode;
}

/** The offenders found in `text`, as whole words (case matters: "Cities for Action" passes). */
function offendersIn(text: string, words: readonly string[]): string[] {
  return words.filter((w) =>
    new RegExp(`(?<![\\p{L}\\p{N}])${w.replace(/\./g, "\\.")}(?![\\p{L}\\p{N}])`, "u").test(text),
  );
}

describe("Spanish and Chinese pages say nothing in English but data [sqlite]", {
  skip: browserSkipReason(),
}, () => {
  let database: Database;
  let drop: (() => Promise<void>) | undefined;
  let app: FastifyInstance;
  let baseUrl: string;
  let browser: Browser;
  let page: Page;
  let rosterNames: Set<string>;

  before(async () => {
    const testDb = await createTestDatabase("sqlite");
    drop = testDb.drop;
    const config = testConfig({ PUBLIC_URL: "http://127.0.0.1" }, testDb.settings);
    database = openDatabase(config.database);
    await seedDemo(database.db);
    const roster = await database.db.selectFrom("jurisdictions").select("name").execute();
    rosterNames = new Set(roster.map((r) => r.name));
    app = await buildApp(config, { database });
    baseUrl = await app.listen({ host: "127.0.0.1", port: 0 });
    browser = await launchBrowser();
    page = await browser.newPage({ locale: "en-US", viewport: { width: 1280, height: 900 } });
    // tsx keeps function names with a helper, __name, that the page does not have.
    await page.addInitScript("globalThis.__name = (f) => f;");
  });

  after(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
    await drop?.();
  });

  for (const tag of ["es", "zh-Hans"]) {
    const locale = findLocale(tag) as Locale;
    const t = translator(locale);
    // English state names that differ from this language's: on Chinese pages, all of them.
    const stateOffenders = Object.entries(STATES)
      .filter(([code, name]) => t(`census.state.${code}` as never) !== name)
      .map(([, name]) => name);

    for (const path of PAGES) {
      const url = localizedPath(locale, path);
      it(`${url}: no English but data`, async () => {
        const response = await page.goto(baseUrl + url);
        assert.equal(response?.status(), 200, url);
        const seen = await page.evaluate(collect);
        const words = [...OFFENDERS, ...stateOffenders];
        assert.ok(seen.page.join("").length > 200, `${url}: the text was read`);
        const lines = seen.page.filter((line) => offendersIn(line, words).length > 0);
        assert.deepEqual(lines, [], `${url}: English outside lang="en"`);
        // English inside lang="en" only for data: roster names, and Census names we cannot
        // take apart (none on these pages).
        const notData = seen.english.filter((s) => !rosterNames.has(s));
        assert.deepEqual(notData, [], `${url}: marked English that is not data`);
      });
    }
  }

  // Headings in Markdown (.usa-prose) had USWDS's serif face, and a serif CJK face in Chinese,
  // while every other heading was sans: one face for all (public/site.css).
  for (const prefix of ["", "/es", "/zh-hans"]) {
    it(`${prefix || "/"}: headings share one sans face, in prose or not`, async () => {
      const faces: string[] = [];
      for (const path of ["/", "/accessibility", "/about/figures", "/members"]) {
        await page.goto(`${baseUrl}${prefix}${path}`);
        faces.push(
          ...(await page.evaluate(() => {
            const g = globalThis as unknown as {
              document: { querySelectorAll(s: string): ArrayLike<unknown> };
              getComputedStyle(e: unknown): { fontFamily: string };
            };
            return Array.from(g.document.querySelectorAll("main h1, main h2, main h3")).map(
              (h) => g.getComputedStyle(h).fontFamily,
            );
          })),
        );
      }
      assert.ok(faces.length > 4, "headings were read");
      assert.deepEqual(
        faces.filter(
          (f) => /merriweather|serif(?!.*sans)|georgia/i.test(f) && !/sans-serif/i.test(f),
        ),
        [],
      );
      assert.equal(new Set(faces).size, 1, `one face: ${[...new Set(faces)].join(" | ")}`);
    });
  }
});
