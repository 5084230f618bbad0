// A member staffer's journey in a real browser, in English and in Spanish: sign in with the demo
// password, choose which of their two jurisdictions to act for, sign out. axe-core checks every
// page on the way, at a desktop width and at a phone's.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { FastifyInstance } from "fastify";
import type { Browser, Page } from "playwright-core";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from "../src/accounts/index.js";
import { buildApp } from "../src/app.js";
import { type Database, openDatabase } from "../src/db/index.js";
import { findLocale, type Locale, localizedPath, translator } from "../src/i18n/index.js";
import { seedDemo } from "../src/seed-demo.js";
import { totpCode } from "../test/support/accounts.js";
import { testConfig } from "../test/support/app.js";
import { axeViolations, browserSkipReason, launchBrowser } from "../test/support/browser.js";
import { createTestDatabase } from "../test/support/databases.js";

describe("signing in and switching jurisdiction in a browser [sqlite]", {
  skip: browserSkipReason(),
}, () => {
  let database: Database;
  let drop: (() => Promise<void>) | undefined;
  let app: FastifyInstance;
  let baseUrl: string;
  let browser: Browser;
  let staffer: string;

  before(async () => {
    const testDb = await createTestDatabase("sqlite");
    drop = testDb.drop;
    const config = testConfig({ PUBLIC_URL: "http://127.0.0.1" }, testDb.settings);
    database = openDatabase(config.database);
    const { accounts } = await seedDemo(database.db, {
      accounts: { authSecret: config.authSecret },
    });
    const twoMembers = accounts.find((a) => a.memberships.length === 2);
    assert.ok(twoMembers, "the demo has a staffer of two members");
    staffer = twoMembers.email;
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

  async function assertAccessible(tab: Page, label: string) {
    const violations = await axeViolations(tab);
    assert.deepEqual(violations, [], `axe on ${label}:\n${violations.join("\n")}`);
  }

  /** Signs in through the form (and the code step when `totpSecret` is given). */
  async function signInAs(tab: Page, email: string, prefix: string, totpSecret?: string) {
    await tab.goto(`${baseUrl}${prefix}/account/sign-in`);
    await tab.locator("input[name=email]").fill(email);
    await tab.locator("input[name=password]").fill(DEMO_PASSWORD);
    await tab.locator("form[method=post] button[type=submit]").first().click();
    await tab.waitForLoadState();
    if (totpSecret) {
      await tab.locator("input[name=code]").fill(totpCode(totpSecret));
      await tab.locator("form[method=post] button[type=submit]").first().click();
      await tab.waitForURL(`${baseUrl}${prefix}/account`);
    }
  }

  it("every staff page passes axe, in Spanish and in Chinese", async () => {
    for (const prefix of ["/es", "/zh-hans"]) {
      const context = await browser.newContext({ bypassCSP: true, locale: "es" });
      try {
        const tab = await context.newPage();
        await signInAs(tab, "coalition.admin@example.org", prefix, DEMO_TOTP_SECRET);
        for (const path of [
          "/admin",
          "/admin/users",
          "/admin/audit",
          "/admin/profiles",
          "/admin/members/boston-ma/edit",
          "/account/two-factor",
        ]) {
          const response = await tab.goto(baseUrl + prefix + path);
          assert.equal(response?.status(), 200, path);
          await assertAccessible(tab, prefix + path);
        }
        await context.clearCookies();
        await signInAs(tab, "admin.boston-ma@example.org", prefix);
        for (const path of ["/account", "/account/team", "/account/profile"]) {
          const response = await tab.goto(baseUrl + prefix + path);
          assert.equal(response?.status(), 200, path);
          await assertAccessible(tab, prefix + path);
        }
        // The enrolment page with its QR code and backup codes.
        await tab.goto(`${baseUrl}${prefix}/account/two-factor`);
        await tab.locator("input[name=password]").fill(DEMO_PASSWORD);
        await tab.locator("form[method=post] button[type=submit]").first().click();
        await tab.waitForLoadState();
        assert.equal((await tab.locator("svg").count()) > 0, true, "a QR code");
        await assertAccessible(tab, `${prefix}/account/two-factor (enrolling)`);
      } finally {
        await context.close();
      }
    }
  });

  const journeys: { tag: string; width: number }[] = [
    { tag: "en", width: 1280 },
    { tag: "es", width: 375 },
  ];
  for (const { tag, width } of journeys) {
    it(`in ${tag} at ${width} px: sign in, act for one member then the other, sign out`, async () => {
      const locale = findLocale(tag) as Locale;
      const t = translator(locale);
      const path = (p: string) => localizedPath(locale, p);
      const context = await browser.newContext({
        bypassCSP: true,
        locale: tag,
        viewport: { width, height: 900 },
      });
      try {
        const tab = await context.newPage();
        // A page that needs a session sends the visitor to sign in, then back.
        await tab.goto(baseUrl + path("/account/jurisdiction"));
        assert.equal(new URL(tab.url()).pathname, path("/account/sign-in"));
        assert.equal(await tab.locator("html").getAttribute("lang"), locale.tag);
        await assertAccessible(tab, "sign-in");
        await tab.getByLabel(t("accounts.field.email")).fill(staffer);
        await tab.getByLabel(t("accounts.field.password"), { exact: true }).fill(DEMO_PASSWORD);
        await tab.getByRole("button", { name: t("accounts.sign_in.submit") }).click();
        await tab.waitForURL(`${baseUrl}${path("/account/jurisdiction")}`);
        await assertAccessible(tab, "choose a jurisdiction");

        for (const name of ["Montgomery County", "Washington, DC"]) {
          // USWDS draws its own radio button; the label is what a person clicks.
          await tab.locator("label.usa-radio__label", { hasText: name }).click();
          assert.ok(await tab.getByRole("radio", { name: new RegExp(`^${name}`) }).isChecked());
          await tab.getByRole("button", { name: t("team.choose.submit") }).click();
          await tab.waitForURL(`${baseUrl}${path("/account")}`);
          assert.equal(
            (await tab.getByText(t("team.account.acting_for", { name })).count()) > 0,
            true,
            `acting for ${name}`,
          );
          await assertAccessible(tab, `account, acting for ${name}`);
          if (name === "Montgomery County") {
            await tab.getByRole("link", { name: t("team.account.change") }).click();
            await tab.waitForURL(`${baseUrl}${path("/account/jurisdiction")}`);
          }
        }

        await tab.getByRole("button", { name: t("accounts.sign_out"), exact: true }).click();
        await tab.waitForURL(`${baseUrl}${path("/")}`);
        // Signed out: the account page sends to sign-in again.
        await tab.goto(baseUrl + path("/account"));
        assert.equal(new URL(tab.url()).pathname, path("/account/sign-in"));
      } finally {
        await context.close();
      }
    });
  }
});
