// Full-text search on both engines behind one interface (issue 14; docs/decisions/0027): SQLite
// FTS5 and PostgreSQL tsvector/tsquery, given words already cut and folded (search/text.ts), so
// both find the same rows. A row's id is made from its date (newer, larger: `documentId`), so
// ranking is the same on both and needs no sort on SQLite: the reader's language, then a match in
// the title, then the larger id (fulltext.query.ts). Not bm25 or ts_rank, which differ.
import { type Kysely, type Selectable, sql } from "kysely";
import { dialectOf } from "./dialect.js";
import { metaTerms } from "./fulltext.match.js";
import type { DB, SearchDocumentsTable } from "./types.js";

/** PostgreSQL keeps word positions up to 16,383; past that neither engine indexes words. */
export const MAX_INDEXED_WORDS = 16_000;

type Stored = Selectable<SearchDocumentsTable>;

/** A row to write: the stored columns, the topics as a list, and the words of each field. */
export type FulltextRow = Omit<Stored, "id" | "topics"> & {
  topics: readonly string[];
  /** Folded words of the title, and of the summary then the body. */
  titleTerms: readonly string[];
  bodyTerms: readonly string[];
};

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

/** A result: what is shown of the row, and whether the title matched. */
export type FulltextHit = Omit<Stored, "id" | "topics" | "visible_from"> & { in_title: boolean };

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

/** Ids a day apart from each date are this far apart; within a day a row's id is its hash's. */
const DAY_SPAN = 2 ** 21;

/**
 * The id of a thing's row in one language: its date's day times DAY_SPAN plus a hash of what it
 * is, so that newer rows have larger ids (ranking reads the id: no sort on SQLite) and the same
 * corpus gets the same ids on both engines, whatever the order it was written in.
 */
function documentId(row: FulltextRow): number {
  const year = Number(row.dated.slice(0, 4));
  const day = Number.isFinite(year) && year >= 1900 && year <= 2200 ? Date.parse(row.dated) : 0;
  const days = Math.floor((Number.isFinite(day) ? day : 0) / 86_400_000);
  let hash = 0x811c9dc5;
  for (const ch of `${row.source}\u0000${row.ref_id}\u0000${row.locale ?? ""}`) {
    hash = Math.imul(hash ^ (ch.codePointAt(0) ?? 0), 0x01000193) >>> 0;
  }
  return days * DAY_SPAN + (hash % DAY_SPAN);
}

/** Each row's id, the next free one after its own should two of a day share a hash. */
async function freeIds(trx: Kysely<DB>, rows: readonly FulltextRow[]): Promise<number[]> {
  const wanted = rows.map(documentId);
  if (wanted.length === 0) return [];
  const taken = new Set(
    (
      await trx
        .selectFrom("search_documents")
        .select("id")
        .where((eb) => eb.or(wanted.map((id) => eb.between("id", id, id + 16))))
        .execute()
    ).map((r) => Number(r.id)),
  );
  return wanted.map((id) => {
    let free = id;
    while (taken.has(free)) free += 1;
    taken.add(free);
    return free;
  });
}

async function insertRows(trx: Kysely<DB>, rows: readonly FulltextRow[], postgres: boolean) {
  // A few rows a statement: bodies are long, and the statement must stay well under limits.
  for (let i = 0; i < rows.length; i += 20) {
    const batch = rows.slice(i, i + 20);
    const ids = await freeIds(trx, batch);
    if (postgres) {
      await trx
        .insertInto("search_documents")
        .values(
          batch.map((row, j) => ({
            id: ids[j] ?? 0,
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
      continue;
    }
    await trx
      .insertInto("search_documents")
      .values(batch.map((row, j) => ({ id: ids[j] ?? 0, ...plainColumns(row) })))
      .execute();
    for (const [j, row] of batch.entries()) {
      await sql`insert into search_fts (rowid, title, body, meta) values (${ids[j] ?? 0}, ${capped(
        row.titleTerms,
      ).join(" ")}, ${capped(row.bodyTerms).join(" ")}, ${metaTerms(row)})`.execute(trx);
    }
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

export { searchFulltext } from "./fulltext.query.js";
