// Full-text search on both engines behind one interface (issue 14; docs/decisions/0027): SQLite
// FTS5 and PostgreSQL tsvector/tsquery, given words already cut and folded (search/text.ts), so
// both find the same rows. Ranking is done here in plain SQL that both engines run alike (the
// reader's language, then a match in the title, then the newer, then the id), not by bm25 or
// ts_rank, which differ: the same corpus gives the same ranked items on both.
import { type Kysely, type RawBuilder, sql } from "kysely";
import { dialectOf } from "./dialect.js";
import type { DB } from "./types.js";

/** PostgreSQL keeps word positions up to 16,383; past that neither engine indexes words. */
export const MAX_INDEXED_WORDS = 16_000;

export interface FulltextRow {
  source: string;
  ref_id: string;
  locale: string | null;
  type: string;
  slug: string;
  path: string;
  title: string;
  summary: string;
  body: string;
  topics: readonly string[];
  dated: string;
  visible_from: string | null;
  is_demo: number;
  /** Folded words of the title, and of the summary then the body. */
  titleTerms: readonly string[];
  bodyTerms: readonly string[];
}

/** All of a clause's words, adjacent and in order when `phrase`; its last one as a prefix. */
export interface FulltextClause {
  terms: readonly string[];
  phrase: boolean;
  prefix: boolean;
}

export interface FulltextQuery {
  /** Every clause must match (AND). */
  clauses: readonly FulltextClause[];
  /** ISO instant: rows visible from later are left out. */
  now: string;
  /** Rows in this language (or in none) come first. */
  readerLocale: string;
  types?: readonly string[];
  locale?: string;
  topic?: string;
  limit: number;
  offset: number;
}

export interface FulltextHit {
  source: string;
  ref_id: string;
  locale: string | null;
  type: string;
  slug: string;
  path: string;
  title: string;
  summary: string;
  body: string;
  dated: string;
  is_demo: number;
  in_title: boolean;
}

/** Replaces what the index holds for `refIds` of `source` with `rows` (none: removed). */
export async function replaceFulltext(
  trx: Kysely<DB>,
  source: string,
  refIds: readonly string[],
  rows: readonly FulltextRow[],
): Promise<void> {
  const postgres = dialectOf(trx) === "postgres";
  if (refIds.length > 0) {
    if (!postgres) {
      await sql`delete from search_fts where rowid in (select id from search_documents
        where source = ${source} and ref_id in (${sql.join(refIds)}))`.execute(trx);
    }
    await trx
      .deleteFrom("search_documents")
      .where("source", "=", source)
      .where("ref_id", "in", refIds)
      .execute();
  }
  await insertRows(trx, rows, postgres);
}

/** Empties the index (before a rebuild). */
export async function clearFulltext(trx: Kysely<DB>): Promise<void> {
  if (dialectOf(trx) === "sqlite") {
    await sql`insert into search_fts(search_fts) values ('delete-all')`.execute(trx);
  }
  await trx.deleteFrom("search_documents").execute();
}

function plainColumns(row: FulltextRow) {
  return {
    source: row.source,
    ref_id: row.ref_id,
    locale: row.locale,
    type: row.type,
    slug: row.slug,
    path: row.path,
    title: row.title,
    summary: row.summary,
    body: row.body,
    topics: ` ${row.topics.join(" ")} `,
    dated: row.dated,
    visible_from: row.visible_from,
    is_demo: row.is_demo,
  };
}

async function insertRows(trx: Kysely<DB>, rows: readonly FulltextRow[], postgres: boolean) {
  if (postgres) {
    // A few rows a statement: bodies are long, and the statement must stay well under limits.
    for (let i = 0; i < rows.length; i += 20) {
      const batch = rows.slice(i, i + 20);
      await trx
        .insertInto("search_documents")
        .values(
          batch.map((row) => ({
            ...plainColumns(row),
            title_tsv: sql`${tsvector(row.titleTerms, 1)}::tsvector`,
            // Two positions apart from the title's last word, so no phrase spans the two.
            doc_tsv: sql`${tsvector(row.titleTerms, 1)}::tsvector || ${tsvector(
              row.bodyTerms,
              Math.min(row.titleTerms.length, MAX_INDEXED_WORDS) + 3,
            )}::tsvector`,
          })) as never,
        )
        .execute();
    }
    return;
  }
  for (const row of rows) {
    const { id } = await trx
      .insertInto("search_documents")
      .values(plainColumns(row))
      .returning("id")
      .executeTakeFirstOrThrow();
    await sql`insert into search_fts (rowid, title, body) values (${id}, ${capped(
      row.titleTerms,
    ).join(" ")}, ${capped(row.bodyTerms).join(" ")})`.execute(trx);
  }
}

