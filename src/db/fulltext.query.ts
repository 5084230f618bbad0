// A page of matches and how many things matched, on either engine, ranked alike (db/fulltext.ts):
// the reader's language (or none) first, then a match in the title, then the larger id (the
// newer); each thing once, in its best-ranked row.
//
// SQLite walks four tiers in that order (reader's language and title; reader's language, text
// only; other languages and title; the rest), each an FTS5 query read newest first straight from
// the index (ORDER BY rowid DESC needs no sort), and stops once the page is full: a word found in
// nine items of ten costs no more than a rare one. PostgreSQL ranks the matches in one query.
// The count stops past COUNT_LIMIT things on both.
import { type Kysely, sql } from "kysely";
import { dialectOf } from "./dialect.js";
import type { FulltextHit, FulltextQuery } from "./fulltext.js";
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
  const [count, page] = postgres
    ? await Promise.all([countPostgres(db, query), pagePostgres(db, query)])
    : [await countSqlite(db, query), await pageSqlite(db, query)];
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

function ftsParts(query: FulltextQuery) {
  const words = ftsExpression(query.clauses);
  const filters: string[] = [];
  if (query.types && query.types.length > 0) {
    filters.push(`{meta} : (${query.types.map((t) => metaWord("t", t)).join(" OR ")})`);
  }
  if (query.locale) filters.push(`{meta} : ${metaWord("l", query.locale)}`);
  if (query.topic) filters.push(`{meta} : ${metaWord("p", query.topic)}`);
  const filtered = (expression: string) =>
    [`(${expression})`, ...filters.map((f) => `(${f})`)].join(" AND ");
  return {
    inText: filtered(`{title body} : (${words})`),
    inTitle: filtered(`{title} : (${words})`),
    titleOnly: `{title} : (${words})`,
    reader: `{meta} : (${metaWord("l", query.readerLocale)} OR ${metaWord("l", null)})`,
  };
}

async function countSqlite(db: Kysely<DB>, query: FulltextQuery): Promise<number> {
  const { inText } = ftsParts(query);
  const row = await sql<{ n: number }>`select count(*) as n from (
      select distinct d.source, d.ref_id from search_fts f join search_documents d on d.id = f.rowid
      where search_fts match ${inText}
        and (d.visible_from is null or d.visible_from <= ${query.now})
      limit ${COUNT_LIMIT + 1})`.execute(db);
  return Number(row.rows[0]?.n ?? 0);
}

async function pageSqlite(db: Kysely<DB>, query: FulltextQuery): Promise<Ranked[]> {
  const { inText, inTitle, titleOnly, reader } = ftsParts(query);
  const tiers = [
    { match: `(${inTitle}) AND (${reader})`, inTitle: true },
    { match: `((${inText}) AND (${reader})) NOT (${titleOnly})`, inTitle: false },
    { match: `(${inTitle}) NOT (${reader})`, inTitle: true },
    { match: `((${inText}) NOT (${titleOnly})) NOT (${reader})`, inTitle: false },
  ];
  const wanted = query.offset + query.limit;
  const seen = new Set<string>();
  const page: Ranked[] = [];
  for (const tier of tiers) {
    for (let from = 0; seen.size < wanted; from += CHUNK) {
      const { rows } = await sql<{ id: number; source: string; ref_id: string }>`
        select d.id, d.source, d.ref_id from search_fts f join search_documents d on d.id = f.rowid
        where search_fts match ${tier.match}
          and (d.visible_from is null or d.visible_from <= ${query.now})
        order by f.rowid desc limit ${CHUNK} offset ${from}`.execute(db);
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
  const filters = [sql`(d.visible_from is null or d.visible_from <= ${query.now})`];
  if (query.types && query.types.length > 0) {
    filters.push(sql`d.type in (${sql.join(query.types)})`);
  }
  if (query.locale) filters.push(sql`d.locale = ${query.locale}`);
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
  const { rows } = await sql<{ id: string; in_title: boolean }>`
    with hits as (
      select d.id, d.source, d.ref_id, (d.title_tsv @@ ${q}::tsquery) as in_title,
        case when d.locale is null or d.locale = ${query.readerLocale} then 0 else 1 end as lang_rank
      from search_documents d
      where d.doc_tsv @@ ${q}::tsquery and ${pgFilters(query)}
    ), best as (
      select hits.*, row_number() over (
        partition by source, ref_id order by lang_rank, in_title desc, id desc) as n
      from hits
    )
    select id, in_title from best where n = 1
    order by lang_rank, in_title desc, id desc
    limit ${query.limit} offset ${query.offset}`.execute(db);
  return rows.map((row) => ({ id: Number(row.id), inTitle: row.in_title }));
}
