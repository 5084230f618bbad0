// Issue 10, staff navigation, in a real browser: the account menu in the header (opened by
// keyboard, and without JavaScript), staff landing on /admin, no page wider than a 375 px phone,
// the mobile menu button's aria-expanded, and the footer at the bottom of short pages with room
// above it. axe checks the pages with the menu open.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { FastifyInstance } from "fastify";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { createInvitation, DEMO_PASSWORD } from "../src/accounts/index.js";
import { buildApp } from "../src/app.js";
import { type Database, openDatabase } from "../src/db/index.js";
import { findLocale, type Locale } from "../src/i18n/index.js";
import { seedDemo } from "../src/seed-demo.js";
import { testConfig } from "../test/support/app.js";
import { axeViolations, browserSkipReason, launchBrowser } from "../test/support/browser.js";
import { createTestDatabase } from "../test/support/databases.js";

const EDITOR = "coalition.editor@example.org";
const BOSTON_ADMIN = "admin.boston-ma@example.org";
const PHONE = { width: 375, height: 800 };

describe("staff navigation in a browser [sqlite]", { skip: browserSkipReason() }, () => {
  let database: Database;
  let drop: (() => Promise<void>) | undefined;
  let app: FastifyInstance;
  let baseUrl: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  before(async () => {
    const testDb = await createTestDatabase("sqlite");
    drop = testDb.drop;
    const config = testConfig({ PUBLIC_URL: "http://127.0.0.1" }, testDb.settings);
    database = openDatabase(config.database);
    await seedDemo(database.db, { accounts: { authSecret: config.authSecret } });
    app = await buildApp(config, { database });
    baseUrl = await app.listen({ host: "127.0.0.1", port: 0 });
    browser = await launchBrowser();
    // A pending invitation with a long address: the team page's widest content.
    const boston = await database.db
      .selectFrom("jurisdictions")
      .select("id")
      .where("slug", "=", "boston-ma")
      .executeTakeFirstOrThrow();
    const inviter = await database.db
      .selectFrom("users")
      .select(["id", "email", "name"])
      .where("email", "=", BOSTON_ADMIN)
      .executeTakeFirstOrThrow();
    await createInvitation(database.db, app.mailer, app.config, {
      email: "a.very.long.address.for.testing.widths@neighbourhood-services.example.org",
      name: null,
      target: { kind: "jurisdiction", jurisdictionId: boston.id, role: "member_staff" },
      locale: findLocale("es") as Locale,
      inviter,
    });
  });

  after(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await app?.close();
    await database?.close();
    await drop?.();
  });

  async function tabAs(
    email: string,
    options: { viewport?: { width: number; height: number }; javaScriptEnabled?: boolean } = {},
  ): Promise<Page> {
    const context = await browser.newContext({ bypassCSP: true, ...options });
    contexts.push(context);
    const tab = await context.newPage();
    await tab.goto(`${baseUrl}/account/sign-in`);
    await tab.locator("input[name=email]").fill(email);
    await tab.locator("input[name=password]").fill(DEMO_PASSWORD);
    await tab.locator("main form[method=post] button[type=submit]").first().click();
    await tab.waitForLoadState();
    return tab;
  }

  async function assertAccessible(tab: Page, label: string) {
    const violations = await axeViolations(tab);
    assert.deepEqual(violations, [], `axe on ${label}:\n${violations.join("\n")}`);
  }

  it("lands an editor on /admin, where the menu names them and opens by keyboard", async () => {
    const tab = await tabAs(EDITOR);
    assert.equal(new URL(tab.url()).pathname, "/admin");
    const summary = tab.locator("summary.cfa-account__summary");
    assert.match((await summary.textContent()) ?? "", /Demo Coalition Editor/);
    const admin = tab.locator(".cfa-account__panel a", { hasText: "Administration" });
    assert.equal(await admin.isVisible(), false, "closed at first");
    await summary.focus();
    await tab.keyboard.press("Enter");
    assert.equal(await admin.isVisible(), true, "Enter opens it");
    await tab.keyboard.press("Tab");
    const focused = await tab.evaluate(() => {
      const d = globalThis as unknown as { document: { activeElement: { textContent: string } } };
      return d.document.activeElement.textContent;
    });
    assert.equal(focused, "Your account", "Tab goes into the menu");
    await assertAccessible(tab, "/admin with the account menu open");
    // Spanish: the menu speaks Spanish too.
    await tab.goto(`${baseUrl}/es/`);
    await tab.locator("summary.cfa-account__summary").click();
    assert.equal(
      await tab.locator(".cfa-account__panel a", { hasText: "Administración" }).isVisible(),
      true,
    );
    await assertAccessible(tab, "/es/ with the account menu open");
  });

  it("opens the menu and signs out without JavaScript", async () => {
    const tab = await tabAs(BOSTON_ADMIN, { javaScriptEnabled: false });
    assert.equal(new URL(tab.url()).pathname, "/account");
    await tab.goto(`${baseUrl}/members`);
    await tab.locator("summary.cfa-account__summary").click();
    const acting = tab.locator(".cfa-account__acting");
    assert.match((await acting.textContent()) ?? "", /Acting for Boston/);
    await tab.locator(".cfa-account__panel button", { hasText: "Sign out" }).click();
    await tab.waitForURL(`${baseUrl}/`);
    assert.equal(await tab.locator(".cfa-account").count(), 0, "signed out");
  });

  it("keeps every staff page within a 375 px phone, and the menu button's state known", async () => {
    const member = await tabAs(BOSTON_ADMIN, { viewport: PHONE });
    const editor = await tabAs(EDITOR, { viewport: PHONE });
    const pages: [Page, string][] = [
      [member, "/account"],
      [member, "/account/team"],
      [member, "/es/account/team"],
      [member, "/zh-hans/account/team"],
      [member, "/account/profile"],
      [member, "/"],
      [editor, "/admin"],
      [editor, "/es/admin"],
      [editor, "/admin/profiles"],
    ];
    for (const [tab, path] of pages) {
      const response = await tab.goto(baseUrl + path);
      assert.equal(response?.status(), 200, path);
      const width = await tab.evaluate(() => {
        const d = globalThis as unknown as {
          document: { documentElement: { scrollWidth: number } };
        };
        return d.document.documentElement.scrollWidth;
      });
      assert.ok(width <= PHONE.width, `${path} is ${width} px wide at ${PHONE.width} px`);
    }
    await member.goto(`${baseUrl}/account/team`);
    await assertAccessible(member, "/account/team at 375 px");

    const button = member.locator(".usa-menu-btn");
    assert.equal(await button.getAttribute("aria-expanded"), "false");
    await button.click();
    await member.waitForFunction(() => {
      const d = globalThis as unknown as {
        document: { querySelector(s: string): { getAttribute(a: string): string | null } };
      };
      return d.document.querySelector(".usa-menu-btn").getAttribute("aria-expanded") === "true";
    });
    await member.locator(".usa-nav__close").click();
    assert.equal(await button.getAttribute("aria-expanded"), "false");
  });

  it("puts the footer at the bottom of a short page, with room above it on a phone", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1400 } });
    contexts.push(context);
    const tab = await context.newPage();
    for (const path of ["/account/sign-in/link", "/es/account/reset"]) {
      await tab.goto(baseUrl + path);
      const { footerBottom, height, scroll } = await tab.evaluate(() => {
        const g = globalThis as unknown as {
          innerHeight: number;
          document: {
            querySelector(s: string): { getBoundingClientRect(): { bottom: number } };
            documentElement: { scrollHeight: number };
          };
        };
        return {
          footerBottom: g.document.querySelector("footer").getBoundingClientRect().bottom,
          height: g.innerHeight,
          scroll: g.document.documentElement.scrollHeight,
        };
      });
      assert.ok(scroll <= height, `${path} is short enough for the test (${scroll} px)`);
      assert.ok(Math.abs(footerBottom - height) <= 1, `${path}: footer ends at ${footerBottom}`);
    }

    const phone = await tabAs(BOSTON_ADMIN, { viewport: PHONE });
    for (const path of ["/account", "/es/account/team"]) {
      await phone.goto(baseUrl + path);
      const gap = await phone.evaluate(() => {
        const d = globalThis as unknown as {
          document: {
            querySelector(s: string): {
              getBoundingClientRect(): { top: number; bottom: number };
              lastElementChild: { getBoundingClientRect(): { bottom: number } } | null;
            };
          };
        };
        const content = d.document.querySelector("main").lastElementChild;
        const footer = d.document.querySelector("footer").getBoundingClientRect();
        return footer.top - (content?.getBoundingClientRect().bottom ?? 0);
      });
      assert.ok(gap >= 16, `${path}: ${gap} px between the content and the footer`);
    }
  });
});
