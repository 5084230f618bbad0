// Staff add, describe and remove a social push's graphics; every change is audited in its
// transaction. The file is stored (content-addressed) before its row is written, so a row never
// names a file that is not there; a file no row names any more is removed after the commit. Both
// hold the key's lock (files/README.md), so an upload of the same bytes while their last graphic
// is removed either names the file before the check that would delete it, or stores it again.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { recordAudit } from "../../audit/audit.queries.js";
import { type DB, lockNamed } from "../../db/index.js";
import type { FileStore } from "../../files/files.store.js";
import { appError } from "../../http/errors.js";
import {
  countUsesOf,
  deleteGraphic,
  type GraphicWithAlts,
  insertGraphic,
  replaceAlts,
} from "./graphics.queries.js";
import type { ImageInfo } from "./image-type.js";

interface Actor {
  id: string;
  email: string;
}

/** An archived campaign is the record of what was done: nothing in it changes any more. */
function stillOpen(campaign: { status: string }) {
  if (campaign.status === "archived") throw appError("campaign_closed");
}

export async function addGraphic(
  db: Kysely<DB>,
  store: FileStore,
  actor: Actor,
  campaign: { status: string },
  actionId: string,
  file: { bytes: Buffer; info: ImageInfo },
  alts: Record<string, string>,
  now = new Date(),
): Promise<string> {
  stillOpen(campaign);
  const { key: sha256 } = await store.put(file.bytes);
  const id = randomUUID();
  const row = {
    id,
    action_id: actionId,
    sha256,
    media_type: file.info.mediaType,
    bytes: file.bytes.length,
    width: file.info.width,
    height: file.info.height,
    created_at: now.toISOString(),
  };
  try {
    await db.transaction().execute(async (trx) => {
      await lockNamed(trx, lockOf(sha256));
      // The last graphic of these bytes may have been removed, and the file with it, since put.
      if (!(await store.has(sha256))) await store.put(file.bytes);
      await insertGraphic(trx, row);
      await replaceAlts(trx, id, alts);
      await recordAudit(
        trx,
        {
          actor,
          action: "campaign.social.graphic.add",
          entity: "social_graphic",
          entityId: id,
          after: { ...row, alts },
        },
        now,
      );
    });
  } catch (error) {
    await releaseFile(db, store, sha256);
    throw error;
  }
  return id;
}

const lockOf = (sha256: string) => `social_graphic_file:${sha256}`;

/** Deletes the stored file unless a graphic names it, under the key's lock (see the top). */
async function releaseFile(db: Kysely<DB>, store: FileStore, sha256: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await lockNamed(trx, lockOf(sha256));
    if ((await countUsesOf(trx, sha256)) === 0) await store.delete(sha256);
  });
}

export async function describeGraphic(
  db: Kysely<DB>,
  actor: Actor,
  campaign: { status: string },
  graphic: GraphicWithAlts,
  alts: Record<string, string>,
  now = new Date(),
): Promise<void> {
  stillOpen(campaign);
  await db.transaction().execute(async (trx) => {
    await replaceAlts(trx, graphic.id, alts);
    await recordAudit(
      trx,
      {
        actor,
        action: "campaign.social.graphic.alt",
        entity: "social_graphic",
        entityId: graphic.id,
        before: graphic.alts,
        after: alts,
      },
      now,
    );
  });
}

export async function removeGraphic(
  db: Kysely<DB>,
  store: FileStore,
  actor: Actor,
  campaign: { status: string },
  graphic: GraphicWithAlts,
  now = new Date(),
): Promise<void> {
  stillOpen(campaign);
  await db.transaction().execute(async (trx) => {
    await deleteGraphic(trx, graphic.id);
    await recordAudit(
      trx,
      {
        actor,
        action: "campaign.social.graphic.delete",
        entity: "social_graphic",
        entityId: graphic.id,
        before: graphic,
      },
      now,
    );
  });
  await releaseFile(db, store, graphic.sha256);
}
