import assert from "node:assert/strict";
import { before, it } from "node:test";
import { describeEachDatabase } from "../../test/support/app.js";
import { buildMember } from "../../test/support/builders.js";
import { buildAction, buildCampaign, dayFromNow } from "../../test/support/campaigns.js";
import { alternates, htmlLang, text } from "../../test/support/html.js";
import { PAGES } from "../../test/support/pages.js";
import { openDatabase } from "../db/index.js";
import { LOCALES, localizedPath, translator } from "../i18n/index.js";
import { coalitionStats } from "../members/index.js";
import { seedContent } from "./index.js";

describeEachDatabase("pages", { seed: false }, (ctx) => {
  // The coalition's texts, as the first start writes them, and a roster built here (no demo
  // seed): New York City (a real place, so the Census snapshots give its figures) and a member
  // with figures of its own, both labelled as demo members.
  before(async () => {
    await seedContent(ctx.database.db, new Date().toISOString());
    await buildMember(ctx.database.db, {
      geoid: "3651000",
      slug: "new-york-ny",
      name: "New York City",
      is_demo: 1,
    });
    await buildMember(ctx.database.db, { population: 250_000, foreignBorn: 40_000, is_demo: 1 });
    // The home page's recent actions come from the campaigns timeline: a closed campaign with
    // its results published (one member took part), an open one translated into Spanish only,
    // and two that must not show (a draft, a members-only one).
    const closed = await buildCampaign(ctx.database.db, {
      status: "closed",
      starts_on: dayFromNow(-30),
      ends_on: dayFromNow(-25),
      results_published_at: new Date().toISOString(),
      texts: {
        en: { title: "Flores comments", summary: "The coalition helped generate 85 comments." },
        es: { title: "Comentarios sobre Flores" },
        "zh-Hans": { title: "Flores 意见" },
      },
    });
    const letter = await buildAction(ctx.database.db, closed, "letter");
    const nyc = await ctx.database.db
      .selectFrom("jurisdictions")
      .select("id")
      .where("slug", "=", "new-york-ny")
      .executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    await ctx.database.db
      .insertInto("participations")
      .values({
        id: crypto.randomUUID(),
        action_id: letter.id,
        jurisdiction_id: nyc.id,
        acted_by: null,
        signer_name: "A",
        signer_title: "Mayor",
        created_at: now,
        updated_at: now,
        withdrawn_at: null,
      })
      .execute();
    await buildCampaign(ctx.database.db, {
      texts: { en: { title: "Open week of action" }, es: { title: "Semana de acción abierta" } },
    });
    await buildCampaign(ctx.database.db, {
      status: "draft",
      texts: { en: { title: "A draft campaign" } },
    });
    await buildCampaign(ctx.database.db, {
      visibility: "members",
      texts: { en: { title: "For members only" } },
    });
  });

  it("the tests' page list is the app's", () => {
    assert.deepEqual(ctx.app.pagePaths.filter((p) => !p.includes(":")).sort(), [...PAGES].sort());
  });

  for (const locale of LOCALES) {
    it(`${locale.tag}: every page answers in its language with reciprocal alternates`, async () => {
      for (const page of PAGES) {
        const url = localizedPath(locale, page);
        const res = await ctx.app.inject({ url });
        assert.equal(res.statusCode, 200, url);
        assert.match(String(res.headers["content-type"]), /^text\/html; charset=utf-8/);
        assert.equal(htmlLang(res.body), locale.tag, url);
        assert.match(
          res.body,
          new RegExp(
            `<link rel="canonical" href="https://cfa\\.test${url.replace(/[.?]/g, "\\$&")}"/>`,
          ),
          url,
        );
        const expected = Object.fromEntries([
          ...LOCALES.map((l) => [l.tag, `https://cfa.test${localizedPath(l, page)}`]),
          ["x-default", `https://cfa.test${page}`],
        ]);
        assert.deepEqual(alternates(res.body), expected, url);
      }
    });
  }

  it("the home page shows the coalition's text and figures from the database, in each language", async () => {
    const stats = await coalitionStats(ctx.database.db);
    assert.ok(stats.members > 0 && stats.population > 0 && stats.foreignBorn > 0);
    for (const locale of LOCALES) {
      const res = await ctx.app.inject({ url: localizedPath(locale, "/") });
      const body = text(res.body);
      const number = new Intl.NumberFormat(locale.intl);
      for (const figure of [stats.members, stats.population, stats.foreignBorn]) {
        assert.ok(
          body.includes(number.format(figure)),
          `${locale.tag} shows ${number.format(figure)}`,
        );
      }
      assert.ok(
        body.includes(translator(locale)("home.actions.heading")),
        `${locale.tag} has recent actions`,
      );
      assert.ok(
        body.includes(translator(locale)("common.demo.label")),
        `${locale.tag} labels the demo roster`,
      );
    }
    const en = text((await ctx.app.inject({ url: "/" })).body);
    assert.match(en, /coalition of U\.S\. mayors and county executives/);
    // The prose gives no count of its own to contradict the computed one, which says it is
    // the demo roster's (issue 10: "nearly 200 mayors" above "21 member cities and counties").
    const hero = en.slice(0, en.indexOf("Who we represent"));
    assert.doesNotMatch(hero, /\b\d{2,}\b/);
    assert.match(en, /\d+ member cities and counties on the demo roster/);
    assert.match(en, /85 comments/);
  });

  it("the home page's recent actions are the latest public campaigns, translated or marked English", async () => {
    const home = async (url: string) => text((await ctx.app.inject({ url })).body);
    const en = await home("/");
    const actions = en.slice(en.indexOf("Recent actions"), en.indexOf("Explore"));
    assert.match(actions, /Lumos Foundation/, "the staff-written introduction");
    assert.match(actions, /Open week of action\s+Summary \d+\s+Open/);
    assert.match(actions, /Flores comments[\s\S]*Closed[\s\S]*1 member took part/);
    assert.ok(actions.indexOf("Open week") < actions.indexOf("Flores comments"), "newest first");
    assert.doesNotMatch(en, /A draft campaign|For members only/);
    const es = await home("/es/");
    assert.match(es, /Semana de acción abierta/);
    assert.match(es, /Comentarios sobre Flores[\s\S]*Cerrada[\s\S]*Participó 1 miembro/);
    const zh = await home("/zh-hans/");
    assert.match(zh, /Open week of action[\s\S]*英文/, "English, and said so");
    assert.match(zh, /Flores 意见[\s\S]*1 个成员参与/);
    const raw = (await ctx.app.inject({ url: "/zh-hans/" })).body;
    assert.match(raw, /<a class="usa-link" href="\/zh-hans\/campaigns\/[^"]+" lang="en">Open week/);
  });

  it("figures change when the roster changes (they are not typed in)", async () => {
    const before = await coalitionStats(ctx.database.db);
    await ctx.database.db
      .updateTable("jurisdictions")
      .set({ status: "former" })
      .where("slug", "=", "new-york-ny")
      .execute();
    try {
      const res = await ctx.app.inject({ url: "/" });
      const after = await coalitionStats(ctx.database.db);
      assert.equal(after.members, before.members - 1);
      assert.ok(text(res.body).includes(new Intl.NumberFormat("en-US").format(after.population)));
    } finally {
      await ctx.database.db
        .updateTable("jurisdictions")
        .set({ status: "member" })
        .where("slug", "=", "new-york-ny")
        .execute();
    }
  });

  it("a cached page shows a change made by another process on the next view", async () => {
    const first = text((await ctx.app.inject({ url: "/es/" })).body);
    assert.equal(
      text((await ctx.app.inject({ url: "/es/" })).body),
      first,
      "served again unchanged",
    );
    const other = openDatabase(ctx.app.config.database);
    try {
      await other.db
        .updateTable("content_blocks")
        .set({ body: "Misión cambiada por otro proceso." })
        .where("key", "=", "home.mission")
        .where("locale", "=", "es")
        .execute();
    } finally {
      await other.close();
    }
    const after = text((await ctx.app.inject({ url: "/es/" })).body);
    assert.match(after, /Misión cambiada por otro proceso\./);
    assert.doesNotMatch(text((await ctx.app.inject({ url: "/" })).body), /Misión cambiada/);
  });

  it("the language selector links every page to itself in every language", async () => {
    const res = await ctx.app.inject({ url: "/es/news" });
    const nav = res.body.match(/<nav class="cfa-languages"[\s\S]*?<\/nav>/)?.[0] ?? "";
    assert.match(nav, /Idiomas|Languages/);
    for (const locale of LOCALES) {
      // Through /language, which records the choice (http/language-offer.ts).
      assert.match(
        nav,
        new RegExp(`href="/language${localizedPath(locale, "/news")}" lang="${locale.tag}"`),
      );
    }
    assert.match(nav, /href="\/language\/es\/news" lang="es" hreflang="es" aria-current="true"/);
  });

  it("offers a preferred language without redirecting", async () => {
    const offered = await ctx.app.inject({
      url: "/members",
      headers: { "accept-language": "es-MX,es;q=0.9" },
    });
    assert.equal(offered.statusCode, 200);
    assert.equal(htmlLang(offered.body), "en");
    assert.match(offered.body, /class="[^"]*cfa-language-offer[^"]*" lang="es"/);
    assert.match(offered.body, /<a href="\/es\/members" hreflang="es">/);
    assert.match(String(offered.headers.vary), /Accept-Language/);

    const same = await ctx.app.inject({ url: "/es/members", headers: { "accept-language": "es" } });
    assert.doesNotMatch(same.body, /cfa-language-offer/);
    const none = await ctx.app.inject({ url: "/members", headers: { "accept-language": "fr" } });
    assert.doesNotMatch(none.body, /cfa-language-offer/);
  });

  it("serves no inline script or style, so the strict CSP holds", async () => {
    const res = await ctx.app.inject({ url: "/zh-hans/" });
    const csp = String(res.headers["content-security-policy"]);
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /style-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.doesNotMatch(res.body, /<script(?![^>]*\ssrc=)[^>]*>/);
    assert.doesNotMatch(res.body, /\sstyle="/);
    assert.doesNotMatch(res.body, /<style/);
    assert.equal(res.headers["x-content-type-options"], "nosniff");
  });

  it("the accessibility statement names the standard and how to report a barrier, in every language", async () => {
    for (const locale of LOCALES) {
      const t = translator(locale);
      const body = text(
        (await ctx.app.inject({ url: localizedPath(locale, "/accessibility") })).body,
      );
      for (const key of [
        "accessibility.standard.body",
        "accessibility.report.heading",
        "accessibility.testing.automated",
      ] as const) {
        assert.ok(body.includes(t(key)), `${locale.tag} ${key}`);
      }
    }
  });

  it("answers unknown pages with a 404 page in the visitor's language", async () => {
    for (const locale of LOCALES) {
      const res = await ctx.app.inject({ url: localizedPath(locale, "/no-such-page") });
      assert.equal(res.statusCode, 404);
      assert.equal(htmlLang(res.body), locale.tag);
      assert.ok(text(res.body).includes(translator(locale)("errors.not_found")));
      assert.match(res.body, /<meta name="robots" content="noindex"\/>/);
    }
  });

  it("serves the design system's assets and ours", async () => {
    for (const url of [
      "/assets/site.css",
      "/assets/uswds/css/uswds.min.css",
      "/assets/uswds/js/uswds.min.js",
    ]) {
      const res = await ctx.app.inject({ url });
      assert.equal(res.statusCode, 200, url);
    }
    assert.equal((await ctx.app.inject({ url: "/assets/uswds/scss/uswds.scss" })).statusCode, 404);
    assert.equal((await ctx.app.inject({ url: "/assets/../package.json" })).statusCode, 404);
  });
});
