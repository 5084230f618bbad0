// What a person meets when a form is refused, in a real browser: the focus lands on the error
// summary (autofocus, no script), the title starts with the translated "Error:", one alert is
// announced, and the page stays valid, accessible and within a phone's width. And the autofill
// tokens of the fields that ask for the person's own data (WCAG 1.3.5), which axe does not test.
// The browser does not depend on the database dialect, so this runs on SQLite only.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { FastifyInstance } from "fastify";
import { HtmlValidate } from "html-validate";
import type { Browser, BrowserContext, Page, Response } from "playwright-core";
import { DEMO_PASSWORD } from "../src/accounts/index.js";
import { buildApp } from "../src/app.js";
import { type Database, openDatabase } from "../src/db/index.js";
import { LOCALES, type Locale, localizedPath, translator } from "../src/i18n/index.js";
import { seedDemo } from "../src/seed-demo.js";
import { testConfig } from "../test/support/app.js";
import { axeViolations, browserSkipReason, launchBrowser } from "../test/support/browser.js";
import { createTestDatabase } from "../test/support/databases.js";

// The little of the DOM these checks read (our tsconfig has no DOM types).
interface El {
  name: string;
  type: string;
  hasAttribute(name: string): boolean;
  getAttribute(name: string): string | null;
}
interface Doc {
  activeElement: El | null;
  documentElement: { scrollWidth: number };
  querySelectorAll(selector: string): Iterable<El> & { length: number };
}

const DODGE_CITY = "2018250"; // Dodge City city, KS: in the Census data, not on the demo roster
const STAFFER = "admin.boston-ma@example.org"; // a member admin of the demo, without 2FA

/** The words a locale's title starts with on a page showing an error ("Error: "). */
function errorPrefix(locale: Locale): string {
  return translator(locale)("errors.title_error", { title: "\u0001" }).split("\u0001")[0] ?? "";
}

