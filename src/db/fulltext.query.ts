// A page of matches and how many things matched, on either engine, ranked alike (db/fulltext.ts):
// the reader's language and no language first (a match in the title, then in the text), then each
// other language in the site's order (title, then text); within each, the smaller id (the newer).
// Each thing once, in its best-ranked row.
//
// SQLite walks those tiers in order, each an FTS5 query over one language's range of ids (FTS5
// seeks to it: a language with no match costs next to nothing) read newest first straight from
// the index (ORDER BY rowid needs no sort), and stops once the page is full: a word found in
// nine items of ten costs no more than a rare one. PostgreSQL ranks the matches in one query.
// The count stops past COUNT_LIMIT things on both.
import { type Kysely, sql } from "kysely";
import { dialectOf } from "./dialect.js";
import {
  BAND_SPAN,
  bandIds,
  type FulltextClause,
  type FulltextHit,
  type FulltextQuery,
} from "./fulltext.js";
import { ftsExpression, metaWord, tsquery } from "./fulltext.match.js";
import type { DB } from "./types.js";

/** Past this many things matched, a reader is told "more than" this. */
export const COUNT_LIMIT = 1000;
/** Rows read from a tier at a time. */
const CHUNK = 100;

interface Ranked {
  id: number;
  inTitle: boolean;
}

export async function searchFulltext(
  db: Kysely<DB>,
  query: FulltextQuery,
): Promise<{ total: number; more: boolean; hits: FulltextHit[] }> {
  if (query.clauses.length === 0) return { total: 0, more: false, hits: [] };
  const postgres = dialectOf(db) === "postgres";
  let count: number;
  let page: Ranked[];
  if (postgres) {
    [count, page] = await Promise.all([countPostgres(db, query), pagePostgres(db, query)]);
  } else {
    const expanded = await expandPrefixes(db, query.clauses);
    if (expanded === "none") return { total: 0, more: false, hits: [] };
    const parts = ftsParts(query, expanded);
    count = await countSqlite(db, query, parts);
    page = await pageSqlite(db, query, parts);
  }
  return {
    total: Math.min(count, COUNT_LIMIT),
    more: count > COUNT_LIMIT,
    hits: await rowsOf(db, page),
  };
}

async function rowsOf(db: Kysely<DB>, page: readonly Ranked[]): Promise<FulltextHit[]> {
  if (page.length === 0) return [];
  const rows = await db
    .selectFrom("search_documents")
    .select([
      "id",
      "source",
      "ref_id",
      "locale",
      "type",
      "slug",
      "path",
      "title",
      "summary",
      "body",
      "dated",
      "is_demo",
    ])
    .where(
      "id",
      "in",
      page.map((p) => p.id),
    )
    .execute();
  const byId = new Map(rows.map((row) => [Number(row.id), row]));
  return page.flatMap(({ id, inTitle }) => {
    const row = byId.get(id);
    if (!row) return [];
    const { id: _id, ...hit } = row;
    return [{ ...hit, in_title: inTitle }];
  });
}

/** FTS5 keeps one list of rows for every prefix of this many characters (migration 0022). */
const INDEXED_PREFIXES = [2, 3];
/** A prefix that begins more words than this is left to FTS5. */
const MOST_EXPANDED = 64;

/**
 * The words each longer prefix begins, from the index's own list of words (search_words), or
 * "none" when a prefix begins no word (then nothing matches). FTS5 finds a prefix it has no list
 * for by merging the rows of every such word, again for each of a search's queries (up to ten):
 * the words, asked for by name, are each one list FTS5 seeks in.
 */
async function expandPrefixes(
  db: Kysely<DB>,
  clauses: readonly FulltextClause[],
): Promise<Map<FulltextClause, readonly string[]> | "none"> {
  const expanded = new Map<FulltextClause, readonly string[]>();
  for (const clause of clauses) {
    const prefix = clause.terms[clause.terms.length - 1];
    if (!clause.prefix || prefix === undefined) continue;
    const length = [...prefix].length;
    if (INDEXED_PREFIXES.includes(length) || length < 2) continue;
    const last = prefix.codePointAt(prefix.length - 1) ?? 0;
    const after = `${prefix.slice(0, -String.fromCodePoint(last).length)}${String.fromCodePoint(last + 1)}`;
    const { rows } = await sql<{ term: string }>`select term from search_words
      where term >= ${prefix} and term < ${after} limit ${MOST_EXPANDED + 1}`.execute(db);
    if (rows.length === 0) return "none";
    if (rows.length <= MOST_EXPANDED)
      expanded.set(
        clause,
        rows.map((row) => row.term),
      );
  }
  return expanded;
}

type FtsParts = ReturnType<typeof ftsParts>;

function ftsParts(query: FulltextQuery, expanded: ReadonlyMap<FulltextClause, readonly string[]>) {
  const words = ftsExpression(query.clauses, expanded);
  const filters: string[] = [];
  if (query.types && query.types.length > 0) {
    filters.push(`{meta} : (${query.types.map((t) => metaWord("t", t)).join(" OR ")})`);
  }
  if (query.topic) filters.push(`{meta} : ${metaWord("p", query.topic)}`);
  const filtered = (expression: string) =>
    [`(${expression})`, ...filters.map((f) => `(${f})`)].join(" AND ");
  return {
    inText: filtered(`{title body} : (${words})`),
    inTitle: filtered(`{title} : (${words})`),
    titleOnly: `{title} : (${words})`,
  };
}

