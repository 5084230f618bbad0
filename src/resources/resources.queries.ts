// Every read of the resource library (the editor's writes are in manage/manage.queries.ts). What
// the public sees is only `visible`: published, and due (publish_at null or past). Drafts,
// unpublished and scheduled items never leave this module for a public page, feed or the API.
import type { ExpressionBuilder, Kysely, Selectable } from "kysely";
import type {
  DB,
  IssuePagesTable,
  IssuePageVersionsTable,
  ResourceFileAltsTable,
  ResourceFilesTable,
  ResourceMessagesTable,
  ResourceSectionsTable,
  ResourcesTable,
  ResourceTopic,
  ResourceType,
  ResourceVersionsTable,
} from "../db/index.js";

export type ResourceRow = Selectable<ResourcesTable>;
export type VersionRow = Selectable<ResourceVersionsTable>;
export type SectionRow = Selectable<ResourceSectionsTable>;
export type MessageRow = Selectable<ResourceMessagesTable>;
export type IssueRow = Selectable<IssuePagesTable>;
export type IssueVersionRow = Selectable<IssuePageVersionsTable>;
export type FileRow = Selectable<ResourceFilesTable>;
export type FileAltRow = Selectable<ResourceFileAltsTable>;

/** Published and due at `now`. publish_at is an ISO instant (UTC, "Z"), compared as text. */
function visibleAt(now: Date) {
  const at = now.toISOString();
  return (eb: ExpressionBuilder<DB, "resources">) =>
    eb.and([
      eb("resources.status", "=", "published"),
      eb.or([eb("resources.publish_at", "is", null), eb("resources.publish_at", "<=", at)]),
    ]);
}

/** Every item the public may see, newest first (its own date, then when it was published). */
export async function visibleResources(
  db: Kysely<DB>,
  now: Date,
  types?: readonly ResourceType[],
): Promise<ResourceRow[]> {
  let query = db.selectFrom("resources").selectAll().where(visibleAt(now));
  if (types) query = query.where("type", "in", [...types]);
  return query
    .orderBy("dated_on", "desc")
    .orderBy("published_at", "desc")
    .orderBy("slug")
    .execute();
}

export async function visibleResourceBySlug(
  db: Kysely<DB>,
  slug: string,
  now: Date,
): Promise<ResourceRow | undefined> {
  return db
    .selectFrom("resources")
    .selectAll()
    .where("slug", "=", slug)
    .where(visibleAt(now))
    .executeTakeFirst();
}

/** The visible ones among `ids`, in no particular order. */
export async function visibleResourcesByIds(
  db: Kysely<DB>,
  ids: readonly string[],
  now: Date,
): Promise<ResourceRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom("resources")
    .selectAll()
    .where("id", "in", [...new Set(ids)])
    .where(visibleAt(now))
    .execute();
}

/** A report's visible case studies, oldest first (the order the report tells them). */
export async function visibleChildren(
  db: Kysely<DB>,
  parentId: string,
  now: Date,
): Promise<ResourceRow[]> {
  return db
    .selectFrom("resources")
    .selectAll()
    .where("parent_id", "=", parentId)
    .where(visibleAt(now))
    .orderBy("dated_on")
    .orderBy("slug")
    .execute();
}

/**
 * The latest publish_at already due: it changes exactly when a scheduled item comes due, with no
 * write to change the data revision, so cached pages are keyed by it too.
 */
export async function lastDueAt(db: Kysely<DB>, now: Date): Promise<string> {
  const row = await db
    .selectFrom("resources")
    .select((eb) => eb.fn.max("publish_at").as("due"))
    .where(visibleAt(now))
    .executeTakeFirst();
  return row?.due ?? "";
}

/** The ready versions of these items (drafts are never shown: their readers get a fallback). */
export async function readyVersionsOf(
  db: Kysely<DB>,
  ids: readonly string[],
): Promise<VersionRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom("resource_versions")
    .selectAll()
    .where("resource_id", "in", [...new Set(ids)])
    .where("status", "=", "ready")
    .orderBy("locale")
    .execute();
}

export async function topicsOf(
  db: Kysely<DB>,
  ids: readonly string[],
): Promise<{ resource_id: string; topic: ResourceTopic }[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom("resource_topics")
    .select(["resource_id", "topic"])
    .where("resource_id", "in", [...new Set(ids)])
    .execute();
}

/** Which members each item features (their names come from members/). */
export async function featuredOf(
  db: Kysely<DB>,
  ids: readonly string[],
): Promise<{ resource_id: string; jurisdiction_id: string }[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom("resource_members")
    .select(["resource_id", "jurisdiction_id"])
    .where("resource_id", "in", [...new Set(ids)])
    .execute();
}

/** The items featuring a member, whatever their status (the caller keeps the visible ones). */
export async function resourceIdsFeaturing(
  db: Kysely<DB>,
  jurisdictionId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom("resource_members")
    .select("resource_id")
    .where("jurisdiction_id", "=", jurisdictionId)
    .execute();
  return rows.map((r) => r.resource_id);
}

/** A document's named page ranges, every language's, in the editor's order. */
export async function sectionsOf(db: Kysely<DB>, resourceId: string): Promise<SectionRow[]> {
  return db
    .selectFrom("resource_sections")
    .selectAll()
    .where("resource_id", "=", resourceId)
    .orderBy("position")
    .orderBy("first_page")
    .execute();
}