describe("refused forms and autofill in a browser [sqlite]", { skip: browserSkipReason() }, () => {
  let database: Database;
  let drop: (() => Promise<void>) | undefined;
  let app: FastifyInstance;
  let baseUrl: string;
  let browser: Browser;
  const validator = new HtmlValidate({
    extends: ["html-validate:recommended"],
    // As e2e/html-validity.test.ts holds every page (the same reasons).
    rules: {
      "doctype-style": ["error", { style: "lowercase" }],
      "no-redundant-role": ["error", { exclude: ["img"] }],
      "void-style": "off",
    },
  });

  before(async () => {
    const testDb = await createTestDatabase("sqlite");
    drop = testDb.drop;
    const config = testConfig({ PUBLIC_URL: "http://127.0.0.1" }, testDb.settings);
    database = openDatabase(config.database);
    await seedDemo(database.db, { accounts: { authSecret: config.authSecret } });
    app = await buildApp(config, { database });
    baseUrl = await app.listen({ host: "127.0.0.1", port: 0 });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
    await drop?.();
  });

  /**
   * A first-time visitor whose browser prefers English: on Spanish and Chinese pages they are
   * offered English, whose form has a CSRF token too (made from the same secret as the page's).
   */
  async function withContext(width: number, body: (tab: Page, c: BrowserContext) => Promise<void>) {
    const context = await browser.newContext({
      bypassCSP: true,
      locale: "en-US",
      viewport: { width, height: 900 },
    });
    try {
      await body(await context.newPage(), context);
    } finally {
      await context.close();
    }
  }

  /** Sends the page's POST form as it is and waits for the answer. */
  async function submit(tab: Page, expectedStatus: number) {
    const [response] = await Promise.all([
      tab.waitForNavigation(),
      tab.locator("main form[method=post] button[type=submit]").first().click(),
    ]);
    assert.ok(response, tab.url());
    assert.equal(
      response.status(),
      expectedStatus,
      `${tab.url()}: ${await tab.locator("main").textContent()}`,
    );
    return response;
  }

  /** What a refused form must be: focus on the one alert, "Error:" first in the title. */
  async function assertRefusedPage(tab: Page, response: Response, locale: Locale, label: string) {
    // Chromium applies `autofocus` at a rendering opportunity after load, not at load itself:
    // give it until then (the assertion below says what is wrong if it never comes).
    await tab
      .waitForFunction(
        () =>
          (globalThis as unknown as { document: Doc }).document.activeElement?.hasAttribute(
            "data-cfa-error",
          ),
        undefined,
        { timeout: 3000 },
      )
      .catch(() => undefined);
    const focused = await tab.evaluate(() => {
      const d = (globalThis as unknown as { document: Doc }).document;
      const active = d.activeElement;
      return {
        marked: active?.hasAttribute("data-cfa-error") ?? false,
        role: active?.getAttribute("role") ?? null,
        alerts: d.querySelectorAll("[role=alert]").length,
        scrollWidth: d.documentElement.scrollWidth,
        innerWidth: (globalThis as unknown as { innerWidth: number }).innerWidth,
      };
    });
    assert.equal(focused.marked, true, `${label}: the focus is on the error summary`);
    assert.equal(focused.role, "alert", label);
    assert.equal(focused.alerts, 1, `${label}: one alert, not one per field`);
    assert.ok(focused.scrollWidth <= focused.innerWidth, `${label}: no sideways scrolling`);
    const title = await tab.title();
    assert.ok(title.startsWith(errorPrefix(locale)), `${label}: title "${title}"`);
    assert.notEqual(errorPrefix(locale), "", "a translated prefix");
    const violations = await axeViolations(tab);
    assert.deepEqual(violations, [], `axe on ${label}:\n${violations.join("\n")}`);
    // The markup as sent (the browser's serialization writes `autofocus=""`).
    const report = await validator.validateString(await response.text(), label);
    const messages = report.results.flatMap((r) =>
      r.messages.map((m) => `${m.ruleId}: ${m.message}`),
    );
    assert.deepEqual(messages, [], `${label} is valid HTML`);
  }

  it("moves the focus to the error summary of a refused application, in every language", async () => {
    for (const locale of LOCALES) {
      await withContext(375, async (tab) => {
        const path = `${localizedPath(locale, "/join")}?geoid=${DODGE_CITY}`;
        await tab.goto(baseUrl + path);
        assert.ok(!(await tab.title()).startsWith(errorPrefix(locale)), "not an error yet");
        await tab.locator("#app-contact_email").fill("ana@dodgecity.example");
        const response = await submit(tab, 422);
        await assertRefusedPage(tab, response, locale, `${locale.tag} refused application`);
        // Field messages are text the field points to, not alerts of their own.
        const name = tab.locator("#app-contact_name");
        assert.match((await name.getAttribute("aria-describedby")) ?? "", /app-contact_name-error/);
        assert.equal(await tab.locator("#app-contact_name-error").getAttribute("role"), null);
      });
    }
  });

  it("moves the focus to the error summary of a refused sign-in and of an empty search", async () => {
    const es = LOCALES.find((l) => l.tag === "es") as Locale;
    await withContext(1280, async (tab) => {
      await tab.goto(baseUrl + localizedPath(es, "/account/sign-in"));
      await tab.locator("input[name=email]").fill(STAFFER);
      await tab.locator("input[name=password]").fill("not the password");
      const response = await submit(tab, 401);
      await assertRefusedPage(tab, response, es, "es refused sign-in");
    });
    await withContext(375, async (tab) => {
      await tab.goto(baseUrl + localizedPath(es, "/join"));
      const [response] = await Promise.all([
        tab.waitForNavigation(),
        tab.locator("main form button").first().click(),
      ]);
      assert.equal(response?.status(), 400);
      await assertRefusedPage(tab, response as Response, es, "es empty search");
      const message = await tab.locator("#join-q-error").textContent();
      assert.equal(message, translator(es)("join.search.error.empty"));
    });
  });

  it("gives the fields that ask for a person's own data their autofill token", async () => {
    const tokens = (tab: Page) =>
      tab.evaluate(() =>
        Object.fromEntries(
          [
            ...(globalThis as unknown as { document: Doc }).document.querySelectorAll(
              "main input:not([type=hidden]), main textarea",
            ),
          ].map((input) => [input.name, `${input.type} ${input.getAttribute("autocomplete")}`]),
        ),
      );
    await withContext(1280, async (tab) => {
      await tab.goto(`${baseUrl}/join?geoid=${DODGE_CITY}`);
      const join = await tokens(tab);
      assert.equal(join.contact_name, "text name");
      assert.equal(join.contact_title, "text organization-title");
      assert.equal(join.contact_email, "email email");
      assert.equal(join.contact_phone, "tel tel");
      // The executive's name is someone else's: the browser must not offer the person's own.
      assert.equal(join.executive_name, "text off");
      await tab.goto(`${baseUrl}/account/sign-in`);
      assert.deepEqual(await tokens(tab), {
        email: "email username",
        password: "password current-password",
      });
      for (const path of ["/account/sign-in/link", "/account/reset"]) {
        await tab.goto(baseUrl + path);
        assert.deepEqual(await tokens(tab), { email: "email username" }, path);
      }
      // Signed in: the account's own forms.
      await tab.goto(`${baseUrl}/account/sign-in`);
      await tab.locator("input[name=email]").fill(STAFFER);
      await tab.locator("input[name=password]").fill(DEMO_PASSWORD);
      await submit(tab, 200);
      await tab.goto(`${baseUrl}/account/two-factor`);
      assert.deepEqual(await tokens(tab), { password: "password current-password" });
      await tab.locator("input[name=password]").fill(DEMO_PASSWORD);
      await submit(tab, 200);
      assert.deepEqual(await tokens(tab), { code: "text one-time-code" });
      await tab.goto(`${baseUrl}/account/team`);
      const team = await tokens(tab);
      // The invited person's address and name, not the inviter's own.
      assert.equal(team.email, "email off");
      assert.equal(team.name, "text off");
      // The member's executive, not the person editing.
      await tab.goto(`${baseUrl}/account/profile`);
      const profile = await tokens(tab);
      assert.equal(profile.executive_name, "text off");
      assert.equal(profile.executive_title, "text off");
    });
  });
});
