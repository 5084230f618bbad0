// The social_graphics and social_graphic_alts tables: their one owner. A graphic belongs to a
// social push's action; its alt texts are one row per language (an empty one is no row).
import type { Kysely, Selectable } from "kysely";
import type { DB, SocialGraphicsTable } from "../../db/index.js";

export type GraphicRow = Selectable<SocialGraphicsTable>;

export interface GraphicWithAlts extends GraphicRow {
  /** Alt text by language tag. */
  alts: Record<string, string>;
}

/** An action's graphics, oldest first, with their alt texts. */
export async function graphicsOf(db: Kysely<DB>, actionId: string): Promise<GraphicWithAlts[]> {
  const rows = await db
    .selectFrom("social_graphics")
    .selectAll()
    .where("action_id", "=", actionId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return withAlts(db, rows);
}

/** One graphic of an action, or undefined. */
export async function findGraphic(
  db: Kysely<DB>,
  actionId: string,
  graphicId: string,
): Promise<GraphicWithAlts | undefined> {
  const rows = await db
    .selectFrom("social_graphics")
    .selectAll()
    .where("action_id", "=", actionId)
    .where("id", "=", graphicId)
    .execute();
  return (await withAlts(db, rows))[0];
}

/** A graphic with the campaign its action belongs to (for serving the file). */
export async function findServedGraphic(db: Kysely<DB>, graphicId: string) {
  return db
    .selectFrom("social_graphics as g")
    .innerJoin("campaign_actions as a", "a.id", "g.action_id")
    .innerJoin("campaigns as c", "c.id", "a.campaign_id")
    .select(["g.id", "g.sha256", "g.media_type", "g.bytes", "c.slug"])
    .where("g.id", "=", graphicId)
    .executeTakeFirst();
}

async function withAlts(db: Kysely<DB>, rows: GraphicRow[]): Promise<GraphicWithAlts[]> {
  if (rows.length === 0) return [];
  const alts = await db
    .selectFrom("social_graphic_alts")
    .selectAll()
    .where(
      "graphic_id",
      "in",
      rows.map((r) => r.id),
    )
    .execute();
  return rows.map((row) => ({
    ...row,
    alts: Object.fromEntries(
      alts.filter((a) => a.graphic_id === row.id).map((a) => [a.locale, a.alt]),
    ),
  }));
}

export async function insertGraphic(trx: Kysely<DB>, row: GraphicRow): Promise<void> {
  await trx.insertInto("social_graphics").values(row).execute();
}

/** Makes a graphic's alt texts exactly `alts` (language → text; empty texts are dropped). */
export async function replaceAlts(
  trx: Kysely<DB>,
  graphicId: string,
  alts: Record<string, string>,
): Promise<void> {
  await trx.deleteFrom("social_graphic_alts").where("graphic_id", "=", graphicId).execute();
  const rows = Object.entries(alts)
    .filter(([, alt]) => alt !== "")
    .map(([locale, alt]) => ({ graphic_id: graphicId, locale, alt }));
  if (rows.length > 0) await trx.insertInto("social_graphic_alts").values(rows).execute();
}

export async function deleteGraphic(trx: Kysely<DB>, graphicId: string): Promise<void> {
  await trx.deleteFrom("social_graphics").where("id", "=", graphicId).execute();
}

/** How many graphics keep a file: none, and it may be removed from disk. */
export async function countUsesOf(db: Kysely<DB>, sha256: string): Promise<number> {
  const row = await db
    .selectFrom("social_graphics")
    .select((eb) => eb.fn.countAll<string | number>().as("n"))
    .where("sha256", "=", sha256)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
