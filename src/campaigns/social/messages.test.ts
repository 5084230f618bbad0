import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { csrfTokenOf, signIn } from "../../../test/support/accounts.js";
import { describeEachDatabase } from "../../../test/support/app.js";
import { buildMember, buildPerson } from "../../../test/support/builders.js";
import { buildAction, buildCampaign, type Campaign } from "../../../test/support/campaigns.js";
import { text } from "../../../test/support/html.js";

describeEachDatabase("staff writing a social push's messages", { seed: false }, (ctx) => {
  const db = () => ctx.database.db;
  let editor: string;
  let member: string;
  let campaign: Campaign;
  let social: { id: string };
  let letter: { id: string };
  const url = (locale = "") =>
    `${locale}/admin/campaigns/${campaign.slug}/actions/${social.id}/messages`;

  before(async () => {
    const person = await buildPerson(db(), { role: "coalition_editor" });
    editor = await signIn(ctx.app, person.email);
    const tucson = await buildMember(db(), { name: "Tucson", state: "AZ" });
    const staff = await buildPerson(db(), { jurisdiction: tucson, membershipRole: "member_admin" });
    member = await signIn(ctx.app, staff.email);
    campaign = await buildCampaign(db());
    social = await buildAction(db(), campaign, "social", { title: "Post this week" });
    letter = await buildAction(db(), campaign, "letter");
  });

  async function save(fields: Record<string, string>, locale = "", cookie = editor) {
    const csrf = await csrfTokenOf(ctx.app, url(locale), cookie);
    return ctx.app.inject({
      method: "POST",
      url: url(locale),
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
    });
  }

  const rows = () =>
    db()
      .selectFrom("social_messages")
      .selectAll()
      .where("action_id", "=", social.id)
      .orderBy("platform")
      .orderBy("locale")
      .execute();

  it("shows a field per platform and language with the as-you-type counter", async () => {
    const res = await ctx.app.inject({ url: url(), headers: { cookie: editor } });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<script src="\/assets\/social-counter.js" defer><\/script>/);
    assert.match(res.body, /name="msg_x_en"[^>]*data-count-platform="x"/);
    assert.match(res.body, /name="msg_linkedin_zh-Hans"[^>]*lang="zh-Hans"/);
    assert.match(
      res.body,
      /aria-live="polite" data-count-template="\{count\} of \{limit\} characters"/,
    );
    assert.match(text(res.body), /0 of 280 characters/);
    const es = await ctx.app.inject({ url: url("/es"), headers: { cookie: editor } });
    assert.match(es.body, /data-count-template="\{count\} de \{limit\} caracteres"/);
  });

  it("is linked from the action's page, and only for a social action", async () => {
    const page = (id: string) =>
      ctx.app.inject({
        url: `/admin/campaigns/${campaign.slug}/actions/${id}`,
        headers: { cookie: editor },
      });
    assert.match((await page(social.id)).body, /actions\/[0-9a-f-]+\/messages"/);
    assert.doesNotMatch((await page(letter.id)).body, /\/messages"/);
    const other = await ctx.app.inject({
      url: `/admin/campaigns/${campaign.slug}/actions/${letter.id}/messages`,
      headers: { cookie: editor },
    });
    assert.equal(other.statusCode, 404);
  });

  it("refuses a post over X's limit with '301 of 280 characters', keeping everything typed", async () => {
    const before = await rows();
    const res = await save({ msg_x_en: "a".repeat(301), msg_bluesky_es: "Hola, Bluesky" });
    assert.equal(res.statusCode, 422);
    assert.match(text(res.body), /301 of 280 characters: 21 too many for X/);
    assert.match(res.body, /<title>Error:/);
    assert.match(res.body, />Hola, Bluesky<\/textarea>/);
    assert.match(res.body, new RegExp(`>${"a".repeat(301)}</textarea>`));
    assert.match(res.body, /href="#social-msg-x-en"/, "the summary links to the field");
    assert.deepEqual(await rows(), before, "nothing is saved");
  });

  it("counts a Chinese X message by twitter-text's weights (2 a character), in Chinese too", async () => {
    const over = await save({ "msg_x_zh-Hans": "移".repeat(141) }, "/zh-hans");
    assert.equal(over.statusCode, 422);
    assert.match(text(over.body), /282\/280 个字符：超出 X 的上限 2 个/);
    const fits = await save({ "msg_x_zh-Hans": "移".repeat(140) });
    assert.equal(fits.statusCode, 303);
    const saved = await rows();
    assert.equal(saved.find((r) => r.platform === "x")?.body, "移".repeat(140));
  });

  it("saves, replaces and removes messages, and audits the change", async () => {
    const first = await save({
      msg_x_en: "Cities stand together. https://example.org/campaign",
      msg_bluesky_es: "Las ciudades, unidas.",
    });
    assert.equal(first.statusCode, 303);
    assert.match(String(first.headers.location), /\/messages\?done=saved$/);
    assert.deepEqual(
      (await rows()).map((r) => [r.platform, r.locale, r.body]),
      [
        ["bluesky", "es", "Las ciudades, unidas."],
        ["x", "en", "Cities stand together. https://example.org/campaign"],
      ],
    );
    const second = await save({ msg_x_en: "Shorter." });
    assert.equal(second.statusCode, 303);
    assert.deepEqual(
      (await rows()).map((r) => [r.platform, r.locale, r.body]),
      [["x", "en", "Shorter."]],
    );
    const audit = await db()
      .selectFrom("audit_log")
      .selectAll()
      .where("entity_id", "=", social.id)
      .where("action", "=", "campaign.social.messages")
      .execute();
    assert.ok(audit.length >= 2);
    const shown = await ctx.app.inject({ url: `${url()}?done=saved`, headers: { cookie: editor } });
    assert.match(text(shown.body), /The messages are saved/);
    assert.match(shown.body, />Shorter\.<\/textarea>/);
  });

  it("refuses markup and member staff", async () => {
    const markup = await save({ msg_threads_en: "<script>alert(1)</script>" });
    assert.equal(markup.statusCode, 422);
    const page = await ctx.app.inject({ url: url(), headers: { cookie: member } });
    assert.equal(page.statusCode, 403);
  });

  describe("an archived campaign", () => {
    it("keeps its messages as they were", async () => {
      const archived = await buildCampaign(db(), { status: "archived" });
      const action = await buildAction(db(), archived, "social");
      const path = `/admin/campaigns/${archived.slug}/actions/${action.id}/messages`;
      const csrf = await csrfTokenOf(ctx.app, path, editor);
      const res = await ctx.app.inject({
        method: "POST",
        url: path,
        headers: { cookie: editor, "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams({ _csrf: csrf, msg_x_en: "Late" }).toString(),
      });
      assert.equal(res.statusCode, 409);
    });
  });
});
