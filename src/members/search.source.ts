// What the search index holds of the roster (issue 14): a jurisdiction is found exactly when its
// profile /members/<slug> is public (members and former members, `publicJurisdiction`), as one
// document in no particular language (what a member writes is shown as written). Every write
// that changes any of it calls `reindexMembers` in its own transaction: a decision on an
// application, a profile edit, a roster import, the seed.
import type { Kysely } from "kysely";
import type { DB, Jurisdiction } from "../db/index.js";
import { reindexSearch, type SearchDocument, type SearchSource } from "../search/index.js";
import { jurisdictionIds, publicJurisdictionsByIds } from "./jurisdictions.queries.js";
import { placeName } from "./names.js";
import { STATES } from "./states.js";

function documentOf(row: Jurisdiction): SearchDocument {
  const words = [
    row.office_name,
    row.executive_name,
    row.executive_title,
    row.office_languages,
    // "Massachusetts" finds Boston, MA (the English name: a member's document has no language).
    STATES[row.state],
  ];
  return {
    refId: row.id,
    locale: null,
    type: "member",
    slug: row.slug,
    path: `/members/${row.slug}`,
    // "Boston, MA": how the site names a member beside others (names.ts).
    title: placeName(row.name, row.state),
    summary: row.office_description ?? "",
    body: words.filter((w): w is string => Boolean(w)).join("\n"),
    topics: [],
    dated: row.joined_on ?? row.created_at.slice(0, 10),
    visibleFrom: null,
    isDemo: row.is_demo === 1,
  };
}

export const memberSearchSource: SearchSource = {
  name: "members",
  ids: jurisdictionIds,
  async documents(db, ids) {
    return (await publicJurisdictionsByIds(db, ids)).map(documentOf);
  },
};

// A roster import may touch every row: the index is told a batch at a time, so that no query
// holds more parameters than either database takes.
const BATCH = 200;

/** The index made to hold what the public may find of these jurisdictions: in the change's transaction. */
export async function reindexMembers(trx: Kysely<DB>, ids: readonly string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += BATCH) {
    await reindexSearch(trx, memberSearchSource, ids.slice(i, i + BATCH));
  }
}
