// The campaign_actions and action_texts tables: their one owner. An action is what members do in
// a campaign (sign a letter, join an event, post, comment); its kind's own details live in that
// kind's tables (event_details, social_messages), owned by the kind's folder.
import type { Kysely, Selectable } from "kysely";
import {
  type ActionKind,
  type ActionTextsTable,
  type CampaignActionsTable,
  compiledOnce,
  type DB,
} from "../db/index.js";

export type ActionRow = Selectable<CampaignActionsTable>;
export type ActionTextRow = ActionTextsTable;

export interface ActionWithTexts extends ActionRow {
  texts: ActionTextRow[];
}

async function withTexts(db: Kysely<DB>, rows: ActionRow[]): Promise<ActionWithTexts[]> {
  if (rows.length === 0) return [];
  const texts = await db
    .selectFrom("action_texts")
    .selectAll()
    .where(
      "action_id",
      "in",
      rows.map((r) => r.id),
    )
    .execute();
  return rows.map((row) => ({ ...row, texts: texts.filter((t) => t.action_id === row.id) }));
}

/** A campaign's actions, in the order staff gave them. */
export async function actionsOf(db: Kysely<DB>, campaignId: string): Promise<ActionWithTexts[]> {
  const rows = await db
    .selectFrom("campaign_actions")
    .selectAll()
    .where("campaign_id", "=", campaignId)
    .orderBy("position")
    .orderBy("created_at")
    .execute();
  return withTexts(db, rows);
}

/** The actions of several campaigns at once (lists and the timeline). */
export async function actionsOfCampaigns(
  db: Kysely<DB>,
  campaignIds: readonly string[],
): Promise<ActionRow[]> {
  if (campaignIds.length === 0) return [];
  return db
    .selectFrom("campaign_actions")
    .selectAll()
    .where("campaign_id", "in", [...campaignIds])
    .orderBy("position")
    .execute();
}

/**
 * An action by its campaign's slug and its id, with what says whether the campaign is open and
 * who may see it, without texts: what a member's act needs before it is written (one query).
 */
const actionRefQuery = compiledOnce((db: Kysely<DB>, slug: string, actionId: string) =>
  db
    .selectFrom("campaigns as c")
    .innerJoin("campaign_actions as a", "a.campaign_id", "c.id")
    .select([
      "c.id as campaign_id",
      "c.slug",
      "c.status",
      "c.visibility",
      "c.starts_on",
      "c.ends_on",
      "c.time_zone",
      "a.id as action_id",
      "a.kind",
    ])
    .where("c.slug", "=", slug)
    .where("a.id", "=", actionId),
);

export async function findActionRef(db: Kysely<DB>, slug: string, actionId: string) {
  const [row] = await actionRefQuery(db, slug, actionId);
  if (!row) return undefined;
  const { campaign_id, action_id, kind, ...campaign } = row;
  return { campaign: { id: campaign_id, ...campaign }, action: { id: action_id, kind } };
}

/** One action of one campaign: an id from another campaign is none. */
export async function findAction(
  db: Kysely<DB>,
  campaignId: string,
  actionId: string,
): Promise<ActionWithTexts | undefined> {
  const row = await db
    .selectFrom("campaign_actions")
    .selectAll()
    .where("campaign_id", "=", campaignId)
    .where("id", "=", actionId)
    .executeTakeFirst();
  return row ? (await withTexts(db, [row]))[0] : undefined;
}

export async function insertAction(
  trx: Kysely<DB>,
  row: { id: string; campaignId: string; kind: ActionKind; now: string },
): Promise<void> {
  const last = await trx
    .selectFrom("campaign_actions")
    .select((eb) => eb.fn.max("position").as("position"))
    .where("campaign_id", "=", row.campaignId)
    .executeTakeFirst();
  await trx
    .insertInto("campaign_actions")
    .values({
      id: row.id,
      campaign_id: row.campaignId,
      kind: row.kind,
      position: Number(last?.position ?? 0) + 1,
      created_at: row.now,
      updated_at: row.now,
    })
    .execute();
}

export async function touchAction(trx: Kysely<DB>, id: string, now: string): Promise<void> {
  await trx.updateTable("campaign_actions").set({ updated_at: now }).where("id", "=", id).execute();
}

export async function saveActionText(trx: Kysely<DB>, row: ActionTextRow): Promise<void> {
  await trx
    .insertInto("action_texts")
    .values(row)
    .onConflict((oc) =>
      oc.columns(["action_id", "locale"]).doUpdateSet({
        title: row.title,
        body: row.body,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

export async function deleteActionText(
  trx: Kysely<DB>,
  actionId: string,
  locale: string,
): Promise<void> {
  await trx
    .deleteFrom("action_texts")
    .where("action_id", "=", actionId)
    .where("locale", "=", locale)
    .execute();
}
