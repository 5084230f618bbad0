// Every page in every language, in a real browser: it loads, says which language it is in, and
// axe-core finds no WCAG 2.1 A/AA or best-practice violation. Then a few journeys a visitor takes.
// The browser part does not depend on the database dialect, so it runs on SQLite only.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import type { FastifyInstance } from "fastify";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { buildApp } from "../src/app.js";
import { type Database, openDatabase } from "../src/db/index.js";
import { findLocale, LOCALES, type Locale, localizedPath, translator } from "../src/i18n/index.js";
import { findGeography } from "../src/members/census/census.queries.js";
import { createApplication } from "../src/members/join/applications.queries.js";
import { seedDemo } from "../src/seed-demo.js";
import { createUser, TEST_PASSWORD, totpCode, totpSecretOf } from "../test/support/accounts.js";
import { testConfig } from "../test/support/app.js";
import { axeViolations, browserSkipReason, launchBrowser } from "../test/support/browser.js";
import { createTestDatabase } from "../test/support/databases.js";
import { PAGES, SAMPLE_PAGES } from "../test/support/pages.js";
import { buildSampleLibrary, SAMPLE_LIBRARY_PAGES } from "../test/support/resources.js";

const en = findLocale("en") as Locale;
const es = findLocale("es") as Locale;

