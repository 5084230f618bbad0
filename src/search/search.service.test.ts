import assert from "node:assert/strict";
import { it } from "node:test";
import { describeEachDatabase } from "../../test/support/app.js";
import { rebuildSearchIndex, reindexSearch } from "./index.service.js";
import type { SearchDocument, SearchSource } from "./search.model.js";
import { runSearch, type SearchOutcome } from "./search.service.js";

// A source over an in-memory list, standing for a feature's table.
function memorySource(docs: SearchDocument[]): SearchSource & { docs: SearchDocument[] } {
  return {
    name: "memory",
    docs,
    async ids() {
      return [...new Set(this.docs.map((d) => d.refId))];
    },
    async documents(_db, ids) {
      return this.docs.filter((d) => ids.includes(d.refId));
    },
  };
}

function doc(
  refId: string,
  locale: string | null,
  fields: Partial<SearchDocument>,
): SearchDocument {
  return {
    refId,
    locale,
    type: "resource",
    slug: refId,
    path: `/resources/${refId}`,
    title: "Untitled",
    summary: "",
    body: "",
    topics: [],
    dated: "2025-01-01",
    visibleFrom: null,
    isDemo: false,
    ...fields,
  };
}

const NOW = new Date("2026-06-01T12:00:00Z");

function titles(outcome: SearchOutcome): string[] {
  assert.equal(outcome.kind, "results");
  return outcome.kind === "results" ? outcome.results.map((r) => `${r.slug}:${r.locale}`) : [];
}

const corpus = () => [
  doc("a-zh", "zh-Hans", {
    title: "市政身份证工具包",
    body: "移民社区的居民可以申请市政身份证。城市联盟支持移民家庭。",
  }),
  doc("b-es", "es", {
    title: "Guía sobre la inmigración",
    summary: "Cómo comentar una regla federal sobre inmigración.",
    dated: "2025-03-01",
  }),
  doc("c-en", "en", {
    title: "Municipal ID toolkit",
    summary: "How cities run a municipal ID program.",
    topics: ["municipal_id"],
    dated: "2024-05-01",
  }),
  doc("d-en", "en", {
    title: "Public charge explained",
    body: "A municipal ID helps residents. <script>alert(1)</script> & more.",
    dated: "2025-09-01",
  }),
  doc("e-en", "en", {
    title: "Scheduled municipal ID note",
    visibleFrom: "2027-01-01T00:00:00.000Z",
  }),
  doc("f", "en", { title: "Language access", body: "Interpretation in many languages." }),
  doc("f", "es", { title: "Acceso lingüístico", body: "Interpretación en muchos idiomas." }),
];

