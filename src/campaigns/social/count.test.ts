// Each platform's length rule: X against twitter-text's own conformance cases (a copy, see the
// fixture's source and licence), and the rules of the others on the texts where they differ.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { countFor, graphemeCount, mastodonLength, threadsLength } from "./count.js";
import { PLATFORM_INFO, PLATFORMS } from "./platforms.js";

interface ConformanceCase {
  group: string;
  description: string;
  text: string;
  weightedLength: number;
  valid: boolean;
}

const FAMILY = "\u{1F468}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}"; // 👨‍👩‍👧‍👦, 7 code points
const LONG_URL = `https://example.com/${"a".repeat(80)}`;

describe("X: twitter-text's weighted length", () => {
  let cases: ConformanceCase[] = [];
  before(() => {
    const path = join(import.meta.dirname, "fixtures", "twitter-text-validate.json");
    cases = (JSON.parse(readFileSync(path, "utf8")) as { cases: ConformanceCase[] }).cases;
  });

  it("matches the conformance suite's weighted lengths and validity (20+ cases)", () => {
    assert.ok(cases.length >= 20, `only ${cases.length} cases`);
    for (const c of cases) {
      const count = countFor("x", c.text);
      assert.equal(count.length, c.weightedLength, `${c.group}: ${c.description}`);
      assert.equal(count.ok, c.valid, `${c.group}: ${c.description} (valid)`);
    }
  });

  it("counts CJK characters 2 and an emoji 2, a family sequence included", () => {
    assert.equal(countFor("x", "移民").length, 4);
    assert.equal(countFor("x", "ab").length, 2);
    assert.equal(countFor("x", "\u{1F600}").length, 2);
    assert.equal(countFor("x", FAMILY).length, 2);
  });

  it("counts any link as 23", () => {
    assert.equal(countFor("x", LONG_URL).length, 23);
    assert.equal(countFor("x", `Read ${LONG_URL}`).length, 28);
  });

  it("says 301 of 280 for 301 Latin letters, and 280 of 280 fits", () => {
    assert.deepEqual(countFor("x", "a".repeat(301)), { length: 301, limit: 280, ok: false });
    assert.deepEqual(countFor("x", "a".repeat(280)), { length: 280, limit: 280, ok: true });
  });

  it("refuses a character X refuses, but an empty text is the form's business", () => {
    assert.equal(countFor("x", "hello\uFFFE").ok, false);
    assert.deepEqual(countFor("x", ""), { length: 0, limit: 280, ok: true });
  });
});

describe("Bluesky: grapheme clusters", () => {
  it("counts a family emoji as 1 and a flag as 1", () => {
    assert.equal(countFor("bluesky", FAMILY).length, 1);
    assert.equal(countFor("bluesky", "\u{1F1FA}\u{1F1F8}").length, 1);
    assert.equal(countFor("bluesky", "e\u0301").length, 1);
  });

  it("counts a link by its characters, and refuses 301 graphemes", () => {
    assert.equal(countFor("bluesky", LONG_URL).length, LONG_URL.length);
    assert.deepEqual(countFor("bluesky", "b".repeat(301)), { length: 301, limit: 300, ok: false });
    assert.equal(countFor("bluesky", "b".repeat(300)).ok, true);
  });

  it("refuses more than 3,000 UTF-8 bytes even within 300 graphemes", () => {
    const text = FAMILY.repeat(150); // 150 graphemes, 25 bytes each
    assert.equal(countFor("bluesky", text).length, 150);
    assert.equal(countFor("bluesky", text).ok, false);
  });
});

describe("Mastodon: graphemes, links as 23, remote mentions without their domain", () => {
  it("counts a long link as 23", () => {
    assert.equal(mastodonLength(LONG_URL), 23);
    assert.equal(countFor("mastodon", `Read ${LONG_URL} now`).length, 5 + 23 + 4);
  });

  it("counts a short link as 23 too, and text without a scheme by its characters", () => {
    assert.equal(mastodonLength("http://a.co"), 23);
    assert.equal(mastodonLength("example.com"), 11);
  });

  it("drops the domain of a remote mention and counts a family emoji as 1", () => {
    assert.equal(mastodonLength("@gargron@mastodon.social hi"), "@gargron hi".length);
    assert.equal(mastodonLength("mail me: a@b.example"), "mail me: a@b.example".length);
    assert.equal(mastodonLength(FAMILY), 1);
  });

  it("has a limit of 500", () => {
    assert.deepEqual(countFor("mastodon", "m".repeat(501)), { length: 501, limit: 500, ok: false });
  });
});

describe("Threads: characters, an emoji by its UTF-8 bytes", () => {
  it("counts letters and CJK as 1 and an emoji by its bytes", () => {
    assert.equal(threadsLength("abc"), 3);
    assert.equal(threadsLength("移民"), 2);
    assert.equal(threadsLength("\u{1F600}"), 4);
    assert.equal(threadsLength(FAMILY), 25);
    assert.equal(threadsLength("\u{1F1FA}\u{1F1F8}"), 8);
  });

  it("refuses 501 characters", () => {
    assert.deepEqual(countFor("threads", "t".repeat(501)), { length: 501, limit: 500, ok: false });
  });
});

describe("Facebook, Instagram, LinkedIn: UTF-16 code units", () => {
  it("counts an emoji as 2 and a CJK character as 1", () => {
    for (const platform of ["facebook", "instagram", "linkedin"] as const) {
      assert.equal(countFor(platform, "\u{1F600}").length, 2, platform);
      assert.equal(countFor(platform, "移民").length, 2, platform);
    }
  });

  it("holds each to its documented limit", () => {
    assert.equal(countFor("facebook", "f".repeat(63_206)).ok, true);
    assert.equal(countFor("facebook", "f".repeat(63_207)).ok, false);
    assert.equal(countFor("instagram", "i".repeat(2_201)).ok, false);
    assert.equal(countFor("linkedin", "l".repeat(3_001)).ok, false);
  });
});

describe("countFor", () => {
  it("answers every platform with its limit", () => {
    for (const platform of PLATFORMS)
      assert.equal(countFor(platform, "hello").limit, PLATFORM_INFO[platform].limit);
    assert.equal(graphemeCount(""), 0);
  });
});
