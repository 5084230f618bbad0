import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ActionIndex, MeterIndexes } from "./meter.index.js";
import { type Meter, measure, OWN_SHARE_TARGET } from "./meter.service.js";
import { shingleSet, shingles, tokenize } from "./meter.tokens.js";

const TEMPLATE = [
  "On behalf of {name}, we write to oppose the proposed rule on inadmissibility on public charge grounds.",
  "The rule would discourage immigrant families from seeking health care, nutrition and housing benefits for which they are eligible.",
  "Local governments would bear the cost of worse health outcomes and of emergency care that comes too late.",
].join("\n\n");
const filled = (name: string) => TEMPLATE.replace("{name}", name);

const OWN = [
  "Our clinics counted eleven hundred fewer visits by mothers last winter after rumours spread at the school gates.",
  "Staff at the Hollydale library tell us parents now ask whether a library card is recorded anywhere federal.",
].join("\n\n");

const SHARED =
  "Our county hospital district reported that enrollment in prenatal programs fell sharply during the months after the draft was published.";

/** An index of other members' drafts, each with its id and version 1. */
function indexOf(drafts: Record<string, string>): ActionIndex {
  const index = new ActionIndex();
  for (const [id, body] of Object.entries(drafts))
    index.put(id, { version: 1, shingles: shingleSet(body) });
  return index;
}

const text = (body: string, meter: Meter) =>
  meter.passages.map((p) => `${p.source}:${p.drafts}:${body.slice(p.start, p.end)}`);

describe("words and shingles", () => {
  it("cuts words with their offsets, normalized (case, NFKC, apostrophes), punctuation left out", () => {
    const body = "Ｔhe CITY’s ﬁve-year plan, 1,234 people.";
    const words = tokenize(body);
    assert.deepEqual(
      Array.from(words.start, (s, i) => body.slice(s, words.end[i])),
      ["Ｔhe", "CITY’s", "ﬁve", "year", "plan", "1,234", "people"],
    );
    assert.deepEqual(tokenize("the city's five").hash.slice(0, 3), words.hash.slice(0, 3));
  });

  it("counts a Chinese character as half a word: a shingle is 5 words or 10 characters", () => {
    const zh = tokenize("我们反对公共负担规则");
    assert.equal(zh.count, 10);
    assert.equal(shingles(zh).count, 1);
    assert.equal(shingles(tokenize("我们反对公共负担规")).count, 0);
    assert.equal(shingles(tokenize("one two three four five six")).count, 2);
    const mixed = tokenize("South Gate市2020年的居民");
    assert.deepEqual(
      Array.from(mixed.start, (s, i) => "South Gate市2020年的居民".slice(s, mixed.end[i])),
      ["South", "Gate", "市", "2020", "年", "的", "居", "民"],
    );
  });
});

