// Issue 12 in a real browser, in Spanish: from a rule on the watch list to a comment filed on
// Regulations.gov (a local server following its contract). An editor starts a campaign from the
// rule, an admin publishes it, a member admin makes the template their own (a comment over the
// limit is refused, the summary focused, the text kept), saves, approves and files it; the job
// runner sends it and the tracking number shows on the comment and the campaign. axe checks
// every page state; no page scrolls sideways, at 1280 px and on a phone.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { DEMO_TOTP_SECRET } from "../src/accounts/index.js";
import { FILING_JOB } from "../src/campaigns/comment/filing/filing.service.js";
import { findLocale, translator } from "../src/i18n/index.js";
import { browserSkipReason } from "../test/support/browser.js";
import { buildRule } from "../test/support/comments.js";
import {
  assertSummaryFocused,
  checkPage,
  type Journeys,
  mainText,
  PHONE,
  startJourneys,
} from "../test/support/journeys.js";
import {
  type FakeRegulationsServer,
  startRegulationsServer,
} from "../test/support/regulations-server.js";

const es = findLocale("es");
if (!es) throw new Error("no Spanish locale");
const t = translator(es);

const OWN_WORDS =
  "Boston acoge a miles de familias inmigrantes que trabajan en nuestros hospitales, escuelas y " +
  "pequeños negocios. Nuestra oficina de asuntos de inmigrantes atiende cada semana a madres y " +
  "padres que temen pedir ayuda. Esta propuesta haría que muchas familias renunciaran a servicios " +
  "a los que tienen derecho, con costos para la salud pública de toda la ciudad.";

describe("a comment on a federal rule, from the watch list to Regulations.gov [sqlite]", {
  skip: browserSkipReason(),
}, () => {
  let j: Journeys;
  let regulations: FakeRegulationsServer;

  before(async () => {
    regulations = await startRegulationsServer();
    j = await startJourneys({
      REGULATIONS_GOV_URL: regulations.url,
      REGULATIONS_GOV_API_KEY: regulations.key,
    });
  });

  after(async () => {
    await j?.close();
    await regulations?.close();
  });

  it("goes from the rule to a filed comment with its tracking number, in Spanish", async () => {
    const rule = await buildRule(j.database.db, {
      title: "Inadmissibility on Public Charge Grounds",
      regulations_document_id: "USCIS-2026-0042-0001",
    });
    regulations.documents.set("USCIS-2026-0042-0001", {
      objectId: "0900006483a1b2c3",
      comments: 17,
    });

    // An editor starts a campaign from the rule on the watch list.
    const editor = await j.tabAs("coalition.editor@example.org", { prefix: "/es" });
    await editor.goto(`${j.baseUrl}/es/rules`);
    await checkPage(editor, "/es/rules (staff)");
    await editor
      .locator("form", { has: editor.locator(`input[name=rule][value="${rule.id}"]`) })
      .filter({ hasText: t("rules.staff.start_campaign") })
      .locator("button")
      .click();
    await editor.waitForURL(/\/es\/admin\/campaigns\/comments-.*done=created/);
    const admin = new URL(editor.url()).pathname;
    const slug = admin.split("/").pop() ?? "";
    await checkPage(editor, admin);

    // An admin publishes it.
    const staff = await j.tabAs("coalition.admin@example.org", {
      prefix: "/es",
      totpSecret: DEMO_TOTP_SECRET,
    });
    await staff.goto(`${j.baseUrl}${admin}`);
    await staff.locator("button[name=to][value=published]").click();
    await staff.waitForURL(/done=published/);

    // A member admin writes Boston's comment from the template.
    const member = await j.tabAs("admin.boston-ma@example.org", { prefix: "/es" });
    await member.goto(`${j.baseUrl}/es/campaigns/${slug}`);
    await checkPage(member, `/es/campaigns/${slug}`);
    await member
      .getByRole("link", { name: t("campaign-comments.panel.write", { member: "Boston" }) })
      .click();
    await member.waitForURL(/\/comment$/);
    await checkPage(member, "the comment page (template)");
    const box = member.locator("textarea[name=body]");
    const template = await box.inputValue();
    assert.match(template, /Boston, MA/);
    assert.match(template, /Inadmissibility on Public Charge Grounds/);

    // Over the limit: refused with the reason, the text kept, the summary focused.
    await box.fill("a".repeat(5001));
    await member.locator("form.cfa-comment-form button[type=submit]").click();
    await member.waitForLoadState();
    await assertSummaryFocused(member);
    assert.match(await mainText(member), /5\.?,?001/);
    assert.equal((await box.inputValue()).length, 5001);
    await checkPage(member, "the comment page (refused)");

    // Typing saves by itself a moment later (public/site.js); Save then finds nothing new.
    // What the template left in brackets is filled in; a third and more is Boston's own.
    const filled = template.replace(/\[[^\]\n]{3,}\]/g, "Michelle Wu");
    await box.fill(`${filled}\n\n${OWN_WORDS}`);
    await member
      .locator(".cfa-autosave-status", { hasText: t("campaign-comments.form.saved") })
      .waitFor({ timeout: 10_000 });
    assert.equal(await member.locator("input[name=version]").inputValue(), "1");
    await member.locator("form.cfa-comment-form button[type=submit]").click();
    await member.waitForURL(/done=saved/);
    assert.ok((await mainText(member)).includes(t("campaign-comments.done.saved")));
    await checkPage(member, "the comment page (saved)");

    await member
      .getByRole("button", { name: t("campaign-comments.approve.button", { version: 1 }) })
      .click();
    await member.waitForURL(/done=approved/);
    await checkPage(member, "the comment page (approved)");
    await member.getByRole("button", { name: t("campaign-comments.file.button") }).click();
    await member.waitForURL(/done=queued/);
    await checkPage(member, "the comment page (queued)");

    // The job runner sends it.
    const report = await j.app.jobs.runDue({ names: [FILING_JOB] });
    assert.equal(report.succeeded, 1);
    const [tracking] = [...regulations.accepted.keys()];
    assert.ok(tracking, "Regulations.gov accepted one comment");
    const sent = regulations.accepted.get(tracking) ?? {};
    assert.equal(sent.submitterType, "ORGANIZATION");
    assert.match(String(sent.organization), /Boston/);
    assert.ok(String(sent.comment).includes(OWN_WORDS));

    await member.reload();
    assert.ok((await mainText(member)).includes(tracking));
    await checkPage(member, "the comment page (filed)");
    await member.setViewportSize(PHONE);
    await checkPage(member, "the comment page (filed, phone)");

    const visitor = await j.visitor(PHONE);
    await visitor.goto(`${j.baseUrl}/es/campaigns/${slug}`);
    const shown = await mainText(visitor);
    assert.ok(shown.includes(tracking));
    assert.match(shown, /1 miembro/);
    await checkPage(visitor, `/es/campaigns/${slug} (phone)`);
  });
});
