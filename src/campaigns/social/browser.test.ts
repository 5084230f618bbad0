// The social push in a real browser: staff type a message and see it counted by its platform's
// rule as they type (the committed counter bundle, as served), at 375 px; a member reports a post
// on a phone in Chinese. axe checks each page; none scrolls sideways.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { FastifyInstance } from "fastify";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { TEST_PASSWORD } from "../../../test/support/accounts.js";
import { testConfig } from "../../../test/support/app.js";
import { axeViolations, browserSkipReason, launchBrowser } from "../../../test/support/browser.js";
import { buildMember, buildPerson } from "../../../test/support/builders.js";
import { buildAction, buildCampaign } from "../../../test/support/campaigns.js";
import { createTestDatabase } from "../../../test/support/databases.js";
import { buildApp } from "../../app.js";
import { type Database, openDatabase } from "../../db/index.js";

const PHONE = { width: 375, height: 800 };

describe("the social push in a browser [sqlite]", { skip: browserSkipReason() }, () => {
  let database: Database;
  let drop: (() => Promise<void>) | undefined;
  let app: FastifyInstance;
  let baseUrl: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const emails = { editor: "", member: "" };
  let slug = "";
  let actionId = "";

  before(async () => {
    const testDb = await createTestDatabase("sqlite");
    drop = testDb.drop;
    const config = testConfig({ PUBLIC_URL: "http://127.0.0.1" }, testDb.settings);
    database = openDatabase(config.database);
    app = await buildApp(config, { database });
    baseUrl = await app.listen({ host: "127.0.0.1", port: 0 });
    browser = await launchBrowser();
    const tucson = await buildMember(database.db, { name: "Tucson", state: "AZ" });
    emails.member = (
      await buildPerson(database.db, { jurisdiction: tucson, membershipRole: "member_staff" })
    ).email;
    emails.editor = (await buildPerson(database.db, { role: "coalition_editor" })).email;
    const campaign = await buildCampaign(database.db, {
      texts: { "zh-Hans": { title: "“公共负担”行动周", summary: "就拟议规则采取行动。" } },
    });
    slug = campaign.slug;
    actionId = (await buildAction(database.db, campaign, "social", { title: "Post this week" })).id;
  });

  after(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await app?.close();
    await database?.close();
    await drop?.();
  });

  async function tabAs(email: string, prefix = ""): Promise<Page> {
    const context = await browser.newContext({ viewport: PHONE, bypassCSP: true });
    contexts.push(context);
    const tab = await context.newPage();
    await tab.goto(`${baseUrl}${prefix}/account/sign-in`);
    await tab.locator("input[name=email]").fill(email);
    await tab.locator("input[name=password]").fill(TEST_PASSWORD);
    await tab.locator("main form[method=post] button[type=submit]").first().click();
    await tab.waitForLoadState();
    return tab;
  }

  async function check(tab: Page, label: string) {
    const violations = await axeViolations(tab);
    assert.deepEqual(violations, [], `axe on ${label}:\n${violations.join("\n")}`);
    const widths = await tab.evaluate(() => {
      const g = globalThis as unknown as {
        innerWidth: number;
        document: { documentElement: { scrollWidth: number } };
      };
      return { scroll: g.document.documentElement.scrollWidth, inner: g.innerWidth };
    });
    assert.ok(
      widths.scroll <= widths.inner,
      `${label} scrolls sideways: ${JSON.stringify(widths)}`,
    );
  }

  it("counts a message as staff type it, and refuses it over the limit on save", async () => {
    const tab = await tabAs(emails.editor);
    const path = `/admin/campaigns/${slug}/actions/${actionId}/messages`;
    await tab.goto(`${baseUrl}${path}`);
    await check(tab, path);
    const x = tab.locator("textarea[name=msg_x_en]");
    await x.fill("移".repeat(141));
    const seen = tab.locator("#social-msg-x-en-count").locator("xpath=preceding-sibling::*[1]");
    assert.equal(await seen.textContent(), "282 of 280 characters: 2 too many");
    assert.equal(await x.getAttribute("aria-invalid"), "true");
    await tab.locator("main form button[type=submit]").click();
    await tab.waitForLoadState();
    assert.match((await tab.locator("main").textContent()) ?? "", /282 of 280 characters/);
    assert.equal(await x.inputValue(), "移".repeat(141), "kept as typed");
    await check(tab, `${path} (refused)`);
    await x.fill("Cities stand together. https://example.org/a/very/long/address/that/goes/on");
    await tab.locator("main form button[type=submit]").click();
    await tab.waitForLoadState();
    assert.match((await tab.locator("main").textContent()) ?? "", /The messages are saved/);
  });

  it("lets member staff report a post on a phone, in Chinese", async () => {
    const tab = await tabAs(emails.member, "/zh-hans");
    const path = `/zh-hans/campaigns/${slug}`;
    await tab.goto(`${baseUrl}${path}`);
    await check(tab, path);
    // The copy button (site.js) puts the message on the clipboard and says so.
    await tab
      .context()
      .grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseUrl });
    await tab.locator("main button[data-copy]").first().click();
    await tab.locator(".cfa-social-copied", { hasText: "已复制。" }).first().waitFor();
    const copied = await tab.evaluate(() =>
      (
        globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
      ).navigator.clipboard.readText(),
    );
    assert.match(copied, /^Cities stand together\./);
    await tab.locator("select[name=platform]").selectOption("x");
    const url = "https://x.com/tucson_az/status/1864000000000000001";
    await tab.locator("input[name=url]").fill(url);
    await tab.locator("main form[action$='/report'] button").click();
    await tab.waitForLoadState();
    const main = (await tab.locator("main").textContent()) ?? "";
    assert.ok(main.includes(url), main.slice(0, 400));
    await check(tab, `${path} (reported)`);
  });
});
