import assert from "node:assert/strict";
import { before, beforeEach, describe, it } from "node:test";
import { csrfTokenOf, signIn } from "../../../test/support/accounts.js";
import { describeEachDatabase } from "../../../test/support/app.js";
import { buildMember, buildPerson } from "../../../test/support/builders.js";
import {
  buildAction,
  buildCampaign,
  type Campaign,
  dayFromNow,
} from "../../../test/support/campaigns.js";
import { text } from "../../../test/support/html.js";

const POST = "https://x.com/tucsonaz/status/1864000000000000001";

describeEachDatabase("a social push on the campaign page", { seed: false }, (ctx) => {
  const db = () => ctx.database.db;
  let tucson: { id: string };
  let phoenix: { id: string };
  /** Sign-in cookies: Tucson's administrator and staff, Phoenix's staff, a coalition editor. */
  const who: Record<"admin" | "staff" | "phoenix" | "editor", string> = {
    admin: "",
    staff: "",
    phoenix: "",
    editor: "",
  };
  let campaign: Campaign;
  let social: { id: string };

  /** A campaign of its own with one social push and its messages, so each test starts empty. */
  async function freshPush() {
    campaign = await buildCampaign(db(), { texts: { es: { title: "Semana de acción" } } });
    social = await buildAction(db(), campaign, "social", { title: "Post this week" });
    const now = new Date().toISOString();
    const message = (platform: "x" | "bluesky" | "instagram", locale: string, body: string) => ({
      id: crypto.randomUUID(),
      action_id: social.id,
      platform,
      locale,
      body,
      updated_at: now,
    });
    await db()
      .insertInto("social_messages")
      .values([
        message("x", "en", "Cities stand with immigrants & families. #PublicCharge"),
        message("x", "es", "Las ciudades, con las familias inmigrantes."),
        message("bluesky", "en", "Cities stand together on Bluesky."),
        message("instagram", "en", "Cities stand together on Instagram."),
      ])
      .execute();
  }

  before(async () => {
    tucson = await buildMember(db(), { name: "Tucson", state: "AZ" });
    phoenix = await buildMember(db(), { name: "Phoenix", state: "AZ" });
    const people = {
      admin: await buildPerson(db(), { jurisdiction: tucson, membershipRole: "member_admin" }),
      staff: await buildPerson(db(), { jurisdiction: tucson, membershipRole: "member_staff" }),
      phoenix: await buildPerson(db(), { jurisdiction: phoenix, membershipRole: "member_staff" }),
      editor: await buildPerson(db(), { role: "coalition_editor" }),
    };
    for (const [key, person] of Object.entries(people)) {
      who[key as keyof typeof who] = await signIn(ctx.app, person.email);
    }
  });
  beforeEach(freshPush);

  const page = (cookie = "", locale = "") =>
    ctx.app.inject({ url: `${locale}/campaigns/${campaign.slug}`, headers: { cookie } });

  async function report(
    cookie: string,
    fields: Record<string, string>,
    locale = "",
    target: Campaign = campaign,
    action: { id: string } = social,
  ) {
    const csrf = await csrfTokenOf(ctx.app, `/campaigns/${campaign.slug}`, cookie);
    return ctx.app.inject({
      method: "POST",
      url: `${locale}/campaigns/${target.slug}/actions/${action.id}/report`,
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
    });
  }

  const posts = () =>
    db().selectFrom("social_posts").selectAll().where("action_id", "=", social.id).execute();
  const participations = () =>
    db()
      .selectFrom("participations")
      .selectAll()
      .where("action_id", "=", social.id)
      .where("withdrawn_at", "is", null)
      .execute();

  it("shows every message with its count and the link to each platform's composer", async () => {
    const res = await page();
    assert.equal(res.statusCode, 200);
    const body = text(res.body);
    assert.match(body, /Cities stand with immigrants & families\. #PublicCharge/);
    assert.match(body, /54 of 280 characters/);
    const intent = `https://x.com/intent/post?text=${encodeURIComponent(
      "Cities stand with immigrants & families. #PublicCharge",
    )}`;
    assert.ok(res.body.includes(`href="${intent.replaceAll("&", "&amp;")}"`), "the X intent");
    assert.match(res.body, /href="https:\/\/bsky\.app\/intent\/compose\?text=Cities%20stand/);
    assert.match(body, /Instagram has no link that fills in a message/);
    assert.match(res.body, /<textarea[^>]*readonly/);
  });

  it("puts the viewer's language first and marks the others with their language", async () => {
    const res = await page("", "/es");
    const es = res.body.indexOf("Las ciudades, con las familias");
    const en = res.body.indexOf("Cities stand with immigrants");
    assert.ok(es > 0 && en > es, "Spanish first");
    assert.match(res.body, /lang="en"[^>]*>Cities stand with immigrants/);
    assert.match(text(res.body), /En otros idiomas: inglés/);
    assert.match(text(res.body), /Publicarlo en X/);
  });

  it("offers member staff the report form, and records a post once however often it is sent", async () => {
    const form = await page(who.staff);
    assert.match(form.body, /action="\/campaigns\/[^"]+\/report"/);
    assert.doesNotMatch((await page()).body, /\/report"/, "not to a visitor");
    const fields = { jurisdiction: tucson.id, platform: "x", url: POST };
    const [a, b] = await Promise.all([report(who.staff, fields), report(who.admin, fields)]);
    assert.equal(a.statusCode, 303);
    assert.equal(b.statusCode, 303);
    assert.match(String(a.headers.location), /\?done=reported#action-/);
    const again = await report(who.staff, { ...fields, url: `${POST}?s=20` });
    assert.equal(again.statusCode, 303, "a share tracker is the same post");
    const rows = await posts();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.url, POST);
    assert.equal((await participations()).length, 1);
    const after = text((await page(who.staff)).body);
    assert.match(after, /Posts reported for Tucson/);
    assert.ok(after.includes(POST));
    assert.match(after, /1 post has been reported/);
  });

  it("counts a member once for several posts, and shows each member only its own", async () => {
    await report(who.staff, { jurisdiction: tucson.id, platform: "x", url: POST });
    const bsky = "https://bsky.app/profile/tucson.bsky.social/post/3lbxyzabc22";
    await report(who.admin, { jurisdiction: tucson.id, platform: "bluesky", url: bsky });
    const mastodon = "https://mastodon.social/@phoenix/113500000000000001";
    const res = await report(who.phoenix, {
      jurisdiction: phoenix.id,
      platform: "mastodon",
      url: mastodon,
    });
    assert.equal(res.statusCode, 303);
    assert.equal((await posts()).length, 3);
    const counted = await participations();
    assert.deepEqual(counted.map((p) => p.jurisdiction_id).sort(), [tucson.id, phoenix.id].sort());
    const phoenixView = text((await page(who.phoenix)).body);
    assert.ok(phoenixView.includes(mastodon));
    assert.ok(!phoenixView.includes(bsky), "not another member's posts");
    assert.match(phoenixView, /3 posts have been reported/);
    const staffView = text((await page(who.editor)).body);
    assert.match(staffView, /Posts reported by members/);
    assert.match(staffView, /Bluesky, by Tucson, AZ/);
    assert.match(staffView, /Mastodon, by Phoenix, AZ/);
  });

  it("refuses addresses that are not a post of the platform, at the field, translated", async () => {
    const hostile = [
      ["x", "http://x.com/tucsonaz/status/1"],
      ["x", "javascript:alert(1)//x.com/a/status/1"],
      ["bluesky", POST],
      ["x", "https://x.com.evil.example/tucsonaz/status/1"],
      ["x", "https://user@x.com/tucsonaz/status/1"],
      ["x", "https://x.com/tucsonaz/status/1\u202e"],
      ["mastodon", "https://x.com/@tucsonaz/1"],
      ["facebook", "https://www.facebook.com/"],
      ["x", "not an address"],
    ];
    for (const [platform, url] of hostile) {
      const res = await report(
        who.staff,
        { jurisdiction: tucson.id, platform: platform ?? "", url: url ?? "" },
        "/es",
      );
      assert.equal(res.statusCode, 422, `${platform} ${url}`);
      assert.match(text(res.body), /Escriba la dirección de una publicación en/, String(url));
      assert.match(res.body, /href="#report-[0-9a-f]{8}-url"/);
    }
    const markup = await report(who.staff, {
      jurisdiction: tucson.id,
      platform: "myspace",
      url: "<b>",
    });
    assert.equal(markup.statusCode, 422);
    assert.match(text(markup.body), /Choose the platform you posted on/);
    assert.equal((await posts()).length, 0);
    assert.equal((await participations()).length, 0);
  });

  it("refuses a post another member reported, and a form for another jurisdiction", async () => {
    await report(who.staff, { jurisdiction: tucson.id, platform: "x", url: POST });
    const taken = await report(who.phoenix, { jurisdiction: phoenix.id, platform: "x", url: POST });
    assert.equal(taken.statusCode, 422);
    assert.match(text(taken.body), /Another member has already reported this post/);
    assert.deepEqual(
      (await participations()).map((p) => p.jurisdiction_id),
      [tucson.id],
    );
    const other = await report(who.staff, { jurisdiction: phoenix.id, platform: "x", url: POST });
    assert.equal(other.statusCode, 403);
  });

  describe("a closed campaign", () => {
    let closed: Campaign;
    let closedPush: { id: string };
    before(async () => {
      closed = await buildCampaign(db(), { starts_on: dayFromNow(-14), ends_on: dayFromNow(-2) });
      closedPush = await buildAction(db(), closed, "social");
    });

    it("refuses a report with a translated 409, records nothing and offers no form", async () => {
      const res = await report(
        who.staff,
        { jurisdiction: tucson.id, platform: "x", url: POST },
        "/es",
        closed,
        closedPush,
      );
      assert.equal(res.statusCode, 409);
      assert.match(text(res.body), /Esta campaña está cerrada/);
      const rows = await db()
        .selectFrom("social_posts")
        .select("id")
        .where("action_id", "=", closedPush.id)
        .execute();
      assert.equal(rows.length, 0);
      const shown = await ctx.app.inject({
        url: `/campaigns/${closed.slug}`,
        headers: { cookie: who.staff },
      });
      assert.doesNotMatch(shown.body, /\/report"/);
    });
  });
});
