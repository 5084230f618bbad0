// What the search index holds of federal rules (issue 14): a rule on the watch list (watched:
// staff did not take it off) is found, open, closed or withdrawn, as the list shows each with
// what it is now, and its own page /rules/<number> says so. The Federal Register publishes in
// English: one English document, its body the names a reader may search by (agencies, the
// document number, docket ids, RINs). Every write that changes any of it calls `reindexRules` in
// its own transaction (watch.service.ts, refresh.service.ts, the seed).
import type { Kysely } from "kysely";
import type { DB } from "../db/index.js";
import { reindexSearch, type SearchDocument, type SearchSource } from "../search/index.js";
import { type FederalRule, ruleIds, rulesByIds } from "./rules.queries.js";

function documentOf(rule: FederalRule): SearchDocument {
  return {
    refId: rule.id,
    locale: "en",
    type: "rule",
    slug: rule.documentNumber,
    path: `/rules/${rule.documentNumber}`,
    title: rule.title,
    summary: rule.abstract ?? "",
    body: [
      ...rule.agencies.map((a) => a.name),
      rule.documentNumber,
      ...rule.docketIds,
      ...rule.rins,
    ].join("\n"),
    topics: [],
    dated: rule.publicationDate,
    visibleFrom: null,
    isDemo: rule.isDemo,
  };
}

export const ruleSearchSource: SearchSource = {
  name: "rules",
  ids: ruleIds,
  async documents(db, ids) {
    return (await rulesByIds(db, ids)).filter((rule) => rule.watched).map(documentOf);
  },
};

/** The index made to hold what the public may find of these rules: in the change's transaction. */
export function reindexRules(trx: Kysely<DB>, ids: readonly string[]): Promise<void> {
  return reindexSearch(trx, ruleSearchSource, ids);
}
