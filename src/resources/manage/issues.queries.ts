// Issue pages (issue_pages, issue_page_versions, issue_page_items): staff's reads and every
// write. An issue page is composed from items in the order an editor sets (position 0, 1, ...).
import type { Kysely, Selectable } from "kysely";
import type { DB, IssuePagesTable, PublishStatus, TextStatus } from "../../db/index.js";

export type IssueRow = Selectable<IssuePagesTable>;

export interface IssueVersionRow {
  locale: string;
  title: string;
  intro: string;
  status: TextStatus;
  editor: string | null;
  updated_at: string;
}

export interface StaffIssue extends IssueRow {
  versions: IssueVersionRow[];
  /** The items in the page's order. */
  items: {
    id: string;
    slug: string;
    type: string;
    status: PublishStatus;
    publish_at: string | null;
    position: number;
  }[];
}

export async function findIssueForStaff(
  db: Kysely<DB>,
  slug: string,
): Promise<StaffIssue | undefined> {
  const row = await db
    .selectFrom("issue_pages")
    .selectAll()
    .where("slug", "=", slug)
    .executeTakeFirst();
  if (!row) return undefined;
  const [versions, items] = await Promise.all([
    db
      .selectFrom("issue_page_versions as v")
      .leftJoin("users as u", "u.id", "v.editor_id")
      .select(["v.locale", "v.title", "v.intro", "v.status", "v.updated_at", "u.name", "u.email"])
      .where("v.issue_id", "=", row.id)
      .orderBy("v.locale")
      .execute(),
    db
      .selectFrom("issue_page_items as i")
      .innerJoin("resources as r", "r.id", "i.resource_id")
      .select(["r.id", "r.slug", "r.type", "r.status", "r.publish_at", "i.position"])
      .where("i.issue_id", "=", row.id)
      .orderBy("i.position")
      .execute(),
  ]);
  return {
    ...row,
    versions: versions.map(({ name, email, ...v }) => ({ ...v, editor: name || email || null })),
    items,
  };
}

export async function allIssuesForStaff(db: Kysely<DB>) {
  const rows = await db.selectFrom("issue_pages").selectAll().orderBy("slug").execute();
  const versions = rows.length
    ? await db
        .selectFrom("issue_page_versions")
        .select(["issue_id", "locale", "title", "status"])
        .where(
          "issue_id",
          "in",
          rows.map((r) => r.id),
        )
        .execute()
    : [];
  return rows.map((r) => ({ ...r, versions: versions.filter((v) => v.issue_id === r.id) }));
}

export async function issueSlugTaken(db: Kysely<DB>, slug: string, exceptId?: string) {
  let query = db.selectFrom("issue_pages").select("id").where("slug", "=", slug);
  if (exceptId) query = query.where("id", "!=", exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export async function insertIssue(
  trx: Kysely<DB>,
  row: { id: string; slug: string; is_demo?: number; now: string },
) {
  await trx
    .insertInto("issue_pages")
    .values({
      id: row.id,
      slug: row.slug,
      status: "draft",
      is_demo: row.is_demo ?? 0,
      created_at: row.now,
      updated_at: row.now,
    })
    .execute();
}

export async function updateIssueSlug(trx: Kysely<DB>, id: string, slug: string, now: string) {
  await trx
    .updateTable("issue_pages")
    .set({ slug, updated_at: now })
    .where("id", "=", id)
    .execute();
}

export async function saveIssueVersion(
  trx: Kysely<DB>,
  row: {
    issue_id: string;
    locale: string;
    title: string;
    intro: string;
    status: TextStatus;
    editor_id: string | null;
    updated_at: string;
  },
) {
  await trx
    .insertInto("issue_page_versions")
    .values(row)
    .onConflict((oc) =>
      oc.columns(["issue_id", "locale"]).doUpdateSet({
        title: row.title,
        intro: row.intro,
        status: row.status,
        editor_id: row.editor_id,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

export async function deleteIssueVersion(trx: Kysely<DB>, issueId: string, locale: string) {
  await trx
    .deleteFrom("issue_page_versions")
    .where("issue_id", "=", issueId)
    .where("locale", "=", locale)
    .execute();
}

/** The page's items in order, as ids: what a move reads and rewrites. */
export async function issueItemIds(trx: Kysely<DB>, issueId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom("issue_page_items")
    .select("resource_id")
    .where("issue_id", "=", issueId)
    .orderBy("position")
    .execute();
  return rows.map((r) => r.resource_id);
}

/** Writes the page's items in this order (positions 0, 1, ...). */
export async function replaceIssueItems(trx: Kysely<DB>, issueId: string, ids: readonly string[]) {
  await trx.deleteFrom("issue_page_items").where("issue_id", "=", issueId).execute();
  if (ids.length === 0) return;
  await trx
    .insertInto("issue_page_items")
    .values(ids.map((resource_id, position) => ({ issue_id: issueId, resource_id, position })))
    .execute();
}

/** Locks the issue page's row for the rest of the transaction (two reorders at once: in turn). */
export async function touchIssue(trx: Kysely<DB>, id: string, now: string) {
  await trx.updateTable("issue_pages").set({ updated_at: now }).where("id", "=", id).execute();
}

/** Moves an issue page's status only from the one the page showed; true if this call did. */
export async function moveIssue(
  trx: Kysely<DB>,
  id: string,
  from: PublishStatus,
  to: PublishStatus,
  now: string,
): Promise<boolean> {
  const result = await trx
    .updateTable("issue_pages")
    .set({ status: to, updated_at: now })
    .where("id", "=", id)
    .where("status", "=", from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