describeEachDatabase("search over the index", { seed: false }, (ctx) => {
  const search = (q: string, more: Partial<Parameters<typeof runSearch>[1]> = {}) =>
    runSearch(ctx.database.db, { q, page: 1, readerLocale: "en", now: NOW, ...more });

  it("finds a two-character Chinese word inside a sentence, and Spanish with or without accents", async () => {
    const source = memorySource(corpus());
    await rebuildSearchIndex(ctx.database.db, [source]);
    assert.deepEqual(titles(await search("居民")), ["a-zh:zh-Hans"]);
    assert.deepEqual(titles(await search("移民 ")), ["a-zh:zh-Hans"]);
    assert.deepEqual(titles(await search("inmigracion ")), ["b-es:es"]);
    assert.deepEqual(titles(await search("INMIGRACIÓN ")), ["b-es:es"]);
  });

  it("ranks a title match above a body match, then the newer; never finds what is scheduled", async () => {
    assert.deepEqual(titles(await search("municipal id ")), ["c-en:en", "d-en:en"]);
    assert.deepEqual(titles(await search('"id helps"')), ["d-en:en"]);
    assert.deepEqual(titles(await search('"helps id"')), []);
    assert.deepEqual(titles(await search("munic")), ["c-en:en", "d-en:en"]);
    assert.deepEqual(titles(await search("municipal", { topic: "municipal_id" })), ["c-en:en"]);
  });

  it("gives each thing once, in the reader's language first, and filters by language", async () => {
    assert.deepEqual(titles(await search("interpretacion OR interpretation")), []);
    assert.deepEqual(titles(await search("acceso", { readerLocale: "en" })), ["f:es"]);
    assert.deepEqual(titles(await search("languages", { readerLocale: "es" })), ["f:en"]);
    assert.deepEqual(titles(await search("fed")), ["b-es:es"]);
    assert.deepEqual(titles(await search("muchos", { lang: "en" })), []);
  });

  it("keeps the source's markup as text in the snippet", async () => {
    const outcome = await search("helps");
    assert.equal(outcome.kind, "results");
    if (outcome.kind !== "results") return;
    const parts = outcome.results[0]?.snippet ?? [];
    assert.ok(parts.some((p) => p.mark && p.text === "helps"));
    assert.ok(
      parts
        .map((p) => p.text)
        .join("")
        .includes("<script>alert(1)</script>"),
    );
  });

  it("follows a change at once and in the same transaction; a rollback leaves the index as it was", async () => {
    const source = memorySource(corpus());
    source.docs.push(doc("g", "en", { title: "Family separation report" }));
    await ctx.database.db.transaction().execute((trx) => reindexSearch(trx, source, ["g"]));
    assert.deepEqual(titles(await search("separation")), ["g:en"]);
    source.docs = source.docs.filter((d) => d.refId !== "g");
    await assert.rejects(
      ctx.database.db.transaction().execute(async (trx) => {
        await reindexSearch(trx, source, ["g"]);
        throw new Error("the change failed");
      }),
    );
    assert.deepEqual(titles(await search("separation")), ["g:en"]);
    await ctx.database.db.transaction().execute((trx) => reindexSearch(trx, source, ["g"]));
    assert.deepEqual(titles(await search("separation")), []);
  });

  it("leaves the index as it was when a rebuild fails part way, and rebuilds after", async () => {
    await rebuildSearchIndex(ctx.database.db, [memorySource(corpus())]);
    const before = titles(await search("toolkit"));
    assert.deepEqual(before, ["c-en:en"]);
    // Past the first batch (200 things), so some rows and words are written before the failure.
    const many = Array.from({ length: 450 }, (_, i) =>
      doc(`x${i}`, "en", { title: `Separation note ${i}`, body: "移民家庭的居民。" }),
    );
    let calls = 0;
    const failing = memorySource(many);
    const documents = failing.documents.bind(failing);
    failing.documents = async (db, ids) => {
      if (++calls === 3) throw new Error("a source failed");
      return documents(db, ids);
    };
    await assert.rejects(rebuildSearchIndex(ctx.database.db, [failing]), /a source failed/);
    assert.deepEqual(titles(await search("toolkit")), before);
    assert.deepEqual(titles(await search("separation")), []);
    assert.equal(await rebuildSearchIndex(ctx.database.db, [memorySource(many)]), 450);
    assert.equal((await search("separation note 449")).kind, "results");
    assert.deepEqual(titles(await search("toolkit")), []);
  });

  it("counts up to a thousand things and says when there are more", async () => {
    const many = memorySource(
      Array.from({ length: 1005 }, (_, i) => doc(`many-${i}`, "en", { title: `Lantern ${i}` })),
    );
    await ctx.database.db.transaction().execute((trx) =>
      reindexSearch(
        trx,
        many,
        many.docs.map((d) => d.refId),
      ),
    );
    const outcome = await search("lantern", { page: 50 });
    assert.equal(outcome.kind, "results");
    if (outcome.kind !== "results") return;
    assert.deepEqual([outcome.total, outcome.more, outcome.pages], [1000, true, 50]);
    assert.equal(outcome.results.length, 20);
  });

  it("answers an empty, a wordless and a too-long query plainly", async () => {
    assert.equal((await search("   ")).kind, "empty");
    assert.equal((await search("!!! ???")).kind, "no_words");
    assert.equal((await search("x".repeat(201))).kind, "too_long");
  });
  it("ranks the reader's language and things in none first (titles, then texts), then the other languages in the site's order", async () => {
    const source = memorySource([
      doc("r-es-old", "es", { title: "Rivera en la ciudad", dated: "2020-01-01" }),
      doc("r-zh", "zh-Hans", { title: "Rivera 市", dated: "2026-01-01" }),
      doc("r-en-text", "en", { body: "Rivera spoke.", dated: "2026-02-01" }),
      doc("r-member", null, { title: "Rivera, CA", type: "member", dated: "2019-01-01" }),
      doc("r-en-title", "en", { title: "Rivera notes", dated: "2018-01-01" }),
      doc("r-es-new", "es", { body: "Habló Rivera.", dated: "2026-03-01" }),
    ]);
    await rebuildSearchIndex(ctx.database.db, [source]);
    assert.deepEqual(titles(await search("rivera")), [
      "r-en-title:en",
      "r-member:null",
      "r-en-text:en",
      "r-es-old:es",
      "r-es-new:es",
      "r-zh:zh-Hans",
    ]);
    assert.deepEqual(titles(await search("rivera", { readerLocale: "zh-Hans" })), [
      "r-zh:zh-Hans",
      "r-member:null",
      "r-en-title:en",
      "r-en-text:en",
      "r-es-old:es",
      "r-es-new:es",
    ]);
    assert.deepEqual(titles(await search("rivera", { lang: "es" })), [
      "r-es-old:es",
      "r-es-new:es",
    ]);
  });

  it("finds every word a long prefix begins, even when it begins many, and nothing when none", async () => {
    const words = Array.from(
      { length: 70 },
      (_, i) => `plexus${String.fromCharCode(97 + (i % 26))}${i}`,
    );
    const source = memorySource([
      doc("p-few", "en", { title: "Plexusfew here" }),
      doc("p-many", "en", { body: words.join(" "), dated: "2024-01-01" }),
    ]);
    await rebuildSearchIndex(ctx.database.db, [source]);
    assert.deepEqual(titles(await search("plexusf")), ["p-few:en", "p-many:en"]);
    assert.deepEqual(titles(await search("plexus")), ["p-few:en", "p-many:en"]);
    assert.deepEqual(titles(await search("plexusz25")), ["p-many:en"]);
    assert.deepEqual(titles(await search("plexusy9")), []);
  });
});