/**
 * A range of FTS5 rowids, written as integers in the SQL: FTS5 seeks to a range only when its
 * ends are integers, and better-sqlite3 binds every number as a real (then FTS5 reads every row
 * of each word and SQLite drops those outside: 2–12 ms a query at 10,000 items, found nothing).
 */
function rowidsBetween(low: number, high: number) {
  return sql`f.rowid between ${sql.lit(Math.trunc(low))} and ${sql.lit(Math.trunc(high))}`;
}

/** The ids a query looks in: one band when it asks for one language, all of them otherwise. */
function idRange(query: FulltextQuery): [number, number] {
  if (query.band !== undefined) return bandIds(query.band);
  return [0, Number.MAX_SAFE_INTEGER];
}

async function countSqlite(
  db: Kysely<DB>,
  query: FulltextQuery,
  { inText }: FtsParts,
): Promise<number> {
  const [low, high] = idRange(query);
  const row = await sql<{ n: number }>`select count(*) as n from (
      select distinct d.source, d.ref_id from search_fts f join search_documents d on d.id = f.rowid
      where search_fts match ${inText} and ${rowidsBetween(low, high)}
        and (d.visible_from is null or d.visible_from <= ${query.now})
      limit ${COUNT_LIMIT + 1})`.execute(db);
  return Number(row.rows[0]?.n ?? 0);
}

/**
 * The tiers in ranking order, each a band (a range of ids FTS5 seeks to, read newest first) and
 * whether the title matched: the home bands' title matches, then their text matches, then for
 * each other language its title matches and its text matches.
 */
function tiersOf(query: FulltextQuery, { inText, inTitle, titleOnly }: FtsParts) {
  const wanted = (band: number) => query.band === undefined || query.band === band;
  const title = (band: number) => ({ band, match: inTitle, inTitle: true });
  const text = (band: number) => ({
    band,
    match: `(${inText}) NOT (${titleOnly})`,
    inTitle: false,
  });
  const home = query.home.filter(wanted);
  return [
    ...home.map(title),
    ...home.map(text),
    ...query.others.filter(wanted).flatMap((band) => [title(band), text(band)]),
  ];
}

async function pageSqlite(
  db: Kysely<DB>,
  query: FulltextQuery,
  parts: FtsParts,
): Promise<Ranked[]> {
  const wanted = query.offset + query.limit;
  const seen = new Set<string>();
  const page: Ranked[] = [];
  for (const tier of tiersOf(query, parts)) {
    const [low, high] = bandIds(tier.band);
    for (let from = 0; seen.size < wanted; from += CHUNK) {
      const { rows } = await sql<{ id: number; source: string; ref_id: string }>`
        select d.id, d.source, d.ref_id from search_fts f join search_documents d on d.id = f.rowid
        where search_fts match ${tier.match} and ${rowidsBetween(low, high)}
          and (d.visible_from is null or d.visible_from <= ${query.now})
        order by f.rowid limit ${CHUNK} offset ${from}`.execute(db);
      for (const row of rows) {
        const thing = `${row.source}\u0000${row.ref_id}`;
        if (seen.has(thing)) continue;
        seen.add(thing);
        if (seen.size > query.offset) page.push({ id: Number(row.id), inTitle: tier.inTitle });
        if (seen.size >= wanted) break;
      }
      if (rows.length < CHUNK) break;
    }
    if (seen.size >= wanted) break;
  }
  return page;
}

function pgFilters(query: FulltextQuery) {
  const [low, high] = idRange(query);
  const filters = [
    sql`(d.visible_from is null or d.visible_from <= ${query.now})`,
    sql`d.id between ${low} and ${high}`,
  ];
  if (query.types && query.types.length > 0) {
    filters.push(sql`d.type in (${sql.join(query.types)})`);
  }
  if (query.topic) filters.push(sql`position(${` ${query.topic} `} in d.topics) > 0`);
  return sql.join(filters, sql` and `);
}

async function countPostgres(db: Kysely<DB>, query: FulltextQuery): Promise<number> {
  const row = await sql<{ n: string }>`select count(*) as n from (
      select distinct d.source, d.ref_id from search_documents d
      where d.doc_tsv @@ ${tsquery(query.clauses)}::tsquery and ${pgFilters(query)}
      limit ${COUNT_LIMIT + 1}) x`.execute(db);
  return Number(row.rows[0]?.n ?? 0);
}

async function pagePostgres(db: Kysely<DB>, query: FulltextQuery): Promise<Ranked[]> {
  const q = tsquery(query.clauses);
  const bands = `{${[...query.home, ...query.others].join(",")}}`;
  const { rows } = await sql<{ id: string; in_title: boolean }>`
    with hits as (
      select d.id, d.source, d.ref_id, (d.title_tsv @@ ${q}::tsquery) as in_title,
        array_position(${bands}::int[], (d.id / ${BAND_SPAN})::int) as band_rank
      from search_documents d
      where d.doc_tsv @@ ${q}::tsquery and ${pgFilters(query)}
    ), grouped as (
      select hits.*, case when band_rank <= ${query.home.length} then 0 else band_rank end as grp
      from hits
    ), best as (
      select grouped.*, row_number() over (
        partition by source, ref_id order by grp, in_title desc, band_rank, id) as n
      from grouped
    )
    select id, in_title from best where n = 1
    order by grp, in_title desc, band_rank, id
    limit ${query.limit} offset ${query.offset}`.execute(db);
  return rows.map((row) => ({ id: Number(row.id), inTitle: row.in_title }));
}
