// Staff add, describe and remove a social push's graphics; every change is audited in its
// transaction. The file is stored (content-addressed) before its row is written, so a row never
// names a file that is not there; a file no row names any more is removed after the commit.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { recordAudit } from "../../audit/audit.queries.js";
import type { DB } from "../../db/index.js";
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
  await db.transaction().execute(async (trx) => {
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
  return id;
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
  if ((await countUsesOf(db, graphic.sha256)) === 0) {
    await store.delete(graphic.sha256);
  }
}
