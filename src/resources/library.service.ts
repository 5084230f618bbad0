// Items as readers see them: each visible item with the version chosen for the reader's language,
// its topics, the languages it has and the members it features, read in a few batched queries
// (never a query per item).
import type { Kysely } from "kysely";
import type { DB, ResourceTopic, ResourceType } from "../db/index.js";
import { type JurisdictionRef, jurisdictionsByIds } from "../members/index.js";
import { RESOURCE_TOPICS } from "./resources.model.js";
import {
  featuredOf,
  type ResourceRow,
  readyVersionsOf,
  topicsOf,
  type VersionRow,
} from "./resources.queries.js";
import { chooseVersion } from "./versions.service.js";

/** A featured member, as its profile link needs it. */
export type FeaturedMember = Pick<JurisdictionRef, "id" | "slug" | "name" | "state" | "isDemo">;

export interface ShownResource {
  id: string;
  slug: string;
  type: ResourceType;
  datedOn: string;
  /** When it became visible (feeds' dates), an ISO instant. */
  visibleFrom: string;
  /** Last change to the item or the version shown, an ISO instant. */
  updatedAt: string;
  partner: string | null;
  videoUrl: string | null;
  parentId: string | null;
  isDemo: boolean;
  /** The version shown: the reader's language, or a fallback (`fallback` true). */
  version: VersionRow;
  fallback: boolean;
  /** The languages with a ready version, sorted by tag. */
  languages: string[];
  topics: ResourceTopic[];
  members: FeaturedMember[];
}

/** The later of two ISO instants (null: the other). */
function later(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}

/**
 * The rows as shown to a reader whose reading order is `order`, in the rows' order. An item with
 * no ready version has nothing to show and is left out. Only public members are named.
 */
export async function showResources(
  db: Kysely<DB>,
  rows: readonly ResourceRow[],
  order: readonly string[],
): Promise<ShownResource[]> {
  const ids = rows.map((r) => r.id);
  const [versions, topics, featured] = await Promise.all([
    readyVersionsOf(db, ids),
    topicsOf(db, ids),
    featuredOf(db, ids),
  ]);
  const members = new Map(
    (
      await jurisdictionsByIds(
        db,
        featured.map((f) => f.jurisdiction_id),
      )
    )
      .filter((j) => j.status !== "applicant")
      .map((j) => [j.id, j]),
  );
  const group = <T extends { resource_id: string }>(list: readonly T[]) => {
    const by = new Map<string, T[]>();
    for (const item of list) by.set(item.resource_id, [...(by.get(item.resource_id) ?? []), item]);
    return by;
  };
  const versionsBy = group(versions);
  const topicsBy = group(topics);
  const featuredBy = group(featured);
  const shown: ShownResource[] = [];
  for (const row of rows) {
    const ready = versionsBy.get(row.id) ?? [];
    const chosen = chooseVersion(ready, order);
    if (!chosen) continue;
    const own = new Set((topicsBy.get(row.id) ?? []).map((t) => t.topic));
    shown.push({
      id: row.id,
      slug: row.slug,
      type: row.type,
      datedOn: row.dated_on,
      visibleFrom: later(row.published_at, row.publish_at) ?? row.created_at,
      updatedAt: later(later(row.updated_at, chosen.version.updated_at), row.publish_at) ?? "",
      partner: row.partner,
      videoUrl: row.video_url,
      parentId: row.parent_id,
      isDemo: row.is_demo === 1,
      version: chosen.version,
      fallback: chosen.fallback,
      languages: ready.map((v) => v.locale).sort(),
      topics: RESOURCE_TOPICS.filter((t) => own.has(t)),
      members: (featuredBy.get(row.id) ?? [])
        .map((f) => members.get(f.jurisdiction_id))
        .filter((m): m is JurisdictionRef => m !== undefined)
        .sort((a, b) => a.name.localeCompare(b.name, "en")),
    });
  }
  return shown;
}
