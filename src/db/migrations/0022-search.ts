import { type Kysely, sql } from "kysely";
import { dialectOf } from "../dialect.js";

// The search index (issue 14; docs/decisions/0027): one row per findable thing and language,
// written by the feature that owns the thing in the transaction that changes it. The row keeps
// the plain text that snippets are cut from; the words are already cut and folded by
// search/text.ts, so each engine only has to split them at spaces: SQLite into an FTS5 table
// whose rowid is the row's id (contentless: the text is not stored twice), PostgreSQL into two
// tsvector columns with a GIN index.
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = dialectOf(db) === "postgres";
  await db.schema
    .createTable("search_documents")
    // Made from the row's date (db/fulltext.ts, documentId): newer rows have larger ids.
    .addColumn("id", postgres ? "bigint" : "integer", (c) => c.primaryKey())
    // The feature that wrote the row and the id of its thing: what a change replaces.
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("ref_id", "text", (c) => c.notNull())
    // Null for a thing in no particular language (a member's name).
    .addColumn("locale", "text")
    // What a reader filters by: resource, news, issue, campaign, rule, member.
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("slug", "text", (c) => c.notNull())
    // The page, without a language prefix.
    .addColumn("path", "text", (c) => c.notNull())
    // Topic ids, each between spaces (" tps daca_youth "), so one is found whole.
    .addColumn("topics", "text", (c) => c.notNull())
    // YYYY-MM-DD: newer above older.
    .addColumn("dated", "text", (c) => c.notNull())
    // An ISO instant before which the thing is not shown (a scheduled item), or null.
    .addColumn("visible_from", "text")
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    // The text last: long, it spills onto overflow pages, which ranking never reads.
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .execute();
  // One row per thing and language. A change locks its thing's own row before it reindexes, so
  // two changes at once take turns; this refuses a duplicate should one ever not.
  await sql`create unique index search_documents_ref on search_documents (source, ref_id, coalesce(locale, ''))`.execute(
    db,
  );
  // Which words and folding the index was built with (search/index.service.ts): a change of
  // either, or of the ICU that cuts Chinese words, rebuilds it at start.
  await db.schema
    .createTable("search_state")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("built_with", "text", (c) => c.notNull())
    .addColumn("built_at", "text", (c) => c.notNull())
    .execute();
  // The one row exists from the start, so a rebuild can lock it (two processes starting at once).
  await sql`insert into search_state (id, built_with, built_at) values (1, '', '')`.execute(db);
  if (postgres) {
    await sql`alter table search_documents add column title_tsv tsvector not null, add column doc_tsv tsvector not null`.execute(
      db,
    );
    await sql`create index search_documents_doc on search_documents using gin (doc_tsv)`.execute(
      db,
    );
  } else {
    // ascii: the words hold only letters and digits and are separated by spaces; every byte
    // outside ASCII is part of a word, so nothing depends on a Unicode table's age. meta holds
    // what readers filter by (language, kind, topics) as words (db/fulltext.match.ts).
    await sql`create virtual table search_fts using fts5(title, body, meta, content='', contentless_delete=1, tokenize='ascii', prefix='2 3')`.execute(
      db,
    );
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) === "sqlite") await sql`drop table search_fts`.execute(db);
  await db.schema.dropTable("search_state").execute();
  await db.schema.dropTable("search_documents").execute();
}
