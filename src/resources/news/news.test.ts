// /news and its feeds on both databases, the feeds read by an independent parser.
import assert from "node:assert/strict";
import { before, it } from "node:test";
import { parseFeed } from "@rowanmanning/feed-parser";
import { describeEachDatabase } from "../../../test/support/app.js";
import { buildResource } from "../../../test/support/resources.js";
import {
  buildLibrary,
  HIDDEN_WORDS,
  type Library,
  pageText,
} from "../../../test/support/resources-fixture.js";
import { LOCALES, localizedPath } from "../../i18n/index.js";

describeEachDatabase("news and its feeds", { seed: false }, (ctx) => {
  let lib: Library;
  before(async () => {
    lib = await buildLibrary(ctx.app);
  });
  const get = (url: string) => ctx.app.inject({ url });

  it("lists op-eds, news and statements only, newest first, with the feeds in its head", async () => {
    const res = await get("/es/news");
    const text = pageText(res.body);
    const mayors = text.indexOf("Los inmigrantes nos sostuvieron");
    const tps = text.indexOf("Statement on TPS");
    assert.ok(mayors > 0 && tps > mayors, `${mayors} ${tps}`);
    assert.ok(!text.includes("Advancing Immigration Reform"));
    for (const word of HIDDEN_WORDS) assert.ok(!text.includes(word), word);
    assert.match(
      res.body,
      /<link rel="alternate" type="application\/rss\+xml" href="https:\/\/cfa\.test\/es\/news\/feed\.rss" title="Noticias por suscripción \(RSS\)"\/>/,
    );
    assert.match(
      res.body,
      /<link rel="alternate" type="application\/atom\+xml" href="https:\/\/cfa\.test\/es\/news\/feed\.atom" title="Noticias por suscripción \(Atom\)"\/>/,
    );
  });

  it("every language has both feeds, parsed by an independent parser, published items only", async () => {
    for (const locale of LOCALES) {
      for (const ext of ["rss", "atom"] as const) {
        const url = localizedPath(locale, `/news/feed.${ext}`);
        const res = await get(url);
        assert.equal(res.statusCode, 200, url);
        assert.equal(
          res.headers["content-type"],
          `application/${ext === "rss" ? "rss" : "atom"}+xml; charset=utf-8`,
        );
        const feed = parseFeed(res.body);
        assert.equal(feed.self, `https://cfa.test${url}`);
        assert.equal(feed.language, locale.tag);
        assert.equal(feed.url, `https://cfa.test${localizedPath(locale, "/news")}`);
        const ids = feed.items.map((i) => i.id);
        assert.deepEqual(ids, [`urn:uuid:${lib.oped.id}`, `urn:uuid:${lib.statement.id}`], url);
        for (const item of feed.items) {
          assert.ok(
            item.url?.startsWith(`https://cfa.test${localizedPath(locale, "/resources/")}`),
          );
          assert.ok(item.published instanceof Date && !Number.isNaN(item.published.getTime()));
        }
        for (const word of HIDDEN_WORDS) assert.ok(!res.body.includes(word), `${url}: ${word}`);
      }
    }
  });

  it("each entry is in the feed's language where it has a version, else marked with its own", async () => {
    const atom = await get("/es/news/feed.atom");
    assert.match(
      atom.body,
      /<entry xml:lang="es"><id>[^<]*<\/id><title type="text">Los inmigrantes nos sostuvieron</,
    );
    assert.match(
      atom.body,
      /<entry xml:lang="en"><id>[^<]*<\/id><title type="text">Statement on TPS</,
    );
    const rss = await get("/es/news/feed.rss");
    assert.match(rss.body, /<title>Statement on TPS<\/title>.*?<dc:language>en<\/dc:language>/);
    assert.match(
      rss.body,
      /<title>Los inmigrantes nos sostuvieron<\/title>.*?<dc:language>es<\/dc:language>/,
    );
  });

  it("ids are stable across requests and languages; the feed is updated when an item is", async () => {
    const first = parseFeed((await get("/news/feed.atom")).body);
    const again = parseFeed((await get("/zh-hans/news/feed.atom")).body);
    assert.deepEqual(
      first.items.map((i) => i.id),
      again.items.map((i) => i.id),
    );
    const later = new Date(Date.now() + 60_000).toISOString();
    await buildResource(ctx.app, {
      type: "news",
      dated_on: "2030-01-01",
      published_at: later,
      updated_at: later,
      versions: { en: { title: "Fresh <news> & views", summary: "It's new." } },
    });
    const feed = parseFeed((await get("/news/feed.atom")).body);
    assert.equal(feed.items[0]?.title, "Fresh <news> & views");
    assert.equal(feed.updated?.toISOString(), later);
    assert.equal(feed.items.length, 3);
  });
});
