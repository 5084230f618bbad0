// Full-text search on both engines behind one interface (issue 14; docs/decisions/0027): SQLite
// FTS5 and PostgreSQL tsvector/tsquery, given words already cut and folded (search/text.ts), so
// both find the same rows. A row's id is made from its language and date (`documentId`: newer,
// smaller), so ranking is the same on both and needs no sort on SQLite: the reader's language,
// then a match in the title, then the smaller id (fulltext.query.ts). Not bm25 or ts_rank.
import { type Kysely, type Selectable, sql } from "kysely";
import { dialectOf } from "./dialect.js";
import { metaTerms } from "./fulltext.match.js";
import type { DB, SearchDocumentsTable } from "./types.js";

/** PostgreSQL keeps word positions up to 16,383; past that neither engine indexes words. */
export const MAX_INDEXED_WORDS = 16_000;

type Stored = Selectable<SearchDocumentsTable>;

/** A row to write: the stored columns, the topics as a list, and its language's band. */
export type FulltextRow = Omit<Stored, "id" | "topics"> & {
  topics: readonly string[];
  /** The row's language as a band of ids: rows of one language are one range of ids. */
  band: number;
};

/** The folded words of a text, in order (search/text.ts): what both engines index. */
export type WordsOf = (text: string) => readonly string[];

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
  /**
   * The bands (FulltextRow.band) in ranking order: `home` (the reader's language and no
   * language) first, their title matches before their text matches; then each of `others`.
   */
  home: readonly number[];
  others: readonly number[];
  types?: readonly string[];
  /** Only rows of this band (one language). */
  band?: number;
  topic?: string;
  limit: number;
  offset: number;
}

/** A result: what is shown of the row, and whether the title matched. */
export type FulltextHit = Omit<Stored, "id" | "topics" | "visible_from"> & { in_title: boolean };

/** Replaces what the index holds for `refIds` of `source` with `rows` (none: removed). */
export async function replaceFulltext(
  trx: Kysely<DB>,
  wordsOf: WordsOf,
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
  const ids = await insertRows(trx, rows, postgres ? wordsOf : "sqlite");
  if (postgres) return;
  const words = await cutHere(wordsOf)(rows);
  for (const [i, row] of rows.entries()) {
    const [title, body] = words[i] ?? ["", ""];
    await insertFtsRow(trx, { ...row, id: ids[i] ?? 0 }, title, body);
  }
}

/**
 * FTS5 keeps a transaction's new words in memory up to this many bytes, then writes them out as
 * a segment that later merges rewrite (its default is 1 MB); it also writes them out whenever a
 * row's id is smaller than the last one's. A rebuild therefore adds the words in id order, after
 * the rows: 64 MB made writing 30,000 documents twice as fast; 256 MB was slower again. Small
 * transactions (a publish) never fill it, so it stays set.
 */
const FTS_BUFFER_BYTES = 64 * 1024 * 1024;

/** The texts of a row that words are cut from. */
export type RowTexts = Pick<Stored, "title" | "summary" | "body">;

/**
 * The words of many rows at once, each row's as two strings of words separated by spaces: its
 * title's, and its summary's then its body's. A rebuild hands these to worker threads
 * (search/words.pool.ts): cutting Chinese is most of its time.
 */
export type CutRows = (rows: readonly RowTexts[]) => Promise<(readonly [string, string])[]>;

/** `CutRows` in this thread. */
export function cutHere(wordsOf: WordsOf): CutRows {
  return async (rows) =>
    rows.map((row) => [
      wordsOf(row.title).join(" "),
      [...wordsOf(row.summary), ...wordsOf(row.body)].join(" "),
    ]);
}

/** Rows read, cut and written at a time by a rebuild; this many more are cut meanwhile. */
const REBUILD_PAGE = 250;
const PAGES_AHEAD = 3;

/**
 * Empties the index and fills it anew in the caller's transaction: `fill` hands every row to
 * `write`, a batch at a time. On SQLite the words are added after, in id order, cut by `cut`
 * a few pages ahead of the writing.
 */
export async function rebuildFulltext(
  trx: Kysely<DB>,
  wordsOf: WordsOf,
  fill: (write: (rows: readonly FulltextRow[]) => Promise<void>) => Promise<void>,
  cut: CutRows = cutHere(wordsOf),
): Promise<void> {
  const postgres = dialectOf(trx) === "postgres";
  if (!postgres) {
    await sql`insert into search_fts(search_fts) values ('delete-all')`.execute(trx);
    await sql`insert into search_fts(search_fts, rank) values ('hashsize', ${sql.lit(FTS_BUFFER_BYTES)})`.execute(
      trx,
    );
  }
  await trx.deleteFrom("search_documents").execute();
  await fill(async (rows) => {
    await insertRows(trx, rows, postgres ? wordsOf : "sqlite");
  });
  if (postgres) return;
  const pages: { rows: FtsRow[]; words: Promise<(readonly [string, string])[]> }[] = [];
  let after = -1;
  const readPage = async () => {
    const rows = await trx
      .selectFrom("search_documents")
      .select(["id", "type", "topics", "title", "summary", "body"])
      .where("id", ">", after)
      .orderBy("id")
      .limit(REBUILD_PAGE)
      .execute();
    const last = rows[rows.length - 1];
    if (!last) return false;
    after = last.id;
    const words = cut(rows);
    // Awaited in turn below; a failure is thrown there, not left unhandled meanwhile.
    words.catch(() => undefined);
    pages.push({
      rows: rows.map((row) => ({ ...row, topics: row.topics.split(" ").filter(Boolean) })),
      words,
    });
    return true;
  };
  let more = true;
  while (more && pages.length <= PAGES_AHEAD) more = await readPage();
  for (let page = pages.shift(); page; page = pages.shift()) {
    if (more) more = await readPage();
    const words = await page.words;
    for (const [i, row] of page.rows.entries()) {
      const [title, body] = words[i] ?? ["", ""];
      await insertFtsRow(trx, row, title, body);
    }
  }
}

