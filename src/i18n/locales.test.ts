import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  findLocale,
  type Locale,
  localeOfPath,
  localizedPath,
  preferredLocale,
  stripLocale,
} from "./locales.js";

const es = findLocale("es");
const zh = findLocale("zh-Hans");
const en = findLocale("en");

describe("locale paths", () => {
  it("maps paths to locales by their prefix, case-insensitively", () => {
    assert.equal(localeOfPath("/"), en);
    assert.equal(localeOfPath("/members"), en);
    assert.equal(localeOfPath("/es"), es);
    assert.equal(localeOfPath("/es/members?x=1"), es);
    assert.equal(localeOfPath("/zh-hans/"), zh);
    assert.equal(localeOfPath("/ZH-HANS/"), zh);
    assert.equal(localeOfPath("/en/members"), en, "the default locale has no prefix of its own");
    assert.equal(localeOfPath("/estonia"), en);
  });

  it("reads the first segment up to a slash, a query or a fragment, and nothing else", () => {
    const cases: [string, Locale | undefined][] = [
      ["/es?x=1", es],
      ["/es#top", es],
      ["/es/", es],
      ["/zh-Hans?q=/es", zh],
      ["/?es", en],
      ["/#es", en],
      ["//es", en],
      ["/es-mx", en],
      ["/zh-hans-x/", en],
      ["/e", en],
      ["", en],
      ["/members/es", en],
    ];
    for (const [path, locale] of cases) assert.equal(localeOfPath(path), locale, path);
  });

  it("adds and strips prefixes symmetrically", () => {
    for (const locale of [en, es, zh]) {
      assert.ok(locale);
      for (const path of ["/", "/members", "/issues/immigration-reform"]) {
        assert.equal(stripLocale(localizedPath(locale, path)), path);
      }
    }
    assert.ok(es && zh);
    assert.equal(localizedPath(es, "/"), "/es/");
    assert.equal(localizedPath(zh, "/news"), "/zh-hans/news");
    assert.equal(stripLocale("/es"), "/");
  });
});

describe("preferredLocale", () => {
  const cases: [string | undefined, string | undefined][] = [
    [undefined, undefined],
    ["", undefined],
    ["es-MX,es;q=0.9,en;q=0.8", "es"],
    ["fr-FR,fr;q=0.9", undefined],
    ["fr;q=0.9,es;q=0.5", "es"],
    ["zh-CN,zh;q=0.9", "zh-Hans"],
    ["zh-TW", undefined],
    ["zh-TW,zh;q=0.9", "zh-Hans"],
    ["zh-Hant", undefined],
    ["zh-Hans-CN", "zh-Hans"],
    ["en-US,en;q=0.9,es;q=0.8", "en"],
    ["es;q=0.2,en;q=0.8", "en"],
    ["*", undefined],
    ["es;q=0", undefined],
    ["es;q=abc, en;q=0.1", "en"],
  ];
  for (const [header, expected] of cases) {
    it(`${JSON.stringify(header)} → ${expected}`, () => {
      assert.equal(preferredLocale(header)?.tag, expected);
    });
  }
});