function capped(terms: readonly string[]): readonly string[] {
  return terms.length > MAX_INDEXED_WORDS ? terms.slice(0, MAX_INDEXED_WORDS) : terms;
}

/**
 * A tsvector in PostgreSQL's input form, each word with its positions ('a':1,4 'b':2),
 * numbered from `first`. Words hold only letters and digits, so quoting is all they need.
 */
function tsvector(terms: readonly string[], first: number): string {
  const positions = new Map<string, number[]>();
  capped(terms).forEach((term, i) => {
    const list = positions.get(term);
    if (list) list.push(first + i);
    else positions.set(term, [first + i]);
  });
  const parts: string[] = [];
  for (const [term, list] of positions) {
    // PostgreSQL keeps 256 positions a word and numbers to 16,383.
    parts.push(
      `'${term}':${list
        .slice(0, 256)
        .map((p) => Math.min(p, 16_383))
        .join(",")}`,
    );
  }
  return parts.join(" ");
}

function ftsMatch(clauses: readonly FulltextClause[]): string {
  return clauses
    .map((clause) => {
      const quoted = clause.terms.map((term) => `"${term}"`);
      if (clause.phrase) {
        return `"${clause.terms.join(" ")}"${clause.prefix ? " *" : ""}`;
      }
      if (clause.prefix) quoted[quoted.length - 1] = `${quoted[quoted.length - 1]} *`;
      return quoted.join(" AND ");
    })
    .map((part) => `(${part})`)
    .join(" AND ");
}

function tsquery(clauses: readonly FulltextClause[]): string {
  return clauses
    .map((clause) => {
      const quoted = clause.terms.map((term) => `'${term}'`);
      if (clause.prefix) quoted[quoted.length - 1] = `${quoted[quoted.length - 1]}:*`;
      return `(${quoted.join(clause.phrase ? " <-> " : " & ")})`;
    })
    .join(" & ");
}

/** One page of matches, each thing once (in its best language), and how many things matched. */
export async function searchFulltext(
  db: Kysely<DB>,
  query: FulltextQuery,
): Promise<{ total: number; hits: FulltextHit[] }> {
  if (query.clauses.length === 0) return { total: 0, hits: [] };
  const postgres = dialectOf(db) === "postgres";
  const matched: RawBuilder<unknown> = postgres
    ? sql`select d.id, (d.title_tsv @@ ${tsquery(query.clauses)}::tsquery) as in_title
        from search_documents d where d.doc_tsv @@ ${tsquery(query.clauses)}::tsquery`
    : sql`select d.id, (d.id in (select rowid from search_fts where search_fts match ${`{title} : (${ftsMatch(
        query.clauses,
      )})`})) as in_title
        from search_fts f join search_documents d on d.id = f.rowid
        where search_fts match ${ftsMatch(query.clauses)}`;
  const filters: RawBuilder<unknown>[] = [
    sql`(d.visible_from is null or d.visible_from <= ${query.now})`,
  ];
  if (query.types && query.types.length > 0) {
    filters.push(sql`d.type in (${sql.join(query.types)})`);
  }
  if (query.locale) filters.push(sql`d.locale = ${query.locale}`);
  if (query.topic) {
    filters.push(
      postgres
        ? sql`position(${` ${query.topic} `} in d.topics) > 0`
        : sql`instr(d.topics, ${` ${query.topic} `}) > 0`,
    );
  }
  const order = sql`lang_rank, in_title desc, dated desc, ref_id, locale`;
  const { rows } = await sql<FulltextHit & { total: number | string; in_title: unknown }>`
    with hits as (
      select d.id, d.source, d.ref_id, d.locale, d.dated, m.in_title,
        case when d.locale is null or d.locale = ${query.readerLocale} then 0 else 1 end as lang_rank
      from (${matched}) m join search_documents d on d.id = m.id
      where ${sql.join(filters, sql` and `)}
    ), best as (
      select hits.*, row_number() over (partition by source, ref_id order by ${order}) as n
      from hits
    ), page as (
      select id, lang_rank, in_title, dated, ref_id, locale, count(*) over () as total
      from best where n = 1
      order by ${order} limit ${query.limit} offset ${query.offset}
    )
    select d.source, d.ref_id, d.locale, d.type, d.slug, d.path, d.title, d.summary, d.body,
      d.dated, d.is_demo, page.in_title, page.total
    from page join search_documents d on d.id = page.id
    order by page.lang_rank, page.in_title desc, page.dated desc, page.ref_id, page.locale
  `.execute(db);
  const hits = rows.map((row) => ({ ...row, in_title: Boolean(row.in_title) }));
  return { total: rows.length > 0 ? Number(rows[0]?.total) : 0, hits: hits };
}
