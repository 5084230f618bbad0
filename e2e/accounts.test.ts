// A member staffer's journey in a real browser, in English and in Spanish: sign in with the demo
// password, choose which of their two jurisdictions to act for, sign out. axe-core checks every
// page on the way, at a desktop width and at a phone's.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { FastifyInstance } from "fastify";
import type { Browser, Page } from "playwright-core";
import { createInvitation, DEMO_PASSWORD, DEMO_TOTP_SECRET } from "../src/accounts/index.js";
import { buildApp } from "../src/app.js";
import { type Database, openDatabase } from "../src/db/index.js";
import { findLocale, LOCALES, type Locale, localizedPath, translator } from "../src/i18n/index.js";
import { seedDemo } from "../src/seed-demo.js";
import { deliveredTo, totpCode } from "../test/support/accounts.js";
import { testConfig } from "../test/support/app.js";
import { axeViolations, browserSkipReason, launchBrowser } from "../test/support/browser.js";
import { createTestDatabase } from "../test/support/databases.js";
import { type SmtpTestServer, startSmtpServer } from "../test/support/smtp.js";

describe("signing in and switching jurisdiction in a browser [sqlite]", {
  skip: browserSkipReason(),
}, () => {
  let database: Database;
  let drop: (() => Promise<void>) | undefined;
  let app: FastifyInstance;
  let baseUrl: string;
  let browser: Browser;
  let staffer: string;
  let smtp: SmtpTestServer;

  before(async () => {
    const testDb = await createTestDatabase("sqlite");
    drop = testDb.drop;
    smtp = await startSmtpServer();
    const config = testConfig(
      { PUBLIC_URL: "http://127.0.0.1", SMTP_URL: smtp.url },
      testDb.settings,
    );
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
    await smtp?.close();
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
    await tab.locator("main form[method=post] button[type=submit]").first().click();
    await tab.waitForLoadState();
    if (totpSecret) {
      await assertAccessible(tab, `${prefix}/account/sign-in/code`);
      // A code works once (accounts/totp-replay.ts); this signs in again within 30 seconds.
      await database.db.deleteFrom("totp_steps").execute();
      await tab.locator("input[name=code]").fill(totpCode(totpSecret));
      await tab.locator("main form[method=post] button[type=submit]").first().click();
      await tab.waitForURL(`${baseUrl}${prefix}/admin`);
    }
  }

  /** The token in the newest mail to `to` (a sign-in link, a reset, an invitation). */
  async function mailedToken(to: string): Promise<string> {
    // As delivered: the outbox keeps no link (mail/sealed.ts).
    const mail = (await deliveredTo(app, smtp, to)).at(-1);
    const token = mail?.text.match(/[?&]token=([A-Za-z0-9_-]+)/)?.[1];
    assert.ok(token, `a token in the mail to ${to}`);
    return token;
  }

  it("every account and staff page passes axe, in every language", async () => {
    // Pages reached by a mailed link, each with a live token (opening them spends nothing).
    await app.auth.api.requestPasswordReset({
      body: { email: "admin.denver-co@example.org", redirectTo: "/account/reset/new" },
    });
    await app.auth.api.signInMagicLink({
      body: { email: "admin.seattle-wa@example.org", metadata: { locale: "en" } },
      headers: new Headers(),
    });
    const admin = await database.db
      .selectFrom("users")
      .select(["id", "email"])
      .where("email", "=", "coalition.admin@example.org")
      .executeTakeFirstOrThrow();
    const boston = await database.db
      .selectFrom("jurisdictions")
      .select("id")
      .where("slug", "=", "boston-ma")
      .executeTakeFirstOrThrow();
    await createInvitation(database.db, app.mailer, app.config, {
      email: "invitee@example.org",
      name: null,
      target: { kind: "jurisdiction", jurisdictionId: boston.id, role: "member_staff" },
      locale: findLocale("es") as Locale,
      inviter: { ...admin, name: "Demo Coalition Admin" },
    });
    const linked = [
      `/account/reset/new?token=${await mailedToken("admin.denver-co@example.org")}`,
      `/account/sign-in/link/verify?token=${await mailedToken("admin.seattle-wa@example.org")}`,
      `/account/invitation?token=${await mailedToken("invitee@example.org")}`,
    ];

    // Sign-ins come from one address (the browser's) and share one rate limit: the admin signs in
    // once per language (to check the code page in each), the others once, then visit in each.
    const visit = async (tab: Page, locale: Locale, path: string) => {
      const response = await tab.goto(baseUrl + locale.prefix + path);
      assert.equal(response?.status(), 200, locale.prefix + path);
      assert.equal(await tab.locator("html").getAttribute("lang"), locale.tag);
      await assertAccessible(tab, locale.prefix + path);
    };
    const as = async (body: (tab: Page) => Promise<void>) => {
      const context = await browser.newContext({ bypassCSP: true });
      try {
        await body(await context.newPage());
      } finally {
        await context.close();
      }
    };
    for (const locale of LOCALES) {
      await as(async (tab) => {
        for (const path of linked) await visit(tab, locale, path);
        await signInAs(tab, "coalition.admin@example.org", locale.prefix, DEMO_TOTP_SECRET);
        for (const path of [
          "/admin",
          "/admin/users",
          "/admin/audit",
          "/admin/profiles",
          "/admin/members",
          "/admin/members/import",
          "/admin/members/boston-ma/edit",
          "/admin/outbox",
          "/admin/content",
          "/admin/content/edit?key=home.mission&locale=es",
          "/account",
          "/account/two-factor",
        ]) {
          await visit(tab, locale, path);
        }
      });
    }
    await as(async (tab) => {
      await signInAs(tab, "regional.staff@example.org", "");
      for (const locale of LOCALES) await visit(tab, locale, "/account/jurisdiction");
    });
    await as(async (tab) => {
      await signInAs(tab, "admin.boston-ma@example.org", "");
      for (const locale of LOCALES) {
        for (const path of ["/account", "/account/team", "/account/profile"]) {
          await visit(tab, locale, path);
        }
        // The enrolment page with its QR code and backup codes.
        await tab.goto(`${baseUrl}${locale.prefix}/account/two-factor`);
        await tab.locator("input[name=password]").fill(DEMO_PASSWORD);
        await tab.locator("main form[method=post] button[type=submit]").first().click();
        await tab.waitForLoadState();
        assert.equal((await tab.locator("svg").count()) > 0, true, "a QR code");
        await assertAccessible(tab, `${locale.prefix}/account/two-factor (enrolling)`);
      }
    });
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
