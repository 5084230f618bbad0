// /resources on both databases: every page of the library in three languages, the filters and
// paging, fallbacks labelled, hidden items nowhere, a scheduled item appearing when due, and the
// social card every page carries.
import assert from "node:assert/strict";
import { before, it } from "node:test";
import { describeEachDatabase } from "../../../test/support/app.js";
import { buildResource } from "../../../test/support/resources.js";
import {
  buildLibrary,
  HIDDEN_WORDS,
  type Library,
  pageText,
} from "../../../test/support/resources-fixture.js";
import { LOCALES, localizedPath } from "../../i18n/index.js";

/** The card titles a list page shows, in order. */
function titles(html: string): string[] {
  return [
    ...html.matchAll(
      /class="cfa-resource-card__title"><a href="[^"]*"(?: lang="[^"]*" dir="[^"]*")?>([^<]*)</g,
    ),
  ].map((m) => (m[1] ?? "").replace(/&#39;/g, "'").replace(/&amp;/g, "&"));
}

function meta(html: string, property: string): string[] {
  return [
    ...html.matchAll(new RegExp(`<meta (?:property|name)="${property}" content="([^"]*)"`, "g")),
  ].map((m) => m[1] ?? "");
}

describeEachDatabase("resource pages", { seed: false }, (ctx) => {
  let lib: Library;
  before(async () => {
    lib = await buildLibrary(ctx.app);
  });

  it("every public page of the library answers in each language, with no hidden item on it", async () => {
    const pages = [
      "/resources",
      "/resources?type=statement",
      `/resources/${lib.toolkit.slug}`,
      `/resources/${lib.report.slug}`,
      `/resources/${lib.caseStudy.slug}`,
      `/resources/${lib.video.slug}`,
      `/resources/${lib.story.slug}`,
      `/resources/${lib.social.slug}`,
      `/resources/${lib.oped.slug}`,
      "/issues/immigration-reform",
      "/news",
      `/members/${lib.newYork.slug}`,
    ];
    for (const locale of LOCALES) {
      for (const page of pages) {
        const url = localizedPath(locale, page);
        const res = await ctx.app.inject({ url });
        assert.equal(res.statusCode, 200, url);
        assert.match(res.body, new RegExp(`<html lang="${locale.tag}"`), url);
        for (const word of HIDDEN_WORDS) assert.ok(!res.body.includes(word), `${url}: ${word}`);
      }
    }
  });

  it("a draft, unpublished or scheduled item has no page; nor has an unpublished issue page", async () => {
    for (const item of lib.hidden) {
      for (const locale of LOCALES) {
        const url = localizedPath(locale, `/resources/${item.slug}`);
        assert.equal((await ctx.app.inject({ url })).statusCode, 404, url);
      }
    }
    assert.equal((await ctx.app.inject({ url: "/issues/hidden-issue" })).statusCode, 404);
    assert.equal((await ctx.app.inject({ url: "/resources/no-such-item" })).statusCode, 404);
    assert.equal((await ctx.app.inject({ url: "/resources/Bad%20Slug" })).statusCode, 404);
  });

  it("lists the newest first, each title in the reader's language or labelled with its own", async () => {
    const res = await ctx.app.inject({ url: "/es/resources?topic=immigration_reform" });
    assert.deepEqual(titles(res.body), [
      "Los inmigrantes nos sostuvieron",
      "Messages for immigration reform",
      "Impulsar la reforma migratoria",
    ]);
    // The English-only set is marked as English and said to be shown in English.
    assert.match(
      res.body,
      /<a href="\/es\/resources\/reform-messages" lang="en" dir="ltr">Messages for immigration reform<\/a><\/h3><p class="cfa-fallback__label cfa-resource-fallback">Se muestra en inglés: aún no está traducido\.<\/p>/,
    );
    // The Spanish ones are not.
    assert.match(
      res.body,
      /<a href="\/es\/resources\/mayors-op-ed">Los inmigrantes nos sostuvieron</,
    );
    const zh = await ctx.app.inject({ url: "/zh-hans/resources?topic=immigration_reform" });
    assert.deepEqual(titles(zh.body), ["Immigrants kept us going", "移民改革信息", "推动移民改革"]);
    assert.match(pageText(zh.body), /以英语显示：尚未翻译。/);
  });

  it("filters by type, topic, language, featured member and year", async () => {
    const list = async (query: string) =>
      titles((await ctx.app.inject({ url: `/resources?${query}` })).body);
    assert.deepEqual(await list("type=video"), ["Jose's story", "Karen's story"]);
    assert.deepEqual(await list("topic=tps"), ["Jose's story", "Statement on TPS"]);
    assert.deepEqual(await list("lang=zh-Hans"), [
      "Messages for immigration reform",
      "Advancing Immigration Reform",
    ]);
    assert.deepEqual(await list(`member=${lib.losAngeles.slug}`), [
      "Immigrants kept us going",
      "On the Frontlines of the Family Separation Crisis",
    ]);
    assert.deepEqual(await list("year=2019"), [
      "New York City case study",
      "On the Frontlines of the Family Separation Crisis",
    ]);
    assert.deepEqual(await list("type=video&topic=tps&lang=en&year=2021"), ["Jose's story"]);
    // An emptied field of the form is no filter.
    assert.equal((await list("type=&topic=&lang=&member=&year=")).length, 20);
    // The form offers the members and languages the items have, selected as asked.
    const res = await ctx.app.inject({ url: `/resources?member=${lib.newYork.slug}` });
    assert.match(
      res.body,
      new RegExp(`<option value="${lib.newYork.slug}" selected>New York City</option>`),
    );
    assert.match(
      res.body,
      /<option value="zh-Hans">Chinese, Simplified<\/option>|<option value="zh-Hans">Simplified Chinese<\/option>/,
    );
    assert.ok(!res.body.includes(HIDDEN_WORDS[0] ?? "x"));
  });

  it("refuses a value no filter has, rather than guessing", async () => {
    assert.equal((await ctx.app.inject({ url: "/resources?type=podcast" })).statusCode, 400);
    assert.equal((await ctx.app.inject({ url: "/resources?year=21" })).statusCode, 400);
  });

  it("pages a long list, the filters kept in the page links and the language links", async () => {
    const first = await ctx.app.inject({ url: "/es/resources?type=fact_sheet" });
    assert.equal(titles(first.body).length, 20);
    assert.match(pageText(first.body), /21 recursos coinciden/);
    assert.match(first.body, /href="\/es\/resources\?type=fact_sheet&(amp;)?page=2"/);
    assert.match(first.body, /href="\/language\/[^"]*type=fact_sheet[^"]*"/);
    const second = await ctx.app.inject({ url: "/es/resources?type=fact_sheet&page=2" });
    assert.deepEqual(titles(second.body), ["Fact sheet 01"]);
    assert.match(second.body, /aria-current="page"[^>]*>2</);
    // A page past the end shows the last one.
    const past = await ctx.app.inject({ url: "/resources?type=fact_sheet&page=9" });
    assert.deepEqual(titles(past.body), ["Fact sheet 01"]);
  });

  it("a scheduled item appears on its own when its time comes, though nothing was written", async () => {
    const url = "/resources?topic=municipal_id";
    assert.deepEqual(titles((await ctx.app.inject({ url })).body), []);
    await buildResource(ctx.app, {
      type: "news",
      topics: ["municipal_id"],
      publish_at: new Date(Date.now() + 1500).toISOString(),
      versions: { en: { title: "ID cards for all" } },
    });
    assert.deepEqual(titles((await ctx.app.inject({ url })).body), []);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    assert.deepEqual(titles((await ctx.app.inject({ url })).body), ["ID cards for all"]);
  });

  it("every page shares as a social card: title, description, canonical URL, kind, locales", async () => {
    const list = await ctx.app.inject({ url: "/es/resources?type=video" });
    assert.deepEqual(meta(list.body, "og:title"), ["Recursos"]);
    assert.deepEqual(meta(list.body, "og:url"), ["https://cfa.test/es/resources"]);
    assert.deepEqual(meta(list.body, "og:type"), ["website"]);
    assert.deepEqual(meta(list.body, "og:locale"), ["es_US"]);
    assert.deepEqual(meta(list.body, "og:locale:alternate"), ["en_US", "zh_CN"]);
    assert.deepEqual(meta(list.body, "twitter:card"), ["summary"]);
    const item = await ctx.app.inject({ url: `/zh-hans/resources/${lib.toolkit.slug}` });
    assert.deepEqual(meta(item.body, "og:title"), ["推动移民改革"]);
    assert.deepEqual(meta(item.body, "og:description"), ["宣传与倡导工具包。"]);
    assert.deepEqual(meta(item.body, "og:type"), ["article"]);
    assert.deepEqual(meta(item.body, "og:url"), [
      `https://cfa.test/zh-hans/resources/${lib.toolkit.slug}`,
    ]);
    // A page with no description of its own shares the site's.
    const home = await ctx.app.inject({ url: "/accessibility" });
    assert.equal(
      meta(home.body, "og:description")[0]?.startsWith("A coalition of U.S. mayors"),
      true,
    );
  });
});
