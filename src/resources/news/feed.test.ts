// The feed documents, read back by an independent parser (@rowanmanning/feed-parser) and by a
// strict XML parser (@xmldom/xmldom: well-formed, namespaces), with the rules that matter.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseFeed } from "@rowanmanning/feed-parser";
import { DOMParser, type Element } from "@xmldom/xmldom";
import { atomDocument, entryId, type FeedEntry, type FeedMeta, rssDocument, xml } from "./feed.js";

const META: FeedMeta = {
  title: "Cities & Towns: <news>",
  description: 'Op-eds "and" statements',
  lang: "es",
  selfUrl: "https://cfa.test/es/news/feed.atom",
  pageUrl: "https://cfa.test/es/news",
  author: "Cities for Action",
};

const ENTRIES: FeedEntry[] = [
  {
    id: "urn:uuid:7d0e4a3c-58b2-4a7e-9d5b-2a3b4c5d6e7f",
    title: "Tom & Jerry's <script>alert(1)</script> \u0007op-ed",
    summary: 'Immigrants < 1 > 0 "quoted"',
    url: "https://cfa.test/es/resources/op-ed?x=1&y=2",
    lang: "en",
    published: "2021-03-02T15:00:00.000Z",
    updated: "2021-03-04T09:30:00.000Z",
    category: { term: "op_ed", label: "Artículo de opinión" },
  },
  {
    id: "urn:uuid:11111111-2222-4333-8444-555555555555",
    title: "移民让我们的城市更强大",
    summary: "",
    url: "https://cfa.test/es/resources/statement",
    lang: "zh-Hans",
    published: "2020-01-01T00:00:00.000Z",
    updated: "2020-01-01T00:00:00.000Z",
    category: { term: "statement", label: "Declaración" },
  },
];

function strictXml(text: string) {
  const errors: string[] = [];
  const doc = new DOMParser({
    onError: (level, message) => {
      errors.push(`${level}: ${message}`);
    },
  }).parseFromString(text, "text/xml");
  assert.deepEqual(errors, []);
  return doc;
}

