import { type Kysely, sql } from "kysely";
import { dialectOf } from "../dialect.js";

// SQLite: the words of the search index, each once (fts5vocab), so that a prefix longer than
// those FTS5 indexes ("immig") is looked up as the few words it begins (db/fulltext.query.ts)
// rather than merged by FTS5 again for every query a search makes. PostgreSQL needs nothing.
export async function up(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) !== "sqlite") return;
  await sql`create virtual table search_words using fts5vocab(search_fts, row)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) === "sqlite") await sql`drop table search_words`.execute(db);
}
