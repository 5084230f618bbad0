// Search at the size of issue 14's "How fast": 10,000 items in three languages (search-corpus.ts)
// indexed through the real path (a SearchSource and `rebuildSearchIndex`, one transaction) on a
// fresh SQLite database in this process, then `runSearch` (page 1, 20 results, snippets made)
// over the mixed query set of search-queries.ts, each query once per reader language.
// BENCH_SEARCH_SPLIT=1 also times `searchFulltext` (the SQL) and the snippets apart, estimates
// how much of the indexing is cutting words, and shows SQLite's plan for the slowest query.
// Printed by search-report.ts.
import { statSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { CompiledQuery, type Kysely, type KyselyPlugin, sql } from "kysely";
import { type FulltextQuery, searchFulltext } from "../src/db/fulltext.js";
import { type DB, migrateToLatest, openDatabase } from "../src/db/index.js";
import { rebuildSearchIndex } from "../src/search/index.service.js";
import { parseQuery } from "../src/search/query.js";
import { fulltextQueryOf, runSearch } from "../src/search/search.service.js";
import { snippetOf } from "../src/search/snippet.js";
import { terms } from "../src/search/text.js";
import { quantile } from "./members-page.js";
import { benchSource, ITEMS, itemDocuments, LANGS, NOW } from "./search-corpus.js";
import { QUERY_CLASSES } from "./search-queries.js";

export const WARMUP_PASSES = Number(process.env.BENCH_SEARCH_WARMUPS ?? 10);
export const PASSES = Number(process.env.BENCH_SEARCH_PASSES ?? 5);
export const SPLIT = process.env.BENCH_SEARCH_SPLIT === "1";
/** Items whose words are cut again, timed, to estimate the share of cutting words in indexing. */
const TOKENIZE_SAMPLE = 1000;

export interface QueryTimings {
  className: string;
  q: string;
  reader: string;
  total: number;
  ms: number[];
  /** The process's CPU time (user + system) for the same calls. */
  cpuMs: number[];
  /** With BENCH_SEARCH_SPLIT=1: searchFulltext alone, and making the page's snippets. */
  sqlMs: number[];
  snippetMs: number[];
}

export interface SearchBenchResult {
  items: number;
  documents: number;
  bodyMb: number;
  indexMs: number;
  generatingMs: number;
  fileBefore: number;
  fileAfter: number;
  /** Pages per table and index (dbstat), the search ones only. */
  tables: { name: string; bytes: number }[];
  /** With BENCH_SEARCH_SPLIT=1: cutting the words of every document (terms), by language. */
  tokenizeMs?: Record<string, number>;
  /** The process's peak resident memory after indexing, and at the end. */
  peakMbIndexing: number;
  peakMb: number;
  queries: QueryTimings[];
  plan?: { q: string; reader: string; lines: string[] };
}

/** The database file and its WAL, after a checkpoint that empties the WAL into the file. */
async function fileBytes(db: Kysely<DB>, path: string): Promise<number> {
  await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
  const size = (p: string) => {
    try {
      return statSync(p).size;
    } catch {
      return 0;
    }
  };
  return size(path) + size(`${path}-wal`);
}

/** What runSearch asks of searchFulltext for page 1. */
function fulltextQuery(q: string, reader: string): FulltextQuery {
  return fulltextQueryOf({ page: 1, readerLocale: reader, now: NOW }, parseQuery(q).clauses);
}

/** Times the SQL and then the snippets of its hits, made as runSearch makes them. */
async function timeApart(db: Kysely<DB>, t: QueryTimings) {
  const parsed = parseQuery(t.q);
  let started = performance.now();
  const found = await searchFulltext(db, fulltextQuery(t.q, t.reader));
  t.sqlMs.push(performance.now() - started);
  started = performance.now();
  for (const hit of found.hits) {
    const fromSummary = snippetOf(hit.summary, parsed.words, parsed.prefixes);
    if (!fromSummary.matched && hit.body) snippetOf(hit.body, parsed.words, parsed.prefixes);
  }
  t.snippetMs.push(performance.now() - started);
}

/**
 * What cutting words (search/text.ts `terms`, which db/fulltext.ts calls for every document) costs in
 * the indexing: timed on the first items' documents, scaled to all of them.
 */
function tokenizingMs(): Record<string, number> {
  const sample = Math.min(ITEMS, TOKENIZE_SAMPLE);
  const spent: Record<string, number> = Object.fromEntries(LANGS.map((l) => [l, 0]));
  for (let item = 0; item < sample; item++) {
    for (const doc of itemDocuments(item)) {
      const started = performance.now();
      terms(doc.title);
      terms(doc.summary);
      terms(doc.body);
      spent[doc.locale ?? ""] = (spent[doc.locale ?? ""] ?? 0) + performance.now() - started;
    }
  }
  for (const l of LANGS) spent[l] = ((spent[l] ?? 0) * ITEMS) / sample;
  return spent;
}

const peakMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

/** SQLite's plan for the SQL searchFulltext sends, as an indented tree. */
async function planOf(db: Kysely<DB>, q: string, reader: string): Promise<string[]> {
  let sent: CompiledQuery | undefined;
  const capture: KyselyPlugin = {
    transformQuery(args) {
      sent = db.getExecutor().compileQuery(args.node, args.queryId);
      return args.node;
    },
    async transformResult(args) {
      return args.result;
    },
  };
  await searchFulltext(db.withPlugin(capture), fulltextQuery(q, reader));
  if (!sent) return [];
  const { rows } = await db.executeQuery<{ id: number; parent: number; detail: string }>(
    CompiledQuery.raw(`explain query plan ${sent.sql}`, [...sent.parameters]),
  );
  const depth = new Map<number, number>([[0, 0]]);
  return rows.map((row) => {
    const d = (depth.get(row.parent) ?? 0) + 1;
    depth.set(row.id, d);
    return `${"  ".repeat(d)}${row.detail}`;
  });
}

/** Builds the index on a fresh SQLite database in `dir` and times the queries. */
export async function measureSearch(dir: string): Promise<SearchBenchResult> {
  const path = join(dir, "search.sqlite");
  const database = openDatabase({ kind: "sqlite", path });
  try {
    const db = database.db;
    await migrateToLatest(db);
    const fileBefore = await fileBytes(db, path);

    const source = benchSource();
    const started = performance.now();
    const documents = (await rebuildSearchIndex(db, [source], { now: NOW })) ?? 0;
    const indexMs = performance.now() - started;
    const peakMbIndexing = peakMb();
    const fileAfter = await fileBytes(db, path);
    const { rows: tables } = await sql<{ name: string; bytes: number }>`
      select name, sum(pgsize) as bytes from dbstat
      where name like 'search%' group by name order by bytes desc`.execute(db);
    const { rows: chars } = await sql<{ chars: number }>`
      select sum(length(title) + length(summary) + length(body)) as chars
      from search_documents`.execute(db);

    const queries: QueryTimings[] = QUERY_CLASSES.flatMap((c) =>
      c.queries.flatMap((q) =>
        LANGS.map((reader) => ({
          className: c.name,
          q,
          reader,
          total: -1,
          ms: [],
          cpuMs: [],
          sqlMs: [],
          snippetMs: [],
        })),
      ),
    );
    const pass = async (timed: boolean) => {
      for (const t of queries) {
        const cpu = process.cpuUsage();
        const began = performance.now();
        const outcome = await runSearch(db, { q: t.q, page: 1, readerLocale: t.reader, now: NOW });
        const ms = performance.now() - began;
        const used = process.cpuUsage(cpu);
        if (outcome.kind !== "results") throw new Error(`${t.q}: answered ${outcome.kind}`);
        t.total = outcome.total;
        if (!timed) continue;
        t.ms.push(ms);
        t.cpuMs.push((used.user + used.system) / 1000);
        if (SPLIT) await timeApart(db, t);
      }
    };
    for (let i = 0; i < WARMUP_PASSES; i++) await pass(false);
    for (let i = 0; i < PASSES; i++) await pass(true);

    const slowest = [...queries].sort((a, b) => quantile(b.ms, 0.5) - quantile(a.ms, 0.5))[0];
    const plan =
      SPLIT && slowest
        ? {
            q: slowest.q,
            reader: slowest.reader,
            lines: await planOf(db, slowest.q, slowest.reader),
          }
        : undefined;
    return {
      items: ITEMS,
      documents,
      bodyMb: Number(chars[0]?.chars ?? 0) / 1e6,
      indexMs,
      generatingMs: source.generatingMs,
      fileBefore,
      fileAfter,
      tables: tables.map((t) => ({ name: t.name, bytes: Number(t.bytes) })),
      tokenizeMs: SPLIT ? tokenizingMs() : undefined,
      peakMbIndexing,
      peakMb: peakMb(),
      queries,
      plan,
    };
  } finally {
    await database.close();
  }
}
