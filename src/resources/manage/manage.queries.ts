// The library's writes (items, their versions, topics, featured members, named page ranges and
// social messages) and what staff's pages read to write them (every item, drafts included).
// Public reads, which hide what is not shown, are resources.queries.ts's. Issue pages are
// issues.queries.ts's.
import { randomUUID } from "node:crypto";
import type { Insertable, Kysely, Selectable } from "kysely";
import type {
  DB,
  PublishStatus,
  ResourcesTable,
  ResourceTopic,
  ResourceType,
  SocialPlatform,
  TextStatus,
} from "../../db/index.js";

export type ResourceRow = Selectable<ResourcesTable>;

export interface VersionRow {
  locale: string;
  title: string;
  summary: string;
  body: string;
  status: TextStatus;
  editor_id: string | null;
  /** The name (or e-mail) of the person who last saved this version. */
  editor: string | null;
  updated_at: string;
}

export interface SectionRow {
  locale: string;
  title: string;
  first_page: number;
  last_page: number;
}

export interface MessageRow {
  locale: string;
  platform: SocialPlatform;
  body: string;
}

/** An item as staff edit it: every version (draft or ready), topics, members, sections. */
export interface StaffResource extends ResourceRow {
  versions: VersionRow[];
  topics: ResourceTopic[];
  memberIds: string[];
  sections: SectionRow[];
}

/** The settings staff type; status moves only through `moveResource`. */
export type ResourceSettings = Pick<
  ResourceRow,
  "slug" | "type" | "dated_on" | "partner" | "video_url" | "parent_id"
>;

export async function versionsOf(db: Kysely<DB>, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom("resource_versions as v")
    .leftJoin("users as u", "u.id", "v.editor_id")
    .select([
      "v.resource_id",
      "v.locale",
      "v.title",
      "v.summary",
      "v.body",
      "v.status",
      "v.editor_id",
      "v.updated_at",
      "u.name as editor_name",
      "u.email as editor_email",
    ])
    .where("v.resource_id", "in", [...ids])
    .orderBy("v.locale")
    .execute();
}

type VersionJoin = Awaited<ReturnType<typeof versionsOf>>[number];

const toVersion = (v: VersionJoin): VersionRow => ({
  locale: v.locale,
  title: v.title,
  summary: v.summary,
  body: v.body,
  status: v.status,
  editor_id: v.editor_id,
  editor: v.editor_name || v.editor_email || null,
  updated_at: v.updated_at,
});

export async function findResourceForStaff(
  db: Kysely<DB>,
  slug: string,
): Promise<StaffResource | undefined> {
  const row = await db
    .selectFrom("resources")
    .selectAll()
    .where("slug", "=", slug)
    .executeTakeFirst();
  if (!row) return undefined;
  const [versions, topics, members, sections] = await Promise.all([
    versionsOf(db, [row.id]),
    db.selectFrom("resource_topics").select("topic").where("resource_id", "=", row.id).execute(),
    db
      .selectFrom("resource_members")
      .select("jurisdiction_id")
      .where("resource_id", "=", row.id)
      .execute(),
    db
      .selectFrom("resource_sections")
      .select(["locale", "title", "first_page", "last_page"])
      .where("resource_id", "=", row.id)
      .orderBy("locale")
      .orderBy("position")
      .execute(),
  ]);
  return {
    ...row,
    versions: versions.map(toVersion),
    topics: topics.map((t) => t.topic),
    memberIds: members.map((m) => m.jurisdiction_id),
    sections,
  };
}

export interface StaffListRow extends ResourceRow {
  versions: { locale: string; title: string; status: TextStatus }[];
}

/** Every item, newest date first, with which versions it has (for the language matrix). */
export async function allResourcesForStaff(db: Kysely<DB>): Promise<StaffListRow[]> {
  const rows = await db
    .selectFrom("resources")
    .selectAll()
    .orderBy("dated_on", "desc")
    .orderBy("slug")
    .execute();
  const versions = await versionsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    ...r,
    versions: versions
      .filter((v) => v.resource_id === r.id)
      .map((v) => ({ locale: v.locale, title: v.title, status: v.status })),
  }));
}