describe("pages in a browser [sqlite]", { skip: browserSkipReason() }, () => {
  let database: Database;
  let drop: (() => Promise<void>) | undefined;
  let app: FastifyInstance;
  let baseUrl: string;
  let browser: Browser;
  /** The shared context: an English-speaking visitor. CSP is bypassed so axe can be injected. */
  let context: BrowserContext;
  let page: Page;

  before(async () => {
    const testDb = await createTestDatabase("sqlite");
    drop = testDb.drop;
    // An http public URL: with https the CSP would say upgrade-insecure-requests and the
    // browser would fetch the stylesheets from https://127.0.0.1, which is not there.
    const config = testConfig({ PUBLIC_URL: "http://127.0.0.1" }, testDb.settings);
    database = openDatabase(config.database);
    await seedDemo(database.db);
    await buildSampleLibrary(database.db);
    app = await buildApp(config, { database });
    baseUrl = await app.listen({ host: "127.0.0.1", port: 0 });
    browser = await launchBrowser();
    context = await browser.newContext({
      bypassCSP: true,
      locale: "en-US",
      viewport: { width: 1280, height: 900 },
    });
    page = await context.newPage();
  });

  after(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
    await drop?.();
  });

  async function open(target: Page, path: string, expectedStatus = 200) {
    const response = await target.goto(baseUrl + path);
    assert.ok(response, `no response for ${path}`);
    assert.equal(response.status(), expectedStatus, `${path}: status`);
    return response;
  }

  async function assertAccessible(target: Page, label: string) {
    const violations = await axeViolations(target);
    assert.deepEqual(
      violations,
      [],
      `axe found ${violations.length} violation(s) on ${label}:\n${violations.join("\n")}`,
    );
  }

  /** Runs `body` on a fresh tab of the shared context, so tests can run side by side. */
  async function inTab(body: (tab: Page) => Promise<void>) {
    const tab = await context.newPage();
    try {
      await body(tab);
    } finally {
      await tab.close();
    }
  }

  // A few tabs at once: each test waits on page loads and axe, so this about halves the run.
  describe("every page in every language", { concurrency: 4 }, () => {
    for (const locale of LOCALES) {
      for (const path of [...PAGES, ...SAMPLE_PAGES]) {
        const url = localizedPath(locale, path);
        it(`${url} loads in ${locale.tag} and passes axe`, () =>
          inTab(async (tab) => {
            await open(tab, url);
            assert.equal(await tab.locator("html").getAttribute("lang"), locale.tag);
            await assertAccessible(tab, url);
          }));
      }
    }

    // The home page, every kind of library page and search results, at a phone's width: axe,
    // and nothing wider than the screen (sideways scrolling, which axe does not see).
    const PHONE_PAGES = ["/", ...SAMPLE_LIBRARY_PAGES, "/search?q=immigration%20reform"];
    for (const locale of LOCALES) {
      for (const path of PHONE_PAGES) {
        const url = localizedPath(locale, path);
        it(`${url} passes axe at a phone's width (375×800)`, () =>
          inTab(async (tab) => {
            await tab.setViewportSize({ width: 375, height: 800 });
            await open(tab, url);
            assert.equal(await tab.locator("html").getAttribute("lang"), locale.tag);
            await assertAccessible(tab, `${url} at 375×800`);
            const width = await tab.evaluate(
              () =>
                (
                  globalThis as unknown as {
                    document: { documentElement: { scrollWidth: number } };
                  }
                ).document.documentElement.scrollWidth,
            );
            assert.ok(width <= 375, `${url} is ${width} px wide at 375`);
          }));
      }
    }
  });

  it("the language selector takes a visitor from /members?state=CA to /es/members?state=CA", async () => {
    await open(page, "/members?state=CA");
    const languages = page.getByRole("navigation", {
      name: translator(en)("common.languages"),
      exact: true,
    });
    await languages.getByRole("link", { name: "Español", exact: true }).click();
    // The query is kept: the list stays filtered.
    await page.waitForURL(`${baseUrl}/es/members?state=CA`);
    assert.equal(await page.locator("html").getAttribute("lang"), "es");
    const current = page.getByRole("navigation", {
      name: translator(es)("common.languages"),
      exact: true,
    });
    assert.equal(
      await current
        .getByRole("link", { name: "Español", exact: true })
        .getAttribute("aria-current"),
      "true",
    );
  });

  it("the first Tab reaches the skip link, and Enter moves focus to the main content", async () => {
    await open(page, "/");
    await page.keyboard.press("Tab");
    const focused = page.locator(":focus");
    assert.equal(await focused.getAttribute("class"), "usa-skipnav");
    assert.equal(await focused.getAttribute("href"), "#main-content");
    assert.equal(await focused.textContent(), translator(en)("common.skip_link"));
    await page.keyboard.press("Enter");
    await page.waitForURL(`${baseUrl}/#main-content`);
    assert.equal(await page.locator(":focus").getAttribute("id"), "main-content");
  });

  it("a visitor whose browser prefers Spanish is offered /es/ on / and is not redirected", async () => {
    const spanish = await browser.newContext({ bypassCSP: true, locale: "es" });
    try {
      const visitor = await spanish.newPage();
      const response = await open(visitor, "/");
      assert.equal(response.request().redirectedFrom(), null, "the home page must not redirect");
      assert.equal(visitor.url(), `${baseUrl}/`);
      assert.equal(await visitor.locator("html").getAttribute("lang"), "en");
      const offer = visitor.locator(".cfa-language-offer");
      assert.equal(await offer.count(), 1);
      assert.equal(await offer.getAttribute("lang"), "es");
      assert.equal(await offer.getByRole("link").getAttribute("href"), "/es/");
      assert.equal(
        await offer.getByRole("link").textContent(),
        translator(es)("common.offer.link"),
      );
      await assertAccessible(visitor, "/ with the Spanish offer");
      // Dismissed for good, without JavaScript: a form that comes back to the same page.
      await offer.getByRole("button", { name: translator(es)("common.offer.dismiss") }).click();
      await visitor.waitForURL(`${baseUrl}/`);
      assert.equal(await visitor.locator(".cfa-language-offer").count(), 0);
      await open(visitor, "/members");
      assert.equal(await visitor.locator(".cfa-language-offer").count(), 0, "nor on other pages");
    } finally {
      await spanish.close();
    }
  });

  it("the 404 page under /es/ is in Spanish, says 404, and passes axe", async () => {
    await open(page, "/es/no-such-page", 404);
    assert.equal(await page.locator("html").getAttribute("lang"), "es");
    assert.equal(
      await page.locator("h1").textContent(),
      translator(es)("errors.page_title", { status: 404 }),
    );
    await assertAccessible(page, "/es/no-such-page");
  });

  it("under the real CSP, / loads every asset with no console error", async () => {
    // No bypassCSP here: this is what a visitor gets, and a blocked script or style is an error.
    const strict = await browser.newContext({ locale: "en-US" });
    try {
      const visitor = await strict.newPage();
      const problems: string[] = [];
      visitor.on("console", (message) => {
        if (message.type() === "error") problems.push(`console: ${message.text()}`);
      });
      visitor.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
      visitor.on("requestfailed", (request) =>
        problems.push(`failed: ${request.url()} ${request.failure()?.errorText}`),
      );
      visitor.on("response", (response) => {
        if (response.status() >= 400) problems.push(`${response.status()}: ${response.url()}`);
      });
      await open(visitor, "/");
      // USWDS's script runs on load; the menu button is the one control it drives on every page.
      await visitor.waitForLoadState("load");
      assert.deepEqual(problems, []);
    } finally {
      await strict.close();
    }
  });
  it("a coalition admin signs in, reviews an application and accepts it, in Spanish, axe-clean", async () => {
    await createUser(app, { email: "admin.e2e@example.org", coalitionRole: "coalition_admin" });
    const geography = await findGeography(database.db, "2018250");
    assert.ok(geography);
    await createApplication(database.db, {
      geography,
      kind: "city",
      executiveName: "Joyce Warshaw",
      executiveTitle: "Mayor",
      contactName: "Ana Pérez",
      contactTitle: "",
      contactEmail: "ana@example.org",
      contactPhone: "",
      message: "",
      locale: "es",
      submissionKey: randomUUID(),
    });
    const admin = await browser.newContext({ bypassCSP: true, locale: "es-US" });
    try {
      const tab = await admin.newPage();
      await open(tab, "/es/admin/members", 200); // sent to sign in, which answers 200
      assert.match(new URL(tab.url()).pathname, /^\/es\/account\/sign-in/);
      await assertAccessible(tab, "/es/account/sign-in");
      await tab.locator("input[name=email]").fill("admin.e2e@example.org");
      await tab.locator("input[name=password]").fill(TEST_PASSWORD);
      await tab.locator("main form[method=post] button[type=submit]").first().click();
      // Coalition admins use two-step verification: the code from their authenticator app.
      await tab.waitForURL(/\/es\/account\/sign-in\/code/);
      await assertAccessible(tab, "/es/account/sign-in/code");
      const secret = totpSecretOf("admin.e2e@example.org");
      assert.ok(secret);
      await tab.locator("input[name=code]").fill(totpCode(secret));
      await tab.locator("main form[method=post] button[type=submit]").first().click();
      await tab.waitForURL(/\/es\/admin\/members$/);
      await assertAccessible(tab, "/es/admin/members");
      await tab.locator("table a").first().click();
      await tab.waitForURL(/\/es\/admin\/members\/applications\//);
      await assertAccessible(tab, "application page");
      await tab.locator("form[action$='/accept'] button").click();
      await tab.waitForURL(/\/es\/admin\/members\?decided=/);
      assert.match((await tab.locator("[role=status]").textContent()) ?? "", /Dodge City city/);
      await assertAccessible(tab, "after accepting");
      await open(tab, "/es/account");
      await assertAccessible(tab, "/es/account");
      await open(tab, "/es/admin/outbox");
      await assertAccessible(tab, "/es/admin/outbox");
    } finally {
      await admin.close();
    }
  });
});