type FtsRow = Pick<Stored, "id" | "type"> & { topics: readonly string[] };

async function insertFtsRow(trx: Kysely<DB>, row: FtsRow, title: string, body: string) {
  await sql`insert into search_fts (rowid, title, body, meta) values (${row.id}, ${cappedWords(
    title,
  )}, ${cappedWords(body)}, ${metaTerms(row)})`.execute(trx);
}

/** Words separated by spaces, no more than MAX_INDEXED_WORDS of them. */
function cappedWords(words: string): string {
  let at = -1;
  for (let n = 0; n < MAX_INDEXED_WORDS; n++) {
    at = words.indexOf(" ", at + 1);
    if (at === -1) return words;
  }
  return words.slice(0, at);
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
/** Days counted from 1900-01-01 (dates are kept between 1900 and 2200), within a band. */
const DAYS_KEPT = 2 ** 19;
const DAYS_1900_TO_1970 = 25_567;
/** Each language's band of ids. */
export const BAND_SPAN = DAYS_KEPT * DAY_SPAN;

/** The ids of a band, from the first to the last. */
export function bandIds(band: number): [number, number] {
  return [band * BAND_SPAN, (band + 1) * BAND_SPAN - 1];
}

/**
 * The id of a thing's row in one language: its language's band, then its date's day counted
 * backwards times DAY_SPAN plus a hash of what it is. So within a language newer rows have
 * smaller ids: ranking reads the ids in order, and FTS5 reads a range of rowids upwards by
 * seeking to its start (downwards it reads each word's whole list of rows first: 4–14 ms a query
 * at 10,000 items, even for a language with no match). A language is one range of ids, and the
 * same corpus gets the same ids on both engines, whatever the order it was written in.
 */
function documentId(row: FulltextRow): number {
  const year = Number(row.dated.slice(0, 4));
  const day = Number.isFinite(year) && year >= 1900 && year <= 2200 ? Date.parse(row.dated) : 0;
  const days = Math.floor((Number.isFinite(day) ? day : 0) / 86_400_000) + DAYS_1900_TO_1970;
  let hash = 0x811c9dc5;
  for (const ch of `${row.source}\u0000${row.ref_id}\u0000${row.locale ?? ""}`) {
    hash = Math.imul(hash ^ (ch.codePointAt(0) ?? 0), 0x01000193) >>> 0;
  }
  return row.band * BAND_SPAN + (DAYS_KEPT - 1 - days) * DAY_SPAN + (hash % DAY_SPAN);
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

/**
 * Writes the rows and returns their ids. On PostgreSQL with their words (`wordsOf`); on SQLite
 * ("sqlite") the words go into search_fts apart, by the caller.
 */
async function insertRows(
  trx: Kysely<DB>,
  rows: readonly FulltextRow[],
  wordsOf: WordsOf | "sqlite",
): Promise<number[]> {
  const written: number[] = [];
  // A few rows a statement: bodies are long, and the statement must stay well under limits.
  for (let i = 0; i < rows.length; i += 20) {
    const batch = rows.slice(i, i + 20);
    const ids = await freeIds(trx, batch);
    written.push(...ids);
    if (wordsOf === "sqlite") {
      await trx
        .insertInto("search_documents")
        .values(batch.map((row, j) => ({ id: ids[j] ?? 0, ...plainColumns(row) })))
        .execute();
      continue;
    }
    await trx
      .insertInto("search_documents")
      .values(
        batch.map((row, j) => {
          const title = wordsOf(row.title);
          const body = [...wordsOf(row.summary), ...wordsOf(row.body)];
          return {
            id: ids[j] ?? 0,
            ...plainColumns(row),
            title_tsv: sql`${tsvector(title, 1)}::tsvector`,
            // Two positions apart from the title's last word, so no phrase spans the two.
            doc_tsv: sql`${tsvector(title, 1)}::tsvector || ${tsvector(
              body,
              Math.min(title.length, MAX_INDEXED_WORDS) + 3,
            )}::tsvector`,
          };
        }) as never,
      )
      .execute();
  }
  return written;
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
