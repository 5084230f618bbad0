// /search and /api/v1/search over the resource library's fixture, on both databases.
import assert from "node:assert/strict";
import { before, it } from "node:test";
import { describeEachDatabase } from "../../../test/support/app.js";
import { text } from "../../../test/support/html.js";
import { buildResource } from "../../../test/support/resources.js";
import { buildLibrary, HIDDEN_WORDS } from "../../../test/support/resources-fixture.js";

interface ApiResult {
  type: string;
  slug: string;
  title: string;
  lang: string | null;
  snippet: string;
  highlights: [number, number][];
  url: string;
  isDemo: boolean;
}

describeEachDatabase("search pages and API", { seed: false }, (ctx) => {
  before(async () => {
    await buildLibrary(ctx.app);
    await buildResource(ctx.app, {
      slug: "markup-item",
      is_demo: 1,
      versions: {
        en: {
          title: "Markup in the source",
          summary: 'Cities say <img src=x onerror="alert(1)"> quetzal & more.',
        },
      },
    });
  });
  const page = (url: string) => ctx.app.inject({ url });
  const api = async (query: string) => {
    const res = await ctx.app.inject({ url: `/api/v1/search?${query}` });
    return { status: res.statusCode, body: res.json() as { results: ApiResult[]; total: number } };
  };

  it("never finds a draft, an unpublished or a scheduled item", async () => {
    for (const words of HIDDEN_WORDS) {
      const word = words.split(" ")[0] ?? "";
      const { body } = await api(`q=${encodeURIComponent(word)}`);
      assert.deepEqual(body.results, [], word);
      assert.match(text((await page(`/search?q=${word}`)).body), /No results for/);
    }
    const { body } = await api("q=hidden");
    assert.ok(body.results.every((r) => r.slug !== "hidden-issue"));
  });

  it("lists results with their kind, snippet and language, and keeps the query in language links", async () => {
    const res = await page("/zh-hans/search?q=advancing");
    assert.equal(res.statusCode, 200);
    // The toolkit has a Chinese version, but only its English one has the word: shown in English.
    assert.match(
      res.body,
      /<a href="\/zh-hans\/resources\/reform-toolkit" lang="en" dir="ltr"><mark>Advancing<\/mark><span> Immigration Reform<\/span><\/a>/,
    );
    assert.match(text(res.body), /语言：英语/);
    assert.match(res.body, /href="\/language\/es\/search\?q=advancing"/);
    assert.match(res.body, /<meta name="robots" content="noindex"/);
    const es = await page("/es/search?q=reforma%20migratoria");
    assert.match(
      es.body,
      /<a href="\/es\/resources\/reform-toolkit"><span>Impulsar la <\/span><mark>reforma<\/mark><span> <\/span><mark>migratoria<\/mark><\/a>/,
    );
  });

  it("escapes the source's markup in snippets and marks the matched word", async () => {
    const res = await page("/search?q=quetzal");
    assert.match(res.body, /&lt;img src=x onerror=(&quot;|&#34;)alert\(1\)(&quot;|&#34;)(&gt;|>)/);
    assert.doesNotMatch(res.body, /<img src=x/);
    assert.match(res.body, /<mark>quetzal<\/mark>/);
    assert.match(text(res.body), /Resource Demo data/, "demo data is labelled");
    const { body } = await api("q=quetzal");
    const [hit] = body.results;
    assert.ok(hit);
    const [start, end] = hit.highlights[0] ?? [0, 0];
    assert.equal(hit.snippet.slice(start, end), "quetzal");
    assert.match(hit.snippet, /<img src=x/); // plain text in JSON: the client escapes it
    assert.equal(hit.isDemo, true);
  });

  it("answers an empty, a wordless and a too-long query clearly", async () => {
    const empty = await page("/search");
    assert.equal(empty.statusCode, 200);
    assert.match(text(empty.body), /Type a word or a phrase to search for/);
    const long = await page(`/search?q=${"a ".repeat(150)}`);
    assert.equal(long.statusCode, 400);
    assert.match(text(long.body), /Your search is 299 characters long; the limit is 200/);
    assert.match(long.body, /aria-invalid="true"/);
    const apiEmpty = await ctx.app.inject({
      url: "/api/v1/search?q=%20",
      headers: { "accept-language": "es" },
    });
    assert.equal(apiEmpty.statusCode, 400);
    const apiLong = await ctx.app.inject({ url: `/api/v1/search?q=${"a".repeat(201)}` });
    assert.equal(apiLong.statusCode, 400);
    assert.match(apiLong.body, /201 characters long; the limit is 200/);
    const wordless = await api("q=%21%21%21");
    assert.equal(wordless.status, 400);
  });

  it("filters by kind, language and topic, and pages", async () => {
    const { body: news } = await api("q=statement&type=news");
    assert.ok(news.results.length > 0);
    assert.ok(news.results.every((r) => r.type === "news"));
    const { body: es } = await api("q=reforma&lang=es");
    assert.ok(es.results.length > 0);
    assert.ok(es.results.every((r) => r.lang === "es"));
    const { body: sheets } = await api("q=fact%20sheet&topic=language_access");
    assert.equal(sheets.total, 21);
    const second = await page("/search?q=fact%20sheet&page=2");
    assert.match(text(second.body), /21 results for “fact sheet”/);
    assert.equal((second.body.match(/class="cfa-search-result"/g) ?? []).length, 1);
    const bad = await page("/search?q=x&type=nonsense");
    assert.equal(bad.statusCode, 400);
  });
});
