// The members directory and its map as a person sees them (issue 10): on a 375 px phone the list
// is a few lines per member, not a 475 px card, and the page is no wider than the screen; the
// map's key is visible; the map follows the filters and its dots open profiles. The home page
// says which surveys its totals add. axe checks each of these pages. SQLite only: nothing here
// depends on the dialect.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { FastifyInstance } from "fastify";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { DEMO_PASSWORD } from "../src/accounts/index.js";
import { buildApp } from "../src/app.js";
import { type Database, openDatabase } from "../src/db/index.js";
import { LOCALES, localizedPath } from "../src/i18n/index.js";
import { seedDemo } from "../src/seed-demo.js";
import { testConfig } from "../test/support/app.js";
import { axeViolations, browserSkipReason, launchBrowser } from "../test/support/browser.js";
import { createTestDatabase } from "../test/support/databases.js";

/** At most this many CSS pixels of list per member on a phone (it was 475). */
const MAX_ROW_HEIGHT = 120;

describe("figures and the map in a browser [sqlite]", { skip: browserSkipReason() }, () => {
  let database: Database;
  let drop: (() => Promise<void>) | undefined;
  let app: FastifyInstance;
  let baseUrl: string;
  let browser: Browser;
  let phone: BrowserContext;
  let desktop: BrowserContext;

  before(async () => {
    const testDb = await createTestDatabase("sqlite");
    drop = testDb.drop;
    // http, so the CSP does not send the browser to https://127.0.0.1 for the stylesheets.
    const config = testConfig({ PUBLIC_URL: "http://127.0.0.1" }, testDb.settings);
    database = openDatabase(config.database);
    await seedDemo(database.db, { accounts: { authSecret: config.authSecret } });
    app = await buildApp(config, { database });
    baseUrl = await app.listen({ host: "127.0.0.1", port: 0 });
    browser = await launchBrowser();
    phone = await browser.newContext({ bypassCSP: true, viewport: { width: 375, height: 800 } });
    desktop = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
  });

  after(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
    await drop?.();
  });

  async function open(context: BrowserContext, path: string): Promise<Page> {
    const page = await context.newPage();
    const response = await page.goto(baseUrl + path);
    assert.equal(response?.status(), 200, path);
    return page;
  }

  async function assertAccessible(page: Page, label: string) {
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], `${label}:\n${violations.join("\n")}`);
  }

  it("lists members in a few lines each on a 375 px phone, no wider than the screen", async () => {
    for (const locale of LOCALES) {
      const page = await open(phone, localizedPath(locale, "/members"));
      try {
        const { rows, height, width } = await page.evaluate(() => {
          const d = (globalThis as unknown as { document: DocumentLike }).document;
          const body = d.querySelector(".cfa-members-table tbody");
          return {
            rows: d.querySelectorAll(".cfa-members-table tbody tr").length,
            height: body?.getBoundingClientRect().height ?? 0,
            width: d.documentElement.scrollWidth,
          };
        });
        assert.ok(rows > 10, `${locale.tag}: ${rows} members listed`);
        const perMember = height / rows;
        assert.ok(
          perMember <= MAX_ROW_HEIGHT,
          `${locale.tag}: ${perMember.toFixed(0)} px per member (at most ${MAX_ROW_HEIGHT})`,
        );
        assert.ok(width <= 375, `${locale.tag}: the page is ${width} px wide on a 375 px screen`);
        if (locale.tag !== "en") continue;
        // Each entry still says what each figure is (a label drawn before it by the CSS).
        const label = await page
          .locator(".cfa-members-table tbody td.cfa-number")
          .first()
          .evaluate(
            (td) =>
              (
                globalThis as unknown as {
                  getComputedStyle(e: unknown, pseudo: string): { content: string };
                }
              ).getComputedStyle(td, "::before").content,
          );
        assert.match(label, /Population: /);
        await assertAccessible(page, `${locale.tag} /members at 375 px`);
      } finally {
        await page.close();
      }
    }
  });

  it("shows the map's key beside the map, on a phone and on a desktop", async () => {
    for (const context of [phone, desktop]) {
      const page = await open(context, "/es/members");
      try {
        const legend = page.locator(".cfa-map-legend");
        assert.ok(await legend.isVisible(), "the key is visible");
        const text = (await legend.textContent()) ?? "";
        assert.match(text, /Condado miembro/);
        assert.match(text, /Ciudad miembro/);
        for (const swatch of await page.locator(".cfa-map-legend__swatch").all()) {
          const box = await swatch.boundingBox();
          assert.ok(box && box.width >= 16 && box.height >= 16, "each swatch is drawn");
        }
      } finally {
        await page.close();
      }
    }
  });

  it("draws the members the filters select, and a dot opens the member's profile", async () => {
    const page = await open(desktop, "/members?state=CA");
    try {
      const listed = await page.locator(".cfa-members-table tbody tr").count();
      const dots = page.locator(".cfa-map__marker");
      assert.equal(await dots.count(), listed, "one dot per member listed (all are cities)");
      await assertAccessible(page, "/members?state=CA at 1280 px");
      const slug = await dots.first().getAttribute("data-slug");
      await Promise.all([page.waitForURL(`**/members/${slug}`), dots.first().click()]);
      assert.equal(new URL(page.url()).pathname, `/members/${slug}`);
    } finally {
      await page.close();
    }
  });

  it("a member admin's profile form, with its office, fits a phone and is clean for axe", async () => {
    const tab = await phone.newPage();
    try {
      await tab.goto(`${baseUrl}/account/sign-in`);
      await tab.locator("input[name=email]").fill("admin.boston-ma@example.org");
      await tab.locator("input[name=password]").fill(DEMO_PASSWORD);
      await tab.locator("form[method=post] button[type=submit]").first().click();
      await tab.waitForLoadState();
      for (const locale of LOCALES) {
        await tab.goto(`${baseUrl}${localizedPath(locale, "/account/profile")}`);
        assert.ok(await tab.locator("#profile-office-phone").isVisible(), locale.tag);
        const width = await tab.evaluate(
          () =>
            (globalThis as unknown as { document: DocumentLike }).document.documentElement
              .scrollWidth,
        );
        assert.ok(width <= 375, `${locale.tag}: the form is ${width} px wide`);
        await assertAccessible(tab, `${locale.tag} /account/profile at 375 px`);
      }
      // Saved, the office is on the public profile.
      await tab.goto(`${baseUrl}/account/profile`);
      // The demo roster names no executives; a member's profile must.
      await tab.locator("#profile-executive-name").fill("Michelle Wu");
      await tab.locator("#profile-office-phone").fill("(617) 555-0100");
      await tab.locator("#profile-office-languages").fill("English, Haitian Creole");
      await tab.locator('form[action="/account/profile"] button[type=submit]').click();
      await tab.waitForLoadState();
      assert.match(
        tab.url(),
        /\/account\/profile\?saved=changed$/,
        (await tab.locator(".usa-alert, .usa-error-message").allTextContents()).join(" | "),
      );
      await tab.goto(`${baseUrl}/members/boston-ma`);
      assert.match((await tab.locator("main").textContent()) ?? "", /Haitian Creole/);
      await assertAccessible(tab, "/members/boston-ma with an office");
    } finally {
      await tab.close();
    }
  });

  it("the home page says which surveys its totals add up, clean for axe", async () => {
    const page = await open(phone, "/");
    try {
      const notes = await page.locator(".cfa-stat__vintage").allTextContents();
      assert.equal(notes.length, 2, "a note beside the population and foreign-born totals");
      assert.ok(
        notes.some((n) => /different surveys/.test(n)),
        notes.join(" | "),
      );
      const width = await page.evaluate(
        () =>
          (globalThis as unknown as { document: DocumentLike }).document.documentElement
            .scrollWidth,
      );
      assert.ok(width <= 375, `the home page is ${width} px wide`);
      await assertAccessible(page, "/ at 375 px");
    } finally {
      await page.close();
    }
  });
});

/** The little of the DOM these checks use (our tsconfig has no DOM types). */
interface DocumentLike {
  querySelector(selector: string): { getBoundingClientRect(): { height: number } } | null;
  querySelectorAll(selector: string): { length: number };
  documentElement: { scrollWidth: number };
}
