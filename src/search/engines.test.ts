// The same corpus on SQLite and PostgreSQL gives the same ranked items for the same queries:
// what matches is the same words (cut and folded once, search/text.ts) and the order is plain
// SQL both engines run alike (db/fulltext.ts).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  createTestDatabase,
  type TestDatabase,
  testDialects,
} from "../../test/support/databases.js";
import { type Database, openDatabase } from "../db/index.js";
import { rebuildSearchIndex } from "./index.service.js";
import type { SearchDocument, SearchSource } from "./search.model.js";
import { runSearch } from "./search.service.js";

const LOCALES = ["en", "es", "zh-Hans"] as const;
const WORDS = {
  en: "immigrant residents municipal identification program public charge rule comment city county family separation language access toolkit report".split(
    " ",
  ),
  es: "inmigrantes residentes identificación municipal programa carga pública regla comentario ciudad condado separación familiar acceso lingüístico".split(
    " ",
  ),
  "zh-Hans": "移民 居民 市政 身份证 项目 公共 负担 规则 评论 城市 县 家庭 分离 语言 服务".split(
    " ",
  ),
};

/** A corpus made the same way each time: words drawn by a fixed sequence, not at random. */
function corpus(): SearchDocument[] {
  const docs: SearchDocument[] = [];
  for (let i = 0; i < 90; i += 1) {
    const locale = LOCALES[i % 3] ?? "en";
    const words = WORDS[locale];
    const pick = (n: number, from: number, stride = 7) =>
      Array.from({ length: n }, (_, k) => words[(from + k * stride + i) % words.length]);
    const join = locale === "zh-Hans" ? "" : " ";
    docs.push({
      refId: `00000000-0000-4000-8000-${String(Math.floor(i / 3)).padStart(12, "0")}`,
      locale,
      type: (["resource", "news", "campaign"] as const)[i % 3] ?? "resource",
      slug: `item-${Math.floor(i / 3)}`,
      path: `/resources/item-${Math.floor(i / 3)}`,
      title: pick(3, i).join(join),
      summary: `${pick(8, i * 3, 1).join(join)}.`,
      body: `${pick(40, i * 5).join(join)}。 ${pick(20, i).join(join)}.`,
      topics: i % 4 === 0 ? ["public_charge"] : ["language_access"],
      dated: `2025-${String((i % 12) + 1).padStart(2, "0")}-${String((i % 27) + 1).padStart(2, "0")}`,
      visibleFrom: i % 10 === 0 ? "2099-01-01T00:00:00.000Z" : null,
      isDemo: false,
    });
  }
  return docs;
}

const source: SearchSource = {
  name: "corpus",
  async ids() {
    return [...new Set(corpus().map((d) => d.refId))];
  },
  async documents(_db, ids) {
    return corpus().filter((d) => ids.includes(d.refId));
  },
};

const QUERIES = [
  "municipal",
  "identificacion municipal",
  "IDENTIFICACIÓN",
  "身份证",
  "市政 身份证",
  '"public charge"',
  '"carga publica"',
  "fam",
  "sep",
  "comment rule ",
  "移民",
  "language access toolkit",
  "zzz-not-there",
];

const dialects = testDialects();

describe("the same ranked items on both databases", { skip: dialects[1]?.skip }, () => {
  const opened: { test: TestDatabase; database: Database }[] = [];
  before(async () => {
    for (const kind of ["sqlite", "postgres"] as const) {
      const test = await createTestDatabase(kind, { census: false });
      const database = openDatabase(test.settings);
      await rebuildSearchIndex(database.db, [source]);
      opened.push({ test, database });
    }
  });
  after(async () => {
    for (const { test, database } of opened) {
      await database.close();
      await test.drop();
    }
  });

  for (const q of QUERIES) {
    for (const readerLocale of ["en", "zh-Hans"]) {
      it(`${q} (reader ${readerLocale})`, async () => {
        const [sqlite, postgres] = await Promise.all(
          opened.map(async ({ database }) => {
            const pages = [];
            for (const page of [1, 2]) {
              const outcome = await runSearch(database.db, {
                q,
                page,
                pageSize: 10,
                readerLocale,
                now: new Date("2026-06-01T00:00:00Z"),
              });
              assert.equal(outcome.kind, "results");
              if (outcome.kind === "results") {
                pages.push(outcome.total, ...outcome.results.map((r) => `${r.slug}:${r.locale}`));
              }
            }
            return pages;
          }),
        );
        assert.deepEqual(postgres, sqlite);
        if (q !== "zzz-not-there") assert.ok(Number(sqlite?.[0] ?? 0) > 0, "found something");
      });
    }
  }

  it("filters by type, language and topic alike", async () => {
    const [sqlite, postgres] = await Promise.all(
      opened.map(async ({ database }) => {
        const outcome = await runSearch(database.db, {
          q: "municipal",
          types: ["resource"],
          lang: "en",
          topic: "public_charge",
          page: 1,
          readerLocale: "en",
          now: new Date("2026-06-01T00:00:00Z"),
        });
        return outcome.kind === "results" ? outcome.results.map((r) => r.slug) : [];
      }),
    );
    assert.deepEqual(postgres, sqlite);
  });
});
