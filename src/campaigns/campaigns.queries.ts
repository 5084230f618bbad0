// The campaigns and campaign_texts tables: their one owner. A campaign is read with every
// language's text; which one a reader sees (and whether it is a fallback) is campaign.text.ts.
import type { Insertable, Kysely, Selectable } from "kysely";
import {
  type CampaignStatus,
  type CampaignsTable,
  type CampaignTextsTable,
  compiledOnce,
  type DB,
  lockRows,
} from "../db/index.js";

export type CampaignRow = Selectable<CampaignsTable>;
export type CampaignTextRow = CampaignTextsTable;

export interface CampaignWithTexts extends CampaignRow {
  texts: CampaignTextRow[];
}

async function withTexts(db: Kysely<DB>, rows: CampaignRow[]): Promise<CampaignWithTexts[]> {
  if (rows.length === 0) return [];
  const texts = await db
    .selectFrom("campaign_texts")
    .selectAll()
    .where(
      "campaign_id",
      "in",
      rows.map((r) => r.id),
    )
    .execute();
  return rows.map((row) => ({ ...row, texts: texts.filter((t) => t.campaign_id === row.id) }));
}

export async function findCampaignBySlug(
  db: Kysely<DB>,
  slug: string,
): Promise<CampaignWithTexts | undefined> {
  const row = await db
    .selectFrom("campaigns")
    .selectAll()
    .where("slug", "=", slug)
    .executeTakeFirst();
  return row ? (await withTexts(db, [row]))[0] : undefined;
}

export async function findCampaignById(
  db: Kysely<DB>,
  id: string,
): Promise<CampaignWithTexts | undefined> {
  const row = await db.selectFrom("campaigns").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? (await withTexts(db, [row]))[0] : undefined;
}

/** What says whether a campaign is open now (campaign.status.ts). */
const campaignDatesQuery = compiledOnce((db: Kysely<DB>, id: string) =>
  db
    .selectFrom("campaigns")
    .select(["status", "starts_on", "ends_on", "time_zone"])
    .where("id", "=", id),
);

export async function campaignDates(db: Kysely<DB>, id: string) {
  const [row] = await campaignDatesQuery(db, id);
  return row;
}

/**
 * Holds a campaign's row until the transaction ends, so that two staff doing the same thing at
 * once (two presses of "Remind them") take turns (PostgreSQL; SQLite writes one at a time).
 */
export async function lockCampaign(trx: Kysely<DB>, id: string): Promise<void> {
  await lockRows(trx, trx.selectFrom("campaigns").select("id").where("id", "=", id)).execute();
}

/** Every campaign (staff's list), newest first. */
export async function allCampaigns(db: Kysely<DB>): Promise<CampaignWithTexts[]> {
  const rows = await db
    .selectFrom("campaigns")
    .selectAll()
    .orderBy("starts_on", "desc")
    .orderBy("slug")
    .execute();
  return withTexts(db, rows);
}

/** Every campaign's id (the search index's rebuild asks each for what the public may find). */
export async function campaignIds(db: Kysely<DB>): Promise<string[]> {
  const rows = await db.selectFrom("campaigns").select("id").orderBy("id").execute();
  return rows.map((r) => r.id);
}

/** The campaigns with these ids, each with every language's text; unknown ids are left out. */
export async function campaignsByIds(
  db: Kysely<DB>,
  ids: readonly string[],
): Promise<CampaignWithTexts[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("campaigns")
    .selectAll()
    .where("id", "in", [...new Set(ids)])
    .orderBy("id")
    .execute();
  return withTexts(db, rows);
}

/** Campaigns anyone may list: published, closed or archived (never a draft), newest first. */
export async function publishedCampaigns(db: Kysely<DB>): Promise<CampaignWithTexts[]> {
  const rows = await db
    .selectFrom("campaigns")
    .selectAll()
    .where("status", "!=", "draft")
    .orderBy("starts_on", "desc")
    .orderBy("slug")
    .execute();
  return withTexts(db, rows);
}

export async function slugTaken(db: Kysely<DB>, slug: string, exceptId?: string): Promise<boolean> {
  let query = db.selectFrom("campaigns").select("id").where("slug", "=", slug);
  if (exceptId) query = query.where("id", "!=", exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export async function insertCampaign(
  trx: Kysely<DB>,
  row: Insertable<CampaignsTable>,
): Promise<void> {
  await trx.insertInto("campaigns").values(row).execute();
}

/** The campaign's editable settings; its status moves only through `setCampaignStatus`. */
export type CampaignSettings = Pick<
  CampaignRow,
  | "slug"
  | "starts_on"
  | "ends_on"
  | "time_zone"
  | "topics"
  | "goal_members"
  | "visibility"
  | "signatories_public"
>;

export async function updateCampaignSettings(
  trx: Kysely<DB>,
  id: string,
  settings: CampaignSettings,
  now: string,
): Promise<void> {
  await trx
    .updateTable("campaigns")
    .set({ ...settings, updated_at: now })
    .where("id", "=", id)
    .execute();
}

/**
 * Moves a campaign from one status to the next, only if it is still in `from` (a
 * compare-and-set: of two admins pressing "Publish" at once, one changes it). True if it moved.
 */
export async function setCampaignStatus(
  trx: Kysely<DB>,
  id: string,
  from: CampaignStatus,
  to: CampaignStatus,
  now: string,
): Promise<boolean> {
  const stamp =
    to === "published" ? { published_at: now } : to === "closed" ? { closed_at: now } : {};
  const result = await trx
    .updateTable("campaigns")
    .set({ status: to, updated_at: now, ...stamp })
    .where("id", "=", id)
    .where("status", "=", from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Marks a closed campaign's results public, once. True if this call did it. */
export async function markResultsPublished(
  trx: Kysely<DB>,
  id: string,
  now: string,
): Promise<boolean> {
  const result = await trx
    .updateTable("campaigns")
    .set({ results_published_at: now, updated_at: now })
    .where("id", "=", id)
    .where("status", "=", "closed")
    .where("results_published_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Writes one language's text (insert or replace). */
export async function saveCampaignText(trx: Kysely<DB>, row: CampaignTextRow): Promise<void> {
  await trx
    .insertInto("campaign_texts")
    .values(row)
    .onConflict((oc) =>
      oc.columns(["campaign_id", "locale"]).doUpdateSet({
        title: row.title,
        summary: row.summary,
        body: row.body,
        status: row.status,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

export async function deleteCampaignText(
  trx: Kysely<DB>,
  campaignId: string,
  locale: string,
): Promise<void> {
  await trx
    .deleteFrom("campaign_texts")
    .where("campaign_id", "=", campaignId)
    .where("locale", "=", locale)
    .execute();
}

/**
 * Moves a campaign's last day from `from` to `to`, only while it still ends on `from` and staff
 * have not closed it (a rule's comment period extended: the campaign that ended with it follows).
 * True if it moved.
 */
export async function moveCampaignEnd(
  trx: Kysely<DB>,
  id: string,
  from: string,
  to: string,
  now: string,
): Promise<boolean> {
  const moved = await trx
    .updateTable("campaigns")
    .set({ ends_on: to, updated_at: now })
    .where("id", "=", id)
    .where("ends_on", "=", from)
    .where("status", "in", ["draft", "published"])
    .where("starts_on", "<=", to)
    .executeTakeFirst();
  return moved.numUpdatedRows === 1n;
}
