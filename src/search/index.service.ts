// Keeping the index true (issue 14): a feature calls `reindexSearch` in the transaction of every
// change to a thing people can find (publish, unpublish, edit, a translation), so the index
// commits or rolls back with it. A rebuild (a new database, or words now cut differently) runs
// once at start, in one transaction, taking the sources' things a batch at a time.
import type { Kysely } from "kysely";
import { type FulltextRow, rebuildFulltext, replaceFulltext } from "../db/fulltext.js";
import type { DB } from "../db/index.js";
import { LOCALES } from "../i18n/locales.js";
import type { SearchDocument, SearchSource } from "./search.model.js";
import { lockSearchState, writeSearchState } from "./search.queries.js";
import { terms } from "./text.js";
import { withWordCutters } from "./words.pool.js";

/**
 * What the index's words depend on: this file's way of cutting and folding (raise the number
 * when it changes) and the ICU data that cuts Chinese words, which differs between Node versions.
 */
export const SEARCH_BUILT_WITH = `words-2 ids-3 icu-${process.versions.icu ?? "none"} unicode-${process.versions.unicode ?? "none"}`;

const REBUILD_BATCH = 200;

/**
 * Each language's rows have their own band of ids (db/fulltext.ts), so that "in the reader's
 * language" is a range of ids the index seeks to: 0 for things in no language (members), then the
 * site's languages in their order, then one band for any other.
 */
export function languageBand(locale: string | null): number {
  if (locale === null) return 0;
  const at = LOCALES.findIndex((l) => l.tag === locale);
  return at === -1 ? LOCALES.length + 1 : at + 1;
}

/**
 * The bands in the order results rank: the reader's language with the things in none (a match in
 * their titles first), then each other language in the site's order.
 */
export function rankedBands(readerLocale: string): { home: number[]; others: number[] } {
  const reader = languageBand(readerLocale);
  const all = Array.from({ length: LOCALES.length + 2 }, (_, band) => band);
  return { home: [reader, 0], others: all.filter((band) => band !== reader && band !== 0) };
}

export function rowOf(source: string, doc: SearchDocument): FulltextRow {
  return {
    source,
    ref_id: doc.refId,
    locale: doc.locale,
    type: doc.type,
    slug: doc.slug,
    path: doc.path,
    title: doc.title,
    summary: doc.summary,
    body: doc.body,
    topics: doc.topics,
    dated: doc.dated,
    visible_from: doc.visibleFrom,
    is_demo: doc.isDemo ? 1 : 0,
    band: languageBand(doc.locale),
  };
}

/** Makes the index hold exactly what `source` says the public may find of `ids`. */
export async function reindexSearch(
  trx: Kysely<DB>,
  source: SearchSource,
  ids: readonly string[],
): Promise<void> {
  if (ids.length === 0) return;
  const docs = await source.documents(trx, ids);
  await replaceFulltext(
    trx,
    terms,
    source.name,
    ids,
    docs.map((doc) => rowOf(source.name, doc)),
  );
}

/**
 * Empties the index and fills it from every source, in one transaction holding the index's state
 * row; with `ifStale`, only when it was never built or built with other words (start-up: a
 * second process starting at once waits, then finds it built). Returns how many documents it
 * wrote, or undefined when it had nothing to do.
 */
export async function rebuildSearchIndex(
  db: Kysely<DB>,
  sources: readonly SearchSource[],
  options: { ifStale?: boolean; now?: Date } = {},
): Promise<number | undefined> {
  return db.transaction().execute(async (trx) => {
    const state = await lockSearchState(trx);
    if (options.ifStale && state?.built_with === SEARCH_BUILT_WITH) return undefined;
    const things: (readonly string[])[] = [];
    for (const source of sources) things.push(await source.ids(trx));
    // About: most things are in every language.
    const documents = things.reduce((n, ids) => n + ids.length, 0) * LOCALES.length;
    let count = 0;
    await withWordCutters(documents, (cut) =>
      rebuildFulltext(
        trx,
        terms,
        async (write) => {
          for (const [at, source] of sources.entries()) {
            const ids = things[at] ?? [];
            for (let i = 0; i < ids.length; i += REBUILD_BATCH) {
              const docs = await source.documents(trx, ids.slice(i, i + REBUILD_BATCH));
              await write(docs.map((doc) => rowOf(source.name, doc)));
              count += docs.length;
            }
          }
        },
        cut,
      ),
    );
    await writeSearchState(trx, SEARCH_BUILT_WITH, (options.now ?? new Date()).toISOString());
    return count;
  });
}