describe("the feeds' documents", () => {
  it("escapes markup and drops what XML cannot carry", () => {
    assert.equal(
      xml(`a&b<c>"d"'e'\u0000\u001F\uFFFF\uD800`),
      "a&amp;b&lt;c&gt;&quot;d&quot;&apos;e&apos;",
    );
    assert.equal(xml("tab\tnew\nline 😀"), "tab\tnew\nline 😀");
  });

  it("RSS 2.0: a well-formed channel with its self link, language, and each item's guid and RFC 822 date", () => {
    const text = rssDocument({ ...META, selfUrl: "https://cfa.test/es/news/feed.rss" }, ENTRIES);
    const doc = strictXml(text);
    const self = doc.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "link")[0];
    assert.equal(self?.getAttribute("rel"), "self");
    assert.equal(self?.getAttribute("href"), "https://cfa.test/es/news/feed.rss");
    assert.equal(self?.getAttribute("type"), "application/rss+xml");
    const pubDates = [...doc.getElementsByTagName("pubDate")].map((e) => e.textContent);
    assert.deepEqual(pubDates, ["Tue, 02 Mar 2021 15:00:00 GMT", "Wed, 01 Jan 2020 00:00:00 GMT"]);
    const languages = [
      ...doc.getElementsByTagNameNS("http://purl.org/dc/elements/1.1/", "language"),
    ].map((e) => e.textContent);
    assert.deepEqual(languages, ["en", "zh-Hans"]);

    const feed = parseFeed(text);
    assert.equal(feed.title, "Cities & Towns: <news>");
    assert.equal(feed.language, "es");
    assert.equal(feed.url, "https://cfa.test/es/news");
    assert.equal(feed.self, "https://cfa.test/es/news/feed.rss");
    assert.equal(feed.items.length, 2);
    const [first, second] = feed.items;
    assert.equal(first?.id, "urn:uuid:7d0e4a3c-58b2-4a7e-9d5b-2a3b4c5d6e7f");
    assert.equal(first?.title, "Tom & Jerry's <script>alert(1)</script> op-ed");
    assert.equal(first?.url, "https://cfa.test/es/resources/op-ed?x=1&y=2");
    assert.equal(first?.published?.toISOString(), "2021-03-02T15:00:00.000Z");
    assert.equal(second?.title, "移民让我们的城市更强大");
    // The guid is not a permalink: readers must not take the URN for an address.
    assert.match(text, /<guid isPermaLink="false">urn:uuid:7d0e4a3c/);
  });

  it("Atom: a well-formed feed with id, updated (its newest entry's), self link, author, and each entry's language", () => {
    const text = atomDocument(META, ENTRIES);
    const doc = strictXml(text);
    const root = doc.documentElement;
    assert.equal(root?.namespaceURI, "http://www.w3.org/2005/Atom");
    assert.equal(root?.getAttribute("xml:lang"), "es");
    const child = (name: string) =>
      [...(root?.childNodes ?? [])].filter((n) => n.nodeName === name) as Element[];
    assert.equal(child("id")[0]?.textContent, "https://cfa.test/es/news/feed.atom");
    assert.equal(child("updated")[0]?.textContent, "2021-03-04T09:30:00.000Z");
    assert.equal(child("author").length, 1);
    const links = child("link").map((l) => [l.getAttribute("rel"), l.getAttribute("href")]);
    assert.deepEqual(links, [
      ["self", "https://cfa.test/es/news/feed.atom"],
      ["alternate", "https://cfa.test/es/news"],
    ]);
    const entries = [...doc.getElementsByTagName("entry")];
    assert.deepEqual(
      entries.map((e) => e.getAttribute("xml:lang")),
      ["en", "zh-Hans"],
    );
    for (const entry of entries) {
      // RFC 4287: exactly one id, title and updated per entry, dates in RFC 3339.
      for (const name of ["id", "title", "updated", "published"]) {
        assert.equal(entry.getElementsByTagName(name).length, 1, name);
      }
      assert.match(
        entry.getElementsByTagName("updated")[0]?.textContent ?? "",
        /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/,
      );
    }

    const feed = parseFeed(text);
    assert.equal(feed.self, "https://cfa.test/es/news/feed.atom");
    assert.equal(feed.updated?.toISOString(), "2021-03-04T09:30:00.000Z");
    assert.deepEqual(
      feed.items.map((i) => [i.id, i.title, i.url, i.updated?.toISOString()]),
      [
        [
          "urn:uuid:7d0e4a3c-58b2-4a7e-9d5b-2a3b4c5d6e7f",
          "Tom & Jerry's <script>alert(1)</script> op-ed",
          "https://cfa.test/es/resources/op-ed?x=1&y=2",
          "2021-03-04T09:30:00.000Z",
        ],
        [
          "urn:uuid:11111111-2222-4333-8444-555555555555",
          "移民让我们的城市更强大",
          "https://cfa.test/es/resources/statement",
          "2020-01-01T00:00:00.000Z",
        ],
      ],
    );
  });

  it("an empty feed is still valid, updated at a stable instant", () => {
    const feed = parseFeed(atomDocument(META, []));
    assert.equal(feed.items.length, 0);
    assert.equal(feed.updated?.toISOString(), "1970-01-01T00:00:00.000Z");
  });

  it("an item's id is a URN that does not depend on its slug or the site's address", () => {
    const id = "7D0E4A3C-58B2-4A7E-9D5B-2A3B4C5D6E7F";
    assert.equal(entryId(id, "https://cfa.test"), "urn:uuid:7d0e4a3c-58b2-4a7e-9d5b-2a3b4c5d6e7f");
    assert.equal(
      entryId("demo-op-ed", "https://cfa.test"),
      "tag:cfa.test,2026:resource:demo-op-ed",
    );
  });
});
