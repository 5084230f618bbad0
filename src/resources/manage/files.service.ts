// Adding and deleting an item's files, each audited in the transaction that writes its row. The
// bytes are stored first (a row never names a missing file); a row that fails to be written, or
// the last row naming a key deleted, takes the stored file with it.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { recordAudit } from "../../audit/index.js";
import type { DB } from "../../db/index.js";
import type { FileStore } from "../../files/files.store.js";
import {
  deleteResourceFile,
  fileKeyInUse,
  insertResourceFile,
  nextFilePosition,
  type StaffFileRow,
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
    if (!(await fileKeyInUse(db, key))) await store.delete(key);
    throw error;
  }
  return id;
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
  if (!(await fileKeyInUse(db, file.file_key))) await store.delete(file.file_key);
}