export async function slugTaken(db: Kysely<DB>, slug: string, exceptId?: string): Promise<boolean> {
  let query = db.selectFrom("resources").select("id").where("slug", "=", slug);
  if (exceptId) query = query.where("id", "!=", exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

/** The id and type of the item at `slug`, if any (a case study's report is chosen by slug). */
export async function resourceRef(db: Kysely<DB>, slug: string) {
  return db
    .selectFrom("resources")
    .select(["id", "slug", "type"])
    .where("slug", "=", slug)
    .executeTakeFirst();
}

/** The slug of the item with this id, if any. */
export async function slugOfResource(db: Kysely<DB>, id: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("resources")
    .select("slug")
    .where("id", "=", id)
    .executeTakeFirst();
  return row?.slug;
}

export async function insertResource(
  trx: Kysely<DB>,
  row: Insertable<ResourcesTable>,
): Promise<void> {
  await trx.insertInto("resources").values(row).execute();
}

export async function updateResourceSettings(
  trx: Kysely<DB>,
  id: string,
  settings: ResourceSettings,
  now: string,
): Promise<void> {
  await trx
    .updateTable("resources")
    .set({ ...settings, updated_at: now })
    .where("id", "=", id)
    .execute();
}

export interface VersionWrite {
  resource_id: string;
  locale: string;
  title: string;
  summary: string;
  body: string;
  status: TextStatus;
  editor_id: string | null;
  updated_at: string;
}

export async function saveVersion(trx: Kysely<DB>, row: VersionWrite): Promise<void> {
  await trx
    .insertInto("resource_versions")
    .values(row)
    .onConflict((oc) =>
      oc.columns(["resource_id", "locale"]).doUpdateSet({
        title: row.title,
        summary: row.summary,
        body: row.body,
        status: row.status,
        editor_id: row.editor_id,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

export async function deleteVersion(trx: Kysely<DB>, resourceId: string, locale: string) {
  await trx
    .deleteFrom("resource_versions")
    .where("resource_id", "=", resourceId)
    .where("locale", "=", locale)
    .execute();
}

export async function replaceTopics(
  trx: Kysely<DB>,
  resourceId: string,
  topics: readonly ResourceTopic[],
): Promise<void> {
  await trx.deleteFrom("resource_topics").where("resource_id", "=", resourceId).execute();
  if (topics.length === 0) return;
  await trx
    .insertInto("resource_topics")
    .values(topics.map((topic) => ({ resource_id: resourceId, topic })))
    .execute();
}

export async function replaceMembers(
  trx: Kysely<DB>,
  resourceId: string,
  jurisdictionIds: readonly string[],
): Promise<void> {
  await trx.deleteFrom("resource_members").where("resource_id", "=", resourceId).execute();
  if (jurisdictionIds.length === 0) return;
  await trx
    .insertInto("resource_members")
    .values(jurisdictionIds.map((id) => ({ resource_id: resourceId, jurisdiction_id: id })))
    .execute();
}

export async function replaceSections(
  trx: Kysely<DB>,
  resourceId: string,
  sections: readonly SectionRow[],
): Promise<void> {
  await trx.deleteFrom("resource_sections").where("resource_id", "=", resourceId).execute();
  if (sections.length === 0) return;
  await trx
    .insertInto("resource_sections")
    .values(
      sections.map((s, position) => ({
        id: randomUUID(),
        resource_id: resourceId,
        position,
        ...s,
      })),
    )
    .execute();
}

export async function messagesOfResource(
  db: Kysely<DB>,
  resourceId: string,
): Promise<MessageRow[]> {
  return db
    .selectFrom("resource_messages")
    .select(["locale", "platform", "body"])
    .where("resource_id", "=", resourceId)
    .orderBy("position")
    .execute();
}

export async function replaceResourceMessages(
  trx: Kysely<DB>,
  resourceId: string,
  messages: readonly MessageRow[],
): Promise<void> {
  await trx.deleteFrom("resource_messages").where("resource_id", "=", resourceId).execute();
  if (messages.length === 0) return;
  await trx
    .insertInto("resource_messages")
    .values(
      messages.map((m, position) => ({
        id: randomUUID(),
        resource_id: resourceId,
        position,
        ...m,
      })),
    )
    .execute();
}

export async function touchResource(trx: Kysely<DB>, id: string, now: string): Promise<void> {
  await trx.updateTable("resources").set({ updated_at: now }).where("id", "=", id).execute();
}

/**
 * Moves an item to `to` (with `publishAt`) only if it is still as the page showed it (status and
 * publish_at): of two admins pressing at once, one moves it and the other is told it changed.
 * The first publication stamps published_at (what feeds date it by).
 */
export async function moveResource(
  trx: Kysely<DB>,
  id: string,
  seen: { status: PublishStatus; publishAt: string | null },
  to: { status: PublishStatus; publishAt: string | null },
  now: string,
): Promise<boolean> {
  let query = trx
    .updateTable("resources")
    .set({ status: to.status, publish_at: to.publishAt, updated_at: now })
    .where("id", "=", id)
    .where("status", "=", seen.status);
  query =
    seen.publishAt === null
      ? query.where("publish_at", "is", null)
      : query.where("publish_at", "=", seen.publishAt);
  const result = await query.executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  if (to.status === "published") {
    await trx
      .updateTable("resources")
      .set({ published_at: to.publishAt ?? now })
      .where("id", "=", id)
      .where("published_at", "is", null)
      .execute();
  }
  return true;
}

/** The title staff see: the version in the page's language, else English's, else the first. */
export function titleIn(
  versions: readonly { locale: string; title: string }[],
  tag: string,
): { title: string; locale: string } | undefined {
  const v =
    versions.find((x) => x.locale === tag) ??
    versions.find((x) => x.locale === "en") ??
    versions[0];
  return v ? { title: v.title, locale: v.locale } : undefined;
}

export interface ResourceChoice {
  id: string;
  slug: string;
  type: ResourceType;
  title: string;
  /** The language of `title` (the slug's when the item has no version: `tag`). */
  titleLocale: string;
}

/**
 * Items an issue page or a case study may point to: id, slug, type, and a title to show in the
 * page's language `tag` (else English's, else the first).
 */
export async function resourceChoices(
  db: Kysely<DB>,
  types?: readonly ResourceType[],
  tag = "en",
): Promise<ResourceChoice[]> {
  let query = db.selectFrom("resources").select(["id", "slug", "type"]).orderBy("slug");
  if (types) query = query.where("type", "in", [...types]);
  const rows = await query.execute();
  const versions = await versionsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const shown = titleIn(
      versions.filter((v) => v.resource_id === r.id),
      tag,
    );
    return { ...r, title: shown?.title ?? r.slug, titleLocale: shown?.locale ?? tag };
  });
}
