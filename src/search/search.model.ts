// What features hand the search index (issue 14): a source per feature, giving the documents the
// public may find of its things. Features call `reindexSearch` (index.service.ts) in the
// transaction of every change; app.ts hands every source to searchFeature for rebuilds.
import type { Kysely } from "kysely";
import type { DB } from "../db/index.js";

/** What a reader can filter results by, in the order the filter lists them. */
export const SEARCH_TYPES = ["resource", "news", "issue", "campaign", "rule", "member"] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

/** One findable thing in one language, as the public may see it. */
export interface SearchDocument {
  refId: string;
  /** The version's language; null for a thing in no particular language (a member). */
  locale: string | null;
  type: SearchType;
  slug: string;
  /** Its page, without a language prefix ("/resources/toolkit"). */
  path: string;
  title: string;
  /** Plain text (Markdown already turned into text: `markdownText`, views/markdown.tsx). */
  summary: string;
  body: string;
  /** Topic ids (the library's vocabulary, e.g. "public_charge"). */
  topics: readonly string[];
  /** YYYY-MM-DD: newer ranks above older. */
  dated: string;
  /** ISO instant before which it is not shown (a scheduled item), or null. */
  visibleFrom: string | null;
  /** Demo data (the seed's): labelled as such wherever it is shown. */
  isDemo: boolean;
}

export interface SearchSource {
  /** Names the source's rows in the index: what a change of one of its things replaces. */
  name: string;
  /** Every thing that may have documents (for a rebuild). */
  ids(db: Kysely<DB>): Promise<string[]>;
  /** What the public may find of these things now or once scheduled; none when nothing. */
  documents(db: Kysely<DB>, ids: readonly string[]): Promise<SearchDocument[]>;
}

/** A free-text topic as a topic id ("public charge" → "public_charge"). */
export function topicId(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, "_");
}
