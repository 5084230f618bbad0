// The setting of the campaign journeys in a browser (e2e/campaigns-actions.test.ts): the demo
// roster and people on SQLite, the app listening on loopback with a test SMTP server (mailed
// links are read as delivered), Chromium, and the checks every page state gets: axe finds
// nothing and the page is no wider than the window; a refused form's summary has the focus.
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { DEMO_PASSWORD } from "../../src/accounts/index.js";
import { buildApp } from "../../src/app.js";
import { type Database, openDatabase } from "../../src/db/index.js";
import { seedDemo } from "../../src/seed-demo.js";
import { totpCode } from "./accounts.js";
import { testConfig } from "./app.js";
import { axeViolations, launchBrowser } from "./browser.js";
import { createTestDatabase } from "./databases.js";
import { type SmtpTestServer, startSmtpServer } from "./smtp.js";

export const PHONE = { width: 375, height: 800 };
export const WIDE = { width: 1280, height: 900 };

export interface Journeys {
  database: Database;
  app: FastifyInstance;
  baseUrl: string;
  browser: Browser;
  smtp: SmtpTestServer;
  /** A new browser tab, signed in as `email` (with the code step when `totpSecret` is given). */
  tabAs(
    email: string,
    options?: { viewport?: typeof WIDE; prefix?: string; totpSecret?: string },
  ): Promise<Page>;
  /** A new browser tab, signed out. */
  visitor(viewport?: typeof WIDE): Promise<Page>;
  close(): Promise<void>;
}

/** `env`: more configuration, e.g. a local Regulations.gov's address and key. */
export async function startJourneys(env: Record<string, string> = {}): Promise<Journeys> {
  const testDb = await createTestDatabase("sqlite");
  const smtp = await startSmtpServer();
  const config = testConfig(
    { PUBLIC_URL: "http://127.0.0.1", SMTP_URL: smtp.url, ...env },
    testDb.settings,
  );
  const database = openDatabase(config.database);
  await seedDemo(database.db, { accounts: { authSecret: config.authSecret } });
  const app = await buildApp(config, { database });
  const baseUrl = await app.listen({ host: "127.0.0.1", port: 0 });
  const browser = await launchBrowser();
  const contexts: BrowserContext[] = [];

  const visitor = async (viewport = WIDE) => {
    const context = await browser.newContext({ viewport, bypassCSP: true });
    contexts.push(context);
    return context.newPage();
  };

  const tabAs: Journeys["tabAs"] = async (email, options = {}) => {
    const prefix = options.prefix ?? "";
    const tab = await visitor(options.viewport ?? WIDE);
    await tab.goto(`${baseUrl}${prefix}/account/sign-in`);
    await tab.locator("input[name=email]").fill(email);
    await tab.locator("input[name=password]").fill(DEMO_PASSWORD);
    await tab.locator("main form[method=post] button[type=submit]").first().click();
    await tab.waitForLoadState();
    if (options.totpSecret) {
      await checkPage(tab, `${prefix}/account/sign-in/code`);
      // A code works once (accounts/totp-replay.ts); the tests sign in again within 30 seconds.
      await database.db.deleteFrom("totp_steps").execute();
      await tab.locator("input[name=code]").fill(totpCode(options.totpSecret));
      await tab.locator("main form[method=post] button[type=submit]").first().click();
      await tab.waitForURL(`${baseUrl}${prefix}/admin`);
    }
    return tab;
  };

  return {
    database,
    app,
    baseUrl,
    browser,
    smtp,
    tabAs,
    visitor,
    async close() {
      for (const context of contexts) await context.close();
      await browser.close();
      await app.close();
      await smtp.close();
      await database.close();
      await testDb.drop();
    },
  };
}

/** axe finds nothing, and the page is no wider than the window. */
export async function checkPage(tab: Page, label: string): Promise<void> {
  const violations = await axeViolations(tab);
  assert.deepEqual(violations, [], `axe on ${label}:\n${violations.join("\n")}`);
  const widths = await tab.evaluate(() => {
    const g = globalThis as unknown as {
      innerWidth: number;
      document: { documentElement: { scrollWidth: number } };
    };
    return { scroll: g.document.documentElement.scrollWidth, inner: g.innerWidth };
  });
  assert.ok(widths.scroll <= widths.inner, `${label} scrolls sideways: ${JSON.stringify(widths)}`);
}

/** The refused form's error summary has the focus (decision 0016). */
export async function assertSummaryFocused(tab: Page): Promise<void> {
  const summary = tab.locator("main .usa-alert--error");
  await tab
    .waitForFunction(
      () => {
        type Active = { classList: { contains(name: string): boolean } } | null;
        const d = (globalThis as unknown as { document: { activeElement: Active } }).document;
        return d.activeElement?.classList.contains("usa-alert--error") ?? false;
      },
      undefined,
      { timeout: 3000 },
    )
    .catch(() => undefined);
  assert.equal(await summary.evaluate((e) => e === e.ownerDocument.activeElement), true);
}

/** The text of the page's main region. */
export async function mainText(tab: Page): Promise<string> {
  return (await tab.locator("main").textContent()) ?? "";
}