describe("the uniqueness meter", () => {
  it("finds nothing of the member's own in a draft identical to the template", () => {
    const body = filled("South Gate, CA");
    const meter = measure(body, { template: shingleSet(body) });
    assert.equal(meter.ownShare, 0);
    assert.equal(meter.ownWords, 0);
    assert.equal(meter.words, tokenize(body).count);
    assert.deepEqual(meter.passages, [
      { start: 0, end: body.length - 1, source: "template", drafts: 0 },
    ]);
  });

  it("finds a fully rewritten draft all the member's own", () => {
    const others = indexOf({ b: filled("Tucson, AZ"), c: `${filled("Boise, ID")}\n\n${SHARED}` });
    const meter = measure(OWN, { template: shingleSet(filled("South Gate, CA")), index: others });
    assert.equal(meter.ownShare, 1);
    assert.deepEqual(meter.passages, []);
    assert.ok(meter.ownShare >= OWN_SHARE_TARGET);
  });

  it("marks a paragraph shared with two other members' drafts at its offsets, from 2 drafts", () => {
    const index = indexOf({
      b: `${filled("Tucson, AZ")}\n\n${SHARED}`,
      c: `Something else entirely, in words of its own.\n\n${SHARED}`,
      d: filled("Boise, ID"),
    });
    const body = `${OWN}\n\n${SHARED}`;
    const meter = measure(body, { template: shingleSet(filled("South Gate, CA")), index });
    const at = body.indexOf(SHARED);
    assert.deepEqual(meter.passages, [
      { start: at, end: at + SHARED.length - 1, source: "others", drafts: 2 },
    ]);
    const sharedWords = tokenize(SHARED).count;
    assert.equal(meter.ownWords, meter.words - sharedWords);
  });

  it("counts the template's words as shared, whoever else has them, and the rest as own", () => {
    const index = indexOf({ b: filled("Tucson, AZ"), c: filled("Boise, ID") });
    const body = `${filled("South Gate, CA")}\n\n${OWN}`;
    const meter = measure(body, { template: shingleSet(filled("South Gate, CA")), index });
    assert.deepEqual(text(body, meter), [`template:0:${filled("South Gate, CA").slice(0, -1)}`]);
    assert.equal(meter.ownWords, tokenize(OWN).count);
    assert.ok(Math.abs(meter.ownShare - tokenize(OWN).count / tokenize(body).count) < 1e-9);
  });

  it("does not count the member's own name, filled in, as shared with other members", () => {
    const body = filled("South Gate, CA");
    const index = indexOf({ b: filled("Tucson, AZ"), c: filled("Boise, ID") });
    // Against the template filled for this member, the name is the template's: not own words.
    assert.equal(measure(body, { template: shingleSet(body), index }).ownShare, 0);
    // Against the others alone, the name is nobody else's: the shared text stops around it.
    const meter = measure(body, { template: new Int32Array(), index });
    const name = body.indexOf("South Gate, CA");
    for (const p of meter.passages) {
      assert.equal(p.source, "others");
      assert.equal(p.drafts, 2);
      assert.ok(
        p.end <= name || p.start >= name + "South Gate, CA".length,
        text(body, meter).join("|"),
      );
    }
    assert.deepEqual(
      meter.passages.map((p) => p.start),
      [body.indexOf("we write")],
    );
    assert.equal(meter.ownWords, 6, "On behalf of South Gate CA: no shingle of them is elsewhere");
  });

  it("measures Chinese by characters", () => {
    const template =
      "我们谨代表本市反对关于以公共负担为由不予入境的拟议规则。该规则将使移民家庭不敢申请他们有资格获得的医疗和营养福利。";
    const own =
      "去年冬天，我们的社区诊所发现前来产检的母亲明显减少，许多家长询问办理图书证是否会被联邦政府记录。";
    const body = `${template}\n\n${own}`;
    const meter = measure(body, { template: shingleSet(template) });
    assert.deepEqual(meter.passages, [
      { start: 0, end: template.length - 1, source: "template", drafts: 0 },
    ]);
    const hanOf = (s: string) => s.match(/\p{Script=Han}/gu)?.length ?? 0;
    assert.equal(meter.ownWords, hanOf(own));
    assert.equal(meter.words, hanOf(body));
  });

  it("measures Spanish, accents and letter case as written or not", () => {
    const template =
      "En nombre de la ciudad, nos oponemos a la norma propuesta sobre la carga pública.";
    const body = `EN NOMBRE DE LA CIUDAD, nos oponemos a la norma propuesta sobre la carga pública. Nuestras clínicas atendieron a menos madres este invierno.`;
    const meter = measure(body, { template: shingleSet(template) });
    assert.deepEqual(text(body, meter), [
      "template:0:EN NOMBRE DE LA CIUDAD, nos oponemos a la norma propuesta sobre la carga pública",
    ]);
    assert.equal(meter.ownWords, 8);
    // "publica" without its accent is another word: the last shingle no longer matches.
    const plain = measure(body.replace("pública", "publica"), { template: shingleSet(template) });
    assert.ok(plain.ownWords > meter.ownWords);
  });

  it("does not count a draft against its own stored version", () => {
    const body = `${OWN}\n\n${SHARED}`;
    const index = indexOf({ mine: body, b: SHARED });
    const meter = measure(body, { template: new Int32Array(), index, draftId: "mine" });
    assert.deepEqual(
      meter.passages.map((p) => [p.source, p.drafts]),
      [["others", 1]],
    );
    assert.equal(meter.ownWords, tokenize(OWN).count);
    const unsaved = measure(body, { template: new Int32Array(), index });
    assert.equal(unsaved.ownWords, 0, "without its id, the stored copy is another draft");
  });

  it("gives a draft shorter than a shingle, or empty, no passages", () => {
    const t = shingleSet("We oppose the rule. It harms families.");
    assert.deepEqual(measure("We oppose the rule.", { template: t }), {
      ownShare: 1,
      ownWords: 4,
      words: 4,
      passages: [],
    });
    assert.deepEqual(measure(" \n", { template: t }), {
      ownShare: 0,
      ownWords: 0,
      words: 0,
      passages: [],
    });
  });
});

describe("the index", () => {
  it("replaces a draft's shingles when its version changes, and ignores an older version", () => {
    const index = indexOf({ b: SHARED });
    const hash = shingleSet(SHARED)[0] as number;
    assert.equal(index.holders(hash, undefined), 1);
    index.put("b", { version: 2, shingles: shingleSet(OWN) });
    assert.equal(index.holders(hash, undefined), 0);
    index.put("b", { version: 1, shingles: shingleSet(SHARED) });
    assert.equal(index.holders(hash, undefined), 0, "an older version does not come back");
    assert.equal(index.size, shingleSet(OWN).length);
    index.remove("b");
    assert.equal(index.size, 0);
    assert.equal(index.counts.size, 0);
  });

  it("drops the least recently used actions past its bound, never the one in use", () => {
    const store = new MeterIndexes(2 * shingleSet(OWN).length);
    const fill = (id: string) => {
      const index = store.of(id);
      index.put("x", { version: 1, shingles: shingleSet(OWN) });
      store.trim(index);
    };
    fill("a");
    fill("b");
    store.of("a"); // a is now the more recent
    fill("c");
    assert.deepEqual([store.has("a"), store.has("b"), store.has("c")], [true, false, true]);
  });
});
