import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MAX_CLAUSES, parseQuery } from "./query.js";
import { terms, tokenize } from "./text.js";

describe("cutting words", () => {
  it("folds case, accents and full-width forms, and cuts at anything but letters and digits", () => {
    assert.deepEqual(terms("Inmigración ＩＤ Lingüística don't H-1B café"), [
      "inmigracion",
      "id",
      "linguistica",
      "don",
      "t",
      "h",
      "1b",
      "cafe",
    ]);
  });

  it("finds a two-character Chinese word inside a sentence, as it finds it alone", () => {
    const sentence = "移民社区的居民可以申请市政身份证。城市联盟支持移民家庭，H1B签证也在其中。";
    assert.ok(terms(sentence).includes("居民"));
    assert.ok(terms(sentence).includes("签证"));
    assert.deepEqual(terms("居民"), ["居民"]);
    assert.deepEqual(terms("H1B签证"), ["h1b", "签证"]);
  });

  it("says where each word stands in the original text", () => {
    const text = "La inmigración, 移民社区。";
    for (const token of tokenize(text)) {
      assert.ok(["la", "inmigracion", "移民", "社区"].includes(token.term), token.term);
      assert.equal(terms(text.slice(token.start, token.end))[0], token.term);
    }
  });
});

describe("reading a query", () => {
  it("takes quoted phrases, in straight, typographic and corner quotes", () => {
    const { clauses } = parseQuery('"public charge" “carga pública” 「市政 身份证」 rule ');
    assert.deepEqual(clauses, [
      { terms: ["public", "charge"], phrase: true, prefix: false },
      { terms: ["carga", "publica"], phrase: true, prefix: false },
      // However ICU cuts 身份证, the phrase holds its words in order.
      { terms: ["市政", ...terms("身份证")], phrase: true, prefix: false },
      { terms: ["rule"], phrase: false, prefix: false },
    ]);
  });

  it("looks for the last word as a prefix while it is typed, not a lone Latin letter", () => {
    assert.equal(parseQuery("municipal ide").clauses[1]?.prefix, true);
    assert.equal(parseQuery("municipal ide ").clauses[1]?.prefix, false);
    assert.equal(parseQuery("municipal i").clauses[1]?.prefix, false);
    assert.equal(parseQuery("移").clauses[0]?.prefix, true);
    assert.equal(parseQuery('"municipal id"').clauses[0]?.prefix, false);
  });

  it("asks for each word once and for at most a dozen", () => {
    assert.equal(parseQuery("id id ID ").clauses.length, 1);
    const many = Array.from({ length: 30 }, (_, i) => `word${i}`).join(" ");
    assert.equal(parseQuery(many).clauses.length, MAX_CLAUSES);
  });
});
