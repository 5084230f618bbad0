import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { before, it } from "node:test";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describeEachDatabase } from "../../../test/support/app.js";
import { buildMember } from "../../../test/support/builders.js";
import { buildAction, buildCampaign, type Campaign } from "../../../test/support/campaigns.js";

describeEachDatabase("the campaigns API", { seed: false }, (ctx) => {
  const db = () => ctx.database.db;
  let open: Campaign;
  let letter: { id: string };
  let draft: Campaign;
  let membersOnly: Campaign;

  before(async () => {
    const tucson = await buildMember(db(), { name: "Tucson", state: "AZ" });
    open = await buildCampaign(db(), {
      topics: "public charge, DACA",
      goal_members: 25,
      texts: { es: { title: "Semana de acción", summary: "Resumen" } },
    });
    letter = await buildAction(db(), open, "letter", { title: "Sign-on letter", body: "We ask." });
    await buildAction(db(), open, "event", { title: "Briefing" });
    const now = new Date().toISOString();
    await db()
      .insertInto("participations")
      .values({
        id: randomUUID(),
        action_id: letter.id,
        jurisdiction_id: tucson.id,
        acted_by: null,
        signer_name: "Regina Romero",
        signer_title: "Mayor",
        created_at: now,
        updated_at: now,
        withdrawn_at: null,
      })
      .execute();
    draft = await buildCampaign(db(), { status: "draft" });
    membersOnly = await buildCampaign(db(), { visibility: "members" });
  });

  it("lists public campaigns only, with camelCase keys, wrapped", async () => {
    const res = await ctx.app.inject({ url: "/api/v1/campaigns" });
    assert.equal(res.statusCode, 200);
    const { campaigns } = res.json();
    const slugs = campaigns.map((c: { slug: string }) => c.slug);
    assert.ok(slugs.includes(open.slug));
    assert.ok(!slugs.includes(draft.slug), "a draft is not listed");
    assert.ok(!slugs.includes(membersOnly.slug), "a members-only campaign is not listed");
    const mine = campaigns.find((c: { slug: string }) => c.slug === open.slug);
    assert.equal(mine.status, "open");
    assert.deepEqual(mine.topics, ["public charge", "DACA"]);
    assert.equal(mine.goal, 25);
    assert.equal(mine.members, 1);
    assert.equal(mine.timeZone, "America/New_York");
    assert.equal(mine.url, `https://cfa.test/campaigns/${open.slug}`);
    assert.equal(mine.locale, "en");
  });

  it("answers in the language asked for when the text is ready, else in English", async () => {
    const es = (await ctx.app.inject({ url: `/api/v1/campaigns/${open.slug}?lang=es` })).json();
    assert.equal(es.title, "Semana de acción");
    assert.equal(es.locale, "es");
    assert.equal(es.url, `https://cfa.test/es/campaigns/${open.slug}`);
    assert.equal(es.actions[0].locale, "en", "the action has no Spanish text");
    const zh = (
      await ctx.app.inject({ url: `/api/v1/campaigns/${open.slug}?lang=zh-Hans` })
    ).json();
    assert.equal(zh.locale, "en");
    const bad = await ctx.app.inject({ url: `/api/v1/campaigns/${open.slug}?lang=fr` });
    assert.equal(bad.statusCode, 400);
  });

  it("gives one campaign with its actions and how many took part in each", async () => {
    const res = await ctx.app.inject({ url: `/api/v1/campaigns/${open.slug}` });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.deepEqual(
      body.actions.map((a: { kind: string; title: string; members: number }) => [
        a.kind,
        a.title,
        a.members,
      ]),
      [
        ["letter", "Sign-on letter", 1],
        ["event", "Briefing", 0],
      ],
    );
    assert.equal(body.actions[0].body, "We ask.");
  });

  it("gives the participation, and lists who took part once results are published", async () => {
    const url = `/api/v1/campaigns/${open.slug}/participation`;
    const before = (await ctx.app.inject({ url })).json();
    assert.equal(before.members, 1);
    assert.deepEqual(before.byState, [{ state: "AZ", members: 1 }]);
    assert.equal(before.overTime.length, 1);
    assert.equal(before.resultsPublished, false);
    assert.deepEqual(before.participants, []);
    await db()
      .updateTable("campaigns")
      .set({ results_published_at: new Date().toISOString() })
      .where("id", "=", open.id)
      .execute();
    const after = (await ctx.app.inject({ url })).json();
    assert.equal(after.participants[0].name, "Tucson");
    assert.deepEqual(after.participants[0].actions, [letter.id]);
    assert.match(after.participants[0].firstActedOn, /^\d{4}-\d{2}-\d{2}$/);
    assert.doesNotMatch(JSON.stringify(after), /Regina/, "no signer, no contact");
    await db()
      .updateTable("campaigns")
      .set({ results_published_at: null })
      .where("id", "=", open.id)
      .execute();
  });

  it("answers 404 for a draft, a members-only or an unknown campaign", async () => {
    for (const slug of [draft.slug, membersOnly.slug, "no-such-campaign"]) {
      for (const tail of ["", "/participation"]) {
        const res = await ctx.app.inject({ url: `/api/v1/campaigns/${slug}${tail}` });
        assert.equal(res.statusCode, 404, `${slug}${tail}`);
        assert.equal(res.json().error.id, "not_found");
      }
    }
  });

  it("describes the three routes in a valid OpenAPI document", async () => {
    const document = (await ctx.app.inject({ url: "/api/v1/openapi.json" })).json();
    const result = await new Validator().validate(document);
    assert.deepEqual(result.errors, undefined, JSON.stringify(result.errors));
    for (const path of [
      "/api/v1/campaigns",
      "/api/v1/campaigns/{slug}",
      "/api/v1/campaigns/{slug}/participation",
    ])
      assert.ok(document.paths[path]?.get, path);
    const schema = document.paths["/api/v1/campaigns/{slug}/participation"].get.responses["200"];
    assert.ok(JSON.stringify(schema).includes("firstActedOn"));
  });
});
