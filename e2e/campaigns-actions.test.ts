// Issue 11, the other actions in a real browser: a demo member admin RSVPs to an event (and a
// colleague), cancels, and reports a post, in English at 1280 px and in Chinese at 375 px; a
// visitor RSVPs and confirms by the mailed link; coalition staff draft a campaign with a letter
// and an event, an admin publishes it, watches it and publishes its results, in Spanish. axe
// checks every page state; no page scrolls sideways.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { DEMO_TOTP_SECRET } from "../src/accounts/index.js";
import { eventSettings } from "../src/campaigns/event/event.fixtures.js";
import { saveEvent } from "../src/campaigns/event/event.queries.js";
import { replaceMessages } from "../src/campaigns/social/social.queries.js";
import { findLocale, type Locale, translator } from "../src/i18n/index.js";
import { deliveredTo } from "../test/support/accounts.js";
import { browserSkipReason } from "../test/support/browser.js";
import { buildAction, buildCampaign, dayFromNow } from "../test/support/campaigns.js";
import {
  assertSummaryFocused,
  checkPage,
  type Journeys,
  mainText,
  PHONE,
  startJourneys,
  WIDE,
} from "../test/support/journeys.js";

const JOIN_URL = "https://meet.example.org/town-hall";
const MESSAGE = {
  en: "Cities stand together against the public charge rule. #PublicCharge",
  "zh-Hans": "各城市团结一致，反对“公共负担”规则。#PublicCharge",
} as const;

