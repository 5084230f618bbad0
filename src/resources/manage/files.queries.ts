// The library's files for staff: every row of an item whatever its status, the writes, and
// whether a stored key is still named by any row (the store's file is deleted when none is).
import type { Insertable, Kysely, Selectable } from "kysely";
import type { DB, ResourceFilesTable } from "../../db/index.js";

export type StaffFileRow = Selectable<ResourceFilesTable> & { alts: Record<string, string> };

export async function filesOfResource(db: Kysely<DB>, resourceId: string): Promise<StaffFileRow[]> {
  const rows = await db
    .selectFrom("resource_files")
    .selectAll()
    .where("resource_id", "=", resourceId)
    .orderBy("position")
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  if (rows.length === 0) return [];
  const alts = await db
    .selectFrom("resource_file_alts")
    .selectAll()
    .where(
      "file_id",
      "in",
      rows.map((r) => r.id),
    )
    .orderBy("locale")
    .execute();
  return rows.map((r) => ({
    ...r,
    alts: Object.fromEntries(alts.filter((a) => a.file_id === r.id).map((a) => [a.locale, a.alt])),
  }));
}

export async function findResourceFile(
  db: Kysely<DB>,
  resourceId: string,
  fileId: string,
): Promise<StaffFileRow | undefined> {
  return (await filesOfResource(db, resourceId)).find((f) => f.id === fileId);
}

/** The next position at the end of the item's files. */
export async function nextFilePosition(db: Kysely<DB>, resourceId: string): Promise<number> {
  const row = await db
    .selectFrom("resource_files")
    .select((eb) => eb.fn.max("position").as("last"))
    .where("resource_id", "=", resourceId)
    .executeTakeFirst();
  return row?.last === null || row?.last === undefined ? 0 : Number(row.last) + 1;
}

export async function insertResourceFile(
  db: Kysely<DB>,
  row: Insertable<ResourceFilesTable>,
  alts: Record<string, string>,
): Promise<void> {
  await db.insertInto("resource_files").values(row).execute();
  const values = Object.entries(alts).map(([locale, alt]) => ({ file_id: row.id, locale, alt }));
  if (values.length > 0) await db.insertInto("resource_file_alts").values(values).execute();
}

export async function deleteResourceFile(db: Kysely<DB>, fileId: string): Promise<void> {
  await db.deleteFrom("resource_files").where("id", "=", fileId).execute();
}

/** Whether any of the library's rows still names this stored key. */
export async function fileKeyInUse(db: Kysely<DB>, key: string): Promise<boolean> {
  const row = await db
    .selectFrom("resource_files")
    .select("id")
    .where("file_key", "=", key)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Replaces an image's descriptions with these (by language; an empty one is none). */
export async function replaceFileAlts(
  db: Kysely<DB>,
  fileId: string,
  alts: Record<string, string>,
): Promise<void> {
  await db.deleteFrom("resource_file_alts").where("file_id", "=", fileId).execute();
  const values = Object.entries(alts).map(([locale, alt]) => ({ file_id: fileId, locale, alt }));
  if (values.length > 0) await db.insertInto("resource_file_alts").values(values).execute();
}

/** The item's file ids in the order readers see them: what a move reads. */
export async function fileIdsInOrder(db: Kysely<DB>, resourceId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("resource_files")
    .select("id")
    .where("resource_id", "=", resourceId)
    .orderBy("position")
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map((r) => r.id);
}

/** Numbers the item's files 0, 1, ... in this order. */
export async function setFilePositions(db: Kysely<DB>, ids: readonly string[]): Promise<void> {
  for (const [position, id] of ids.entries()) {
    await db.updateTable("resource_files").set({ position }).where("id", "=", id).execute();
  }
}
