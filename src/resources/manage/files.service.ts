// Adding, describing, ordering and deleting an item's files, each audited in the transaction that
// writes it. The bytes are stored first (a row never names a missing file); a row that fails to
// be written, or the last row naming a key deleted, takes the stored file with it. Both hold the
// key's lock (files/README.md): an upload of the same bytes while the last row naming them is
// deleted either names the file before the check that would delete it, or stores it again after.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { recordAudit } from "../../audit/index.js";
import { type DB, lockNamed } from "../../db/index.js";
import type { FileStore } from "../../files/files.store.js";
import {
  deleteResourceFile,
  fileIdsInOrder,
  fileKeyInUse,
  insertResourceFile,
  nextFilePosition,
  replaceFileAlts,
  type StaffFileRow,
  setFilePositions,
} from "./files.queries.js";
import type { CheckedResourceUpload } from "./files.upload.js";
import type { Actor } from "./items.service.js";
import { touchResource } from "./manage.queries.js";

type Upload = Extract<CheckedResourceUpload, { ok: true }>;

/** What the audit keeps of a file: never its bytes. */
const described = (f: Omit<StaffFileRow, "position" | "created_at">) => ({
  id: f.id,
  role: f.role,
  locale: f.locale,
  filename: f.filename,
  media_type: f.media_type,
  bytes: f.bytes,
  file_key: f.file_key,
  alts: f.alts,
});

export async function addResourceFile(
  db: Kysely<DB>,
  store: FileStore,
  actor: Actor,
  item: { id: string },
  upload: Upload,
  now = new Date(),
): Promise<string> {
  const { key, size } = await store.put(upload.bytes);
  const id = randomUUID();
  const row = {
    id,
    resource_id: item.id,
    locale: upload.locale,
    role: upload.role,
    file_key: key,
    media_type: upload.file.mediaType,
    bytes: size,
    filename: upload.filename,
    width: upload.file.image?.width ?? null,
    height: upload.file.image?.height ?? null,
    created_at: now.toISOString(),
  };
  try {
    await db.transaction().execute(async (trx) => {
      await lockNamed(trx, lockOf(key));
      // The last row naming these bytes may have been deleted, and the file with it, since put.
      if (!(await store.has(key))) await store.put(upload.bytes);
      await insertResourceFile(
        trx,
        { ...row, position: await nextFilePosition(trx, item.id) },
        upload.alts,
      );
      await touchResource(trx, item.id, now.toISOString());
      await recordAudit(
        trx,
        {
          actor,
          action: "resource.file_add",
          entity: "resource",
          entityId: item.id,
          before: null,
          after: described({ ...row, alts: upload.alts }),
        },
        now,
      );
    });
  } catch (error) {
    await releaseFile(db, store, key);
    throw error;
  }
  return id;
}

const lockOf = (key: string) => `resource_file:${key}`;

/** Deletes the stored file unless a row names it, under the key's lock (see the top). */
async function releaseFile(db: Kysely<DB>, store: FileStore, key: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await lockNamed(trx, lockOf(key));
    if (!(await fileKeyInUse(trx, key))) await store.delete(key);
  });
}

export async function removeResourceFile(
  db: Kysely<DB>,
  store: FileStore,
  actor: Actor,
  item: { id: string },
  file: StaffFileRow,
  now = new Date(),
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await deleteResourceFile(trx, file.id);
    await touchResource(trx, item.id, now.toISOString());
    await recordAudit(
      trx,
      {
        actor,
        action: "resource.file_delete",
        entity: "resource",
        entityId: item.id,
        before: described(file),
        after: null,
      },
      now,
    );
  });
  // The same bytes may be another row's (uploaded twice): the file goes with the last of them.
  await releaseFile(db, store, file.file_key);
}

/** Replaces an image's descriptions (checked by the route: the required one is there). */
export async function describeResourceFile(
  db: Kysely<DB>,
  actor: Actor,
  item: { id: string },
  file: StaffFileRow,
  alts: Record<string, string>,
  now = new Date(),
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await touchResource(trx, item.id, now.toISOString());
    await replaceFileAlts(trx, file.id, alts);
    await recordAudit(
      trx,
      {
        actor,
        action: "resource.file_alt",
        entity: "resource",
        entityId: item.id,
        before: { id: file.id, alts: file.alts },
        after: { id: file.id, alts },
      },
      now,
    );
  });
}

/**
 * Moves a file one place up or down the item's list, under the item's row lock (two editors at
 * once: each move applies to the order the other left). Nothing happens, and nothing is audited,
 * when the file is already first (up) or last (down), or no longer there.
 */
export async function moveResourceFile(
  db: Kysely<DB>,
  actor: Actor,
  item: { id: string },
  fileId: string,
  move: "up" | "down",
  now = new Date(),
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await touchResource(trx, item.id, now.toISOString());
    const before = await fileIdsInOrder(trx, item.id);
    const at = before.indexOf(fileId);
    const to = move === "up" ? at - 1 : at + 1;
    if (at < 0 || to < 0 || to >= before.length) return;
    const after = [...before];
    [after[at], after[to]] = [after[to] as string, after[at] as string];
    await setFilePositions(trx, after);
    await recordAudit(
      trx,
      {
        actor,
        action: "resource.file_move",
        entity: "resource",
        entityId: item.id,
        before: { files: before },
        after: { files: after },
      },
      now,
    );
  });
}