/** A social set's messages, every language's, in the editor's order. */
export async function messagesOf(db: Kysely<DB>, resourceId: string): Promise<MessageRow[]> {
  return db
    .selectFrom("resource_messages")
    .selectAll()
    .where("resource_id", "=", resourceId)
    .orderBy("position")
    .orderBy("id")
    .execute();
}

/** The fallback order between languages, as data (migration 0020). */
export async function languageFallbacks(
  db: Kysely<DB>,
): Promise<{ locale: string; fallback: string }[]> {
  return db
    .selectFrom("language_fallbacks")
    .select(["locale", "fallback"])
    .orderBy("locale")
    .orderBy("position")
    .execute();
}

/** A published issue page (issue pages have no schedule: published is shown). */
export async function publishedIssueBySlug(
  db: Kysely<DB>,
  slug: string,
): Promise<IssueRow | undefined> {
  return db
    .selectFrom("issue_pages")
    .selectAll()
    .where("slug", "=", slug)
    .where("status", "=", "published")
    .executeTakeFirst();
}

export async function readyIssueVersions(
  db: Kysely<DB>,
  issueId: string,
): Promise<IssueVersionRow[]> {
  return db
    .selectFrom("issue_page_versions")
    .selectAll()
    .where("issue_id", "=", issueId)
    .where("status", "=", "ready")
    .execute();
}

/** An issue page's items in the editor's order (the caller keeps the visible ones). */
export async function issueItemIds(db: Kysely<DB>, issueId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("issue_page_items")
    .select("resource_id")
    .where("issue_id", "=", issueId)
    .orderBy("position")
    .execute();
  return rows.map((r) => r.resource_id);
}

/** An item's files, every language's, in the editor's order (oldest first among equals). */
export async function filesOf(db: Kysely<DB>, resourceId: string): Promise<FileRow[]> {
  return db
    .selectFrom("resource_files")
    .selectAll()
    .where("resource_id", "=", resourceId)
    .orderBy("position")
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/** The alt texts of these images, every language's. */
export async function altsOf(db: Kysely<DB>, fileIds: readonly string[]): Promise<FileAltRow[]> {
  if (fileIds.length === 0) return [];
  return db
    .selectFrom("resource_file_alts")
    .selectAll()
    .where("file_id", "in", [...new Set(fileIds)])
    .execute();
}

/** A file of a visible item named by its slug, or nothing (a hidden item's files are not found). */
export async function visibleFile(
  db: Kysely<DB>,
  slug: string,
  fileId: string,
  now: Date,
): Promise<FileRow | undefined> {
  return db
    .selectFrom("resource_files")
    .innerJoin("resources", "resources.id", "resource_files.resource_id")
    .selectAll("resource_files")
    .where("resources.slug", "=", slug)
    .where("resource_files.id", "=", fileId)
    .where(visibleAt(now))
    .executeTakeFirst();
}

/** One more download of the item in `locale` on `day` (UTC): nothing about who downloaded it. */
export async function countDownload(
  db: Kysely<DB>,
  resourceId: string,
  locale: string,
  day: string,
): Promise<void> {
  await db
    .insertInto("resource_downloads")
    .values({ resource_id: resourceId, locale, day, count: 1 })
    .onConflict((oc) =>
      oc
        .columns(["resource_id", "locale", "day"])
        .doUpdateSet((eb) => ({ count: eb("resource_downloads.count", "+", 1) })),
    )
    .execute();
}

/**
 * For the search index: items published now or scheduled (the index holds when each becomes
 * visible), drafts and unpublished ones never. All of them when `ids` is not given.
 */
export async function publishedResources(
  db: Kysely<DB>,
  ids?: readonly string[],
): Promise<ResourceRow[]> {
  if (ids?.length === 0) return [];
  let query = db.selectFrom("resources").selectAll().where("status", "=", "published");
  if (ids) query = query.where("id", "in", [...new Set(ids)]);
  return query.orderBy("id").execute();
}

/** For the search index: published issue pages (all when `ids` is not given). */
export async function publishedIssues(
  db: Kysely<DB>,
  ids?: readonly string[],
): Promise<IssueRow[]> {
  if (ids?.length === 0) return [];
  let query = db.selectFrom("issue_pages").selectAll().where("status", "=", "published");
  if (ids) query = query.where("id", "in", [...new Set(ids)]);
  return query.orderBy("id").execute();
}

/** The ready versions of these issue pages. */
export async function readyIssueVersionsOf(
  db: Kysely<DB>,
  ids: readonly string[],
): Promise<IssueVersionRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom("issue_page_versions")
    .selectAll()
    .where("issue_id", "in", [...new Set(ids)])
    .where("status", "=", "ready")
    .orderBy("locale")
    .execute();
}

export interface DownloadCount {
  locale: string;
  /** Downloads on `since` (a UTC day, YYYY-MM-DD) and after. */
  recent: number;
  total: number;
}

/** An item's downloads per language: since a UTC day, and in all (for staff). */
export async function downloadCounts(
  db: Kysely<DB>,
  resourceId: string,
  since: string,
): Promise<DownloadCount[]> {
  const rows = await db
    .selectFrom("resource_downloads")
    .select((eb) => [
      "locale",
      eb.fn.sum<number | string>("count").as("total"),
      eb.fn
        .sum<number | string>(
          eb.case().when("day", ">=", since).then(eb.ref("count")).else(eb.lit(0)).end(),
        )
        .as("recent"),
    ])
    .where("resource_id", "=", resourceId)
    .groupBy("locale")
    .orderBy("locale")
    .execute();
  return rows.map((r) => ({ locale: r.locale, recent: Number(r.recent), total: Number(r.total) }));
}
