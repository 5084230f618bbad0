// Campaigns in the search index (issue 14), through the staff's own forms on both databases: a
// campaign is found exactly when the public can open its page, in each language staff marked
// ready, and every change is found at once.
import assert from "node:assert/strict";
import { before, it } from "node:test";
import { postAsSignedIn, signIn } from "../../test/support/accounts.js";
import { describeEachDatabase } from "../../test/support/app.js";
import { buildPerson } from "../../test/support/builders.js";
import { dayFromNow } from "../../test/support/campaigns.js";
import { searchResults } from "../../test/support/search.js";
import type { SearchType } from "../search/index.js";
import { DEMO_CAMPAIGN_SLUGS, seedDemoCampaigns } from "./campaigns.seed.js";

describeEachDatabase("campaigns in the search index", { seed: false }, (ctx) => {
  const db = () => ctx.database.db;
  let cookie: string;

  before(async () => {
    const admin = await buildPerson(db(), { role: "coalition_admin" });
    cookie = await signIn(ctx.app, admin.email);
  });

  async function post(url: string, fields: Record<string, string>) {
    const res = await postAsSignedIn(ctx.app, cookie, url, fields);
    assert.equal(res.statusCode, 303, `${url}: ${res.body.slice(0, 300)}`);
  }

  /** The staff's campaign form; `words` makes its texts findable by words no other test uses. */
  const form = (slug: string, words: string, overrides: Record<string, string> = {}) => ({
    slug,
    starts_on: dayFromNow(-1),
    ends_on: dayFromNow(5),
    time_zone: "America/New_York",
    topics: `Topic ${words}, municipal ID`,
    goal_members: "",
    visibility: "public",
    signatories_public: "yes",
    title_en: `Week of action ${words}`,
    summary_en: `Cities act on ${words}summary together.`,
    body_en: `Members **sign** the ${words}body letter.`,
    title_es: `Semana de acción ${words}`,
    summary_es: `Las ciudades actúan: ${words}resumen.`,
    body_es: "",
    ready_es: "yes",
    ...overrides,
  });

  /** What a visitor finds: "slug:locale path" per result, the reader's language first. */
  async function found(q: string, more: { topic?: string; types?: SearchType[] } = {}) {
    const results = await searchResults(db(), q, { types: ["campaign"], ...more });
    return results.map((r) => `${r.slug}:${r.locale} ${r.path}`);
  }

  const status = (slug: string, to: string) => post(`/admin/campaigns/${slug}/status`, { to });
  const save = (slug: string, fields: Record<string, string>) =>
    post(`/admin/campaigns/${slug}`, fields);

  it("never finds a draft; publishing makes it found by a word of its summary, in each ready language", async () => {
    await post(
      "/admin/campaigns/new",
      form("search-alpha", "alpha", {
        "title_zh-Hans": "行动周",
        "summary_zh-Hans": "城市联合行动。草稿译文。",
        "ready_zh-Hans": "",
      }),
    );
    assert.deepEqual(await found("alphasummary"), []);
    assert.equal((await ctx.app.inject({ url: "/campaigns/search-alpha" })).statusCode, 404);

    await status("search-alpha", "published");
    assert.deepEqual(await found("alphasummary"), ["search-alpha:en /campaigns/search-alpha"]);
    assert.deepEqual(await found("alphabody"), ["search-alpha:en /campaigns/search-alpha"]);
    assert.deepEqual(await found("alpharesumen"), ["search-alpha:es /campaigns/search-alpha"]);
    // The Chinese text is still a draft: the page shows English instead, and so does search.
    assert.deepEqual(await found("草稿"), []);
    assert.deepEqual(await found("cities", { topic: "topic_alpha" }), [
      "search-alpha:en /campaigns/search-alpha",
    ]);
  });

  it("never finds a members-only campaign; its settings made public find it, and members only again hide it", async () => {
    await post("/admin/campaigns/new", form("search-beta", "beta", { visibility: "members" }));
    await status("search-beta", "published");
    assert.equal((await ctx.app.inject({ url: "/campaigns/search-beta" })).statusCode, 403);
    assert.deepEqual(await found("betasummary"), []);

    await save("search-beta", form("search-beta", "beta"));
    assert.equal((await ctx.app.inject({ url: "/campaigns/search-beta" })).statusCode, 200);
    assert.deepEqual(await found("betasummary"), ["search-beta:en /campaigns/search-beta"]);

    await save("search-beta", form("search-beta", "beta", { visibility: "members" }));
    assert.deepEqual(await found("betasummary"), []);
  });

  it("finds an edit of its text at once and the old words no longer, at its new address", async () => {
    await post("/admin/campaigns/new", form("search-gamma", "gamma"));
    await status("search-gamma", "published");
    assert.deepEqual(await found("gammabody"), ["search-gamma:en /campaigns/search-gamma"]);

    await save(
      "search-gamma",
      form("search-gamma-2", "gamma", {
        body_en: "Members file the deltabody comment.",
        title_es: "",
        summary_es: "",
        ready_es: "",
      }),
    );
    assert.deepEqual(await found("gammabody"), []);
    assert.deepEqual(await found("deltabody"), ["search-gamma-2:en /campaigns/search-gamma-2"]);
    // The Spanish text was deleted: no longer found.
    assert.deepEqual(await found("gammaresumen"), []);
    // A translation no longer marked ready is no longer found either.
    await save("search-gamma-2", form("search-gamma-2", "gamma", { ready_es: "" }));
    assert.deepEqual(await found("gammaresumen"), []);
    await save("search-gamma-2", form("search-gamma-2", "gamma"));
    assert.deepEqual(await found("gammaresumen"), ["search-gamma-2:es /campaigns/search-gamma-2"]);
  });

  it("keeps a closed and an archived campaign found, as their pages stay public", async () => {
    await post("/admin/campaigns/new", form("search-epsilon", "epsilon"));
    for (const to of ["published", "closed", "archived"]) {
      await status("search-epsilon", to);
      assert.equal((await ctx.app.inject({ url: "/campaigns/search-epsilon" })).statusCode, 200);
      assert.deepEqual(
        await found("epsilonsummary"),
        ["search-epsilon:en /campaigns/search-epsilon"],
        to,
      );
    }
  });

  it("finds a published campaign that starts later, as its page shows it scheduled", async () => {
    await post(
      "/admin/campaigns/new",
      form("search-zeta", "zeta", { starts_on: dayFromNow(20), ends_on: dayFromNow(30) }),
    );
    await status("search-zeta", "published");
    assert.equal((await ctx.app.inject({ url: "/campaigns/search-zeta" })).statusCode, 200);
    assert.deepEqual(await found("zetasummary"), ["search-zeta:en /campaigns/search-zeta"]);
  });

  it("finds the demo campaigns once the seed wrote them, in every language", async () => {
    await db()
      .transaction()
      .execute((trx) => seedDemoCampaigns(trx, new Date()));
    const flores = `/campaigns/${DEMO_CAMPAIGN_SLUGS.flores}`;
    assert.deepEqual(await found("flores", { topic: "flores" }), [
      `${DEMO_CAMPAIGN_SLUGS.flores}:en ${flores}`,
    ]);
    const [first] = await searchResults(db(), "flores", { types: ["campaign"], lang: "zh-Hans" });
    assert.equal(first?.path, flores);
  });
});