describe("campaign actions in a browser [sqlite]", { skip: browserSkipReason() }, () => {
  let j: Journeys;

  before(async () => {
    j = await startJourneys();
  });

  after(async () => {
    await j?.close();
  });

  /** An open campaign with an event (public RSVPs when asked) and a social push with messages. */
  async function openCampaign(publicRsvp = false) {
    const db = j.database.db;
    const campaign = await buildCampaign(db, {
      texts: {
        en: { title: "Public Charge Week of Action", summary: "Act on the proposed rule." },
        "zh-Hans": { title: "“公共负担”行动周", summary: "就拟议规则采取行动。" },
      },
    });
    const event = await buildAction(db, campaign, "event", { title: "Town hall" });
    await saveEvent(db, event.id, eventSettings({ public_rsvp: publicRsvp ? 1 : 0 }), 0);
    const social = await buildAction(db, campaign, "social", { title: "Post this week" });
    const now = new Date().toISOString();
    await replaceMessages(
      db,
      social.id,
      [
        { platform: "x", locale: "en", body: MESSAGE.en },
        { platform: "x", locale: "zh-Hans", body: MESSAGE["zh-Hans"] },
        { platform: "bluesky", locale: "en", body: MESSAGE.en },
      ],
      now,
    );
    return { campaign, event, social };
  }

  const progress = (t: ReturnType<typeof translator>, count: number) =>
    t("campaigns.progress_goal", { count, goal: 60 });

  const members = [
    { tag: "en", prefix: "", viewport: WIDE, email: "admin.washington-dc@example.org" },
    {
      tag: "zh-Hans",
      prefix: "/zh-hans",
      viewport: PHONE,
      email: "admin.montgomery-county-md@example.org",
    },
  ] as const;

  for (const m of members) {
    it(`lets a member admin RSVP, for a colleague too, cancel and report a post (${m.tag}, ${m.viewport.width} px)`, async () => {
      const t = translator(findLocale(m.tag) as Locale);
      const { campaign, event, social } = await openCampaign();
      const tab = await j.tabAs(m.email, { viewport: m.viewport, prefix: m.prefix });
      const path = `${m.prefix}/campaigns/${campaign.slug}`;
      await tab.goto(`${j.baseUrl}${path}`);
      await checkPage(tab, path);
      const eventPart = tab.locator(`#action-${event.id}`);
      const progressLine = tab.locator("main .cfa-progress");
      assert.equal(await progressLine.textContent(), progress(t, 0));
      // The join link is for those going: not before the RSVP.
      assert.equal(await eventPart.locator(`a[href='${JOIN_URL}']`).count(), 0);

      await eventPart.locator("form[action$='/rsvp']:not(.usa-form) button").click();
      await tab.waitForURL(/done=rsvp/);
      assert.equal(await eventPart.locator(`a[href='${JOIN_URL}']`).count(), 1);
      assert.equal(await progressLine.textContent(), progress(t, 1));
      await checkPage(tab, `${path} (going)`);

      // The member admin RSVPs their colleague (the demo staffer who works for the member).
      const colleague = eventPart.locator("select[name=person]");
      assert.equal(await colleague.count(), 1, "the panel offers a colleague");
      await colleague.selectOption({ label: "Demo regional staffer" });
      await eventPart.locator("form.usa-form[action$='/rsvp'] button").click();
      await tab.waitForLoadState();
      const team = eventPart.locator(".cfa-event-team");
      assert.match((await team.textContent()) ?? "", /Demo regional staffer/);
      await checkPage(tab, `${path} (colleague going)`);

      // Cancelling their own RSVP takes the join link away; the colleague still goes.
      await eventPart.locator("form[action$='/rsvp/cancel']").first().locator("button").click();
      await tab.waitForURL(/done=rsvp_cancelled/);
      assert.equal(await eventPart.locator(`a[href='${JOIN_URL}']`).count(), 0);
      assert.match((await team.textContent()) ?? "", /Demo regional staffer/);
      assert.equal(await progressLine.textContent(), progress(t, 1));
      await checkPage(tab, `${path} (cancelled)`);

      // The share link opens X's composer with the message in the page's language.
      const socialPart = tab.locator(`#action-${social.id}`);
      const share = new URL(
        (await socialPart.locator("a.cfa-social-share").first().getAttribute("href")) ?? "",
      );
      assert.equal(share.origin + share.pathname, "https://x.com/intent/post");
      assert.equal(share.searchParams.get("text"), MESSAGE[m.tag]);

      // A hostile address is refused at its field, the summary taking the focus.
      const hostile = "javascript:alert(document.cookie)";
      await socialPart.locator("select[name=platform]").selectOption("x");
      await socialPart.locator("input[name=url]").fill(hostile);
      await socialPart.locator("form[action$='/report'] button").click();
      await tab.waitForLoadState();
      await assertSummaryFocused(tab);
      assert.equal(await tab.locator("input[name=url]").inputValue(), hostile);
      assert.equal(await tab.locator("input[name=url]").getAttribute("aria-invalid"), "true");
      assert.equal(await tab.locator(`main a[href^='javascript:']`).count(), 0);
      await checkPage(tab, `${path} (report refused)`);

      const post = `https://x.com/cfa_${m.tag === "en" ? "dc" : "mc"}/status/1864000000000000001`;
      await tab.locator("input[name=url]").fill(post);
      await tab.locator("main form[action$='/report'] button").click();
      await tab.waitForURL(/done=reported/);
      assert.ok((await mainText(tab)).includes(post));
      // An RSVP and a post: the member is counted once.
      assert.equal(await progressLine.textContent(), progress(t, 1));
      await checkPage(tab, `${path} (reported)`);
    });
  }

  it("lets a visitor RSVP by e-mail and confirm by the mailed link, on a phone", async () => {
    const t = translator(findLocale("en") as Locale);
    const { campaign, event } = await openCampaign(true);
    const tab = await j.visitor(PHONE);
    const path = `/campaigns/${campaign.slug}`;
    await tab.goto(`${j.baseUrl}${path}`);
    await checkPage(tab, `${path} (signed out)`);
    const eventPart = tab.locator(`#action-${event.id}`);
    assert.equal(await eventPart.locator(`a[href='${JOIN_URL}']`).count(), 0);
    const email = "rosa.visitor@example.net";
    // Markup for a name is refused at its field, the summary taking the focus.
    await eventPart.locator("input[name=name]").fill("<b>Rosa</b>");
    await eventPart.locator("input[name=email]").fill(email);
    await eventPart.locator("form[action$='/public-rsvp'] button").click();
    await tab.waitForLoadState();
    await assertSummaryFocused(tab);
    assert.equal(await eventPart.locator("input[name=name]").getAttribute("aria-invalid"), "true");
    assert.equal(await eventPart.locator("input[name=email]").inputValue(), email);
    assert.equal(j.smtp.messages.filter((m) => m.to.includes(email)).length, 0);
    await checkPage(tab, `${path} (RSVP refused)`);
    await eventPart.locator("input[name=name]").fill("Rosa Visitor");
    await eventPart.locator("form[action$='/public-rsvp'] button").click();
    await tab.waitForURL(/done=rsvp_check_mail/);
    assert.ok((await mainText(tab)).includes(t("campaigns.done.rsvp_check_mail")));
    // Not counted until confirmed.
    assert.equal(
      await eventPart.locator(".cfa-count").textContent(),
      t("campaign-events.count", { going: 0 }),
    );
    await checkPage(tab, `${path} (check your mail)`);

    const mail = (await deliveredTo(j.app, j.smtp, email)).at(-1);
    const link = mail?.text.match(
      /http:\/\/127\.0\.0\.1(\/\S*\/confirm\?token=[A-Za-z0-9_-]+)/,
    )?.[1];
    assert.ok(link, `a confirmation link in: ${mail?.text}`);
    await tab.goto(`${j.baseUrl}${link}`);
    const confirmed = await mainText(tab);
    assert.ok(confirmed.includes(t("campaign-events.confirmed.going")), confirmed);
    assert.ok(confirmed.includes(JOIN_URL));
    await checkPage(tab, "the confirmed RSVP");
    await tab.locator("main a", { hasText: t("campaign-events.confirmed.back") }).click();
    await tab.waitForLoadState();
    assert.equal(
      await eventPart.locator(".cfa-count").textContent(),
      t("campaign-events.count", { going: 1 }),
    );
  });

  it("lets staff draft, publish, watch, close a campaign and publish its results, in Spanish", async () => {
    const t = translator(findLocale("es") as Locale);
    const slug = "semana-de-eventos";
    const admin = `/es/admin/campaigns/${slug}`;
    const editor = await j.tabAs("coalition.editor@example.org", { prefix: "/es" });
    await editor.goto(`${j.baseUrl}/es/admin/campaigns/new`);
    await editor.locator("input[name=slug]").fill(slug);
    await editor.locator("input[name=starts_on]").fill(dayFromNow(-1));
    await editor.locator("input[name=ends_on]").fill(dayFromNow(7));
    for (const [tag, title, summary] of [
      ["en", "Week of events", "Members meet and sign."],
      ["es", "Semana de eventos", "Los miembros se reúnen y firman."],
    ]) {
      await editor.locator(`input[name=title_${tag}]`).fill(title as string);
      await editor.locator(`textarea[name=summary_${tag}]`).fill(summary as string);
    }
    // USWDS draws its own checkbox; the label is what a person clicks.
    await editor.locator("label[for=campaign-ready-es]").click();
    assert.ok(await editor.locator("input[name=ready_es]").isChecked());
    await editor.locator("main form.cfa-campaign-form button[type=submit]").click();
    await editor.waitForURL(/done=created/);
    await checkPage(editor, admin);

    // A letter, then an event with its details.
    for (const [kind, en, es] of [
      ["letter", "Sign the letter", "Firme la carta"],
      ["event", "Town hall", "Asamblea pública"],
    ]) {
      await editor.goto(`${j.baseUrl}${admin}/actions/new`);
      await editor.locator("select[name=kind]").selectOption(kind as string);
      await editor.locator("input[name=title_en]").fill(en as string);
      await editor.locator("input[name=title_es]").fill(es as string);
      await editor.locator("main form button[type=submit]").click();
      await editor.waitForURL(/done=action/);
      await checkPage(editor, `${admin}/actions/… (${kind})`);
    }
    await editor.locator("main a[href$='/event']").click();
    await editor.waitForLoadState();
    await checkPage(editor, `${admin}/actions/…/event`);
    await editor.locator("input[name=starts_at]").fill(`${dayFromNow(3)} 18:00`);
    await editor.locator("input[name=ends_at]").fill(`${dayFromNow(3)} 19:30`);
    await editor.locator("input[name=join_url]").fill(JOIN_URL);
    await editor.locator("main form.usa-form button[type=submit]").first().click();
    await editor.waitForURL(/done=saved/);
    const event = new URL(editor.url()).pathname;
    await checkPage(editor, `${admin}/actions/…/event (saved)`);
    // An editor does not publish.
    await editor.goto(`${j.baseUrl}${admin}`);
    assert.equal(await editor.locator("button[name=to]").count(), 0);

    const staff = await j.tabAs("coalition.admin@example.org", {
      prefix: "/es",
      totpSecret: DEMO_TOTP_SECRET,
    });
    const move = async (to: "published" | "closed" | "results") => {
      await staff.goto(`${j.baseUrl}${admin}`);
      await staff.locator(`button[name=to][value=${to}]`).click();
      await staff.waitForURL(new RegExp(`done=${to}`));
      assert.ok((await mainText(staff)).includes(t(`campaigns.admin.done.${to}`)));
      await checkPage(staff, `${admin} (${to})`);
    };
    await move("published");
    await staff.goto(`${j.baseUrl}/es/admin/outbox`);
    assert.match(
      await mainText(staff),
      /(New campaign: Week of events|Nueva campaña: Semana de eventos)/,
    );
    await checkPage(staff, "/es/admin/outbox");

    // A member signs the letter; the dashboard shows it, at 1280 px and on a phone. Washington,
    // DC carries its state in its name: it is not named "Washington, DC, DC".
    const member = await j.tabAs("admin.washington-dc@example.org", { prefix: "/es" });
    await member.goto(`${j.baseUrl}/es/campaigns/${slug}`);
    await checkPage(member, `/es/campaigns/${slug}`);
    await member.locator("input[name=signer_name]").fill("Ana Ruiz");
    await member.locator("input[name=signer_title]").fill("Alcaldesa");
    await member.locator("main form[action$='/sign'] button").click();
    await member.waitForURL(/done=signed/);
    await checkPage(member, `/es/campaigns/${slug} (signed)`);

    const dashboard = `${admin}/dashboard`;
    for (const viewport of [WIDE, PHONE]) {
      await staff.setViewportSize(viewport);
      await staff.goto(`${j.baseUrl}${dashboard}`);
      assert.match(await mainText(staff), /Washington, DC/);
      assert.doesNotMatch(await mainText(staff), /Washington, DC, DC/);
      await checkPage(staff, `${dashboard} (${viewport.width} px)`);
    }
    // The staff pages of the campaign on a phone too.
    for (const page of [admin, event, `${event}/rsvps`, "/es/admin/outbox"]) {
      await staff.goto(`${j.baseUrl}${page}`);
      await checkPage(staff, `${page} (${PHONE.width} px)`);
    }
    await staff.setViewportSize(WIDE);
    await move("closed");
    await move("results");

    const visitor: Page = await j.visitor(PHONE);
    await visitor.goto(`${j.baseUrl}/es/campaigns/${slug}/results`);
    const results = await mainText(visitor);
    assert.ok(results.includes(t("campaigns.results.summary", { count: 1 })), results);
    assert.match(results, /Washington, DC/);
    assert.doesNotMatch(results, /Washington, DC, DC/);
    await checkPage(visitor, `/es/campaigns/${slug}/results`);
  });
});
