import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { csrfTokenOf, signIn } from "../../test/support/accounts.js";
import { describeEachDatabase } from "../../test/support/app.js";
import { buildPerson, type Person } from "../../test/support/builders.js";
import { text } from "../../test/support/html.js";
import { seedDemo } from "../seed-demo.js";
import { shownStatus } from "./campaign.status.js";
import { DEMO_CAMPAIGN_SLUGS, seedDemoCampaigns } from "./index.js";

describeEachDatabase("the demo campaigns", {}, (ctx) => {
  const db = () => ctx.database.db;
  const campaigns = () => db().selectFrom("campaigns").selectAll().orderBy("slug").execute();
  const bySlug = async (slug: string) =>
    db().selectFrom("campaigns").selectAll().where("slug", "=", slug).executeTakeFirstOrThrow();
  const actionsOf = (slug: string) =>
    db()
      .selectFrom("campaign_actions")
      .innerJoin("campaigns", "campaigns.id", "campaign_actions.campaign_id")
      .select(["campaign_actions.id", "campaign_actions.kind"])
      .where("campaigns.slug", "=", slug)
      .orderBy("campaign_actions.position")
      .execute();
  const counts = async () => {
    const [c, p, e, s] = await Promise.all([
      db().selectFrom("campaigns").select(db().fn.countAll<number>().as("n")).executeTakeFirst(),
      db()
        .selectFrom("participations")
        .select(db().fn.countAll<number>().as("n"))
        .executeTakeFirst(),
      db()
        .selectFrom("event_details")
        .select(db().fn.countAll<number>().as("n"))
        .executeTakeFirst(),
      db()
        .selectFrom("social_messages")
        .select(db().fn.countAll<number>().as("n"))
        .executeTakeFirst(),
    ]);
    return [c, p, e, s].map((row) => Number(row?.n));
  };

  it("seeds the coalition's two past actions and one open campaign, all labelled demo", async () => {
    const rows = await campaigns();
    assert.deepEqual(rows.map((r) => r.slug).sort(), Object.values(DEMO_CAMPAIGN_SLUGS).sort());
    assert.ok(rows.every((r) => r.is_demo === 1));
    const parts = await db().selectFrom("participations").select("is_demo").execute();
    assert.ok(parts.length > 0);
    assert.ok(parts.every((p) => p.is_demo === 1));
    const texts = await db().selectFrom("campaign_texts").select(["locale", "status"]).execute();
    assert.equal(texts.length, 9, "three languages for each of three campaigns");
    assert.ok(texts.every((t) => t.status === "ready"));
  });

  it("the week of action is closed with its results published: a letter, an event, a social push", async () => {
    const campaign = await bySlug(DEMO_CAMPAIGN_SLUGS.publicCharge);
    assert.equal(shownStatus(campaign, new Date()), "closed");
    assert.ok(campaign.results_published_at);
    assert.deepEqual(
      (await actionsOf(campaign.slug)).map((a) => a.kind),
      ["letter", "event", "social"],
    );
    const flores = await bySlug(DEMO_CAMPAIGN_SLUGS.flores);
    assert.equal(shownStatus(flores, new Date()), "closed");
    assert.deepEqual(
      (await actionsOf(flores.slug)).map((a) => a.kind),
      ["comment"],
    );
    const res = await ctx.app.inject({ url: `/campaigns/${campaign.slug}/results` });
    assert.equal(res.statusCode, 200);
    assert.match(text(res.body), /demo/i);
  });

  it("the open campaign is open today, with its event ahead and messages in every language", async () => {
    const open = await bySlug(DEMO_CAMPAIGN_SLUGS.open);
    assert.equal(shownStatus(open, new Date()), "open");
    const [letter, event, social] = await actionsOf(open.slug);
    assert.equal(letter?.kind, "letter");
    const details = await db()
      .selectFrom("event_details")
      .selectAll()
      .where("action_id", "=", event?.id ?? "")
      .executeTakeFirstOrThrow();
    assert.ok(new Date(details.starts_at) > new Date());
    assert.equal(details.join_url, null, "no made-up link");
    const messages = await db()
      .selectFrom("social_messages")
      .select("locale")
      .where("action_id", "=", social?.id ?? "")
      .execute();
    assert.deepEqual(new Set(messages.map((m) => m.locale)), new Set(["en", "es", "zh-Hans"]));
  });

  it("shows the campaigns in Spanish and Chinese", async () => {
    const es = text((await ctx.app.inject({ url: "/es/campaigns" })).body);
    assert.match(es, /Semana de acción sobre la «carga pública»/);
    assert.match(es, /Soluciones para los titulares de TPS y DED/);
    const zh = text(
      (await ctx.app.inject({ url: `/zh-hans/campaigns/${DEMO_CAMPAIGN_SLUGS.flores}` })).body,
    );
    assert.match(zh, /85 份意见/);
  });

  describe("a demo member's admin", () => {
    let admin: Person;
    let houston: { id: string };
    before(async () => {
      houston = await db()
        .selectFrom("jurisdictions")
        .select("id")
        .where("slug", "=", "houston-tx")
        .executeTakeFirstOrThrow();
      admin = await buildPerson(db(), { jurisdiction: houston, membershipRole: "member_admin" });
    });

    it("can sign the open campaign's letter, which nobody has signed yet", async () => {
      const [letter] = await actionsOf(DEMO_CAMPAIGN_SLUGS.open);
      const before = await db()
        .selectFrom("participations")
        .select("id")
        .where("action_id", "=", letter?.id ?? "")
        .execute();
      assert.equal(before.length, 0);
      const cookie = await signIn(ctx.app, admin.email);
      const page = `/campaigns/${DEMO_CAMPAIGN_SLUGS.open}`;
      const res = await ctx.app.inject({
        method: "POST",
        url: `${page}/actions/${letter?.id}/sign`,
        headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams({
          _csrf: await csrfTokenOf(ctx.app, page, cookie),
          jurisdiction: houston.id,
          signer_name: "A Mayor",
          signer_title: "Mayor",
        }).toString(),
      });
      assert.equal(res.statusCode, 303);
    });
  });

  it("a second start adds nothing", async () => {
    const before = await counts();
    assert.equal((await seedDemo(db())).seeded, false);
    assert.equal(await seedDemoCampaigns(db()), 0);
    assert.deepEqual(await counts(), before);
  });
});
