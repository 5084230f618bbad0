import type { Kysely } from "kysely";
import { recordAudit } from "../audit/index.js";
import type { DB } from "../db/index.js";
import { findBody, writeBlock } from "./content.queries.js";

/**
 * Saves a block's text in one language (inserting a missing translation) and records who
 * changed it from what, in one transaction.
 */
export async function saveBlock(
  db: Kysely<DB>,
  actor: { id: string; email: string },
  block: { key: string; locale: string; body: string },
  now = new Date(),
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await findBody(trx, block.key, block.locale);
    await writeBlock(trx, { ...block, updatedAt: now.toISOString() }, before !== undefined);
    await recordAudit(
      trx,
      {
        actor,
        action: "content.update",
        entity: "content_block",
        entityId: `${block.key}:${block.locale}`,
        before: before === undefined ? undefined : { body: before },
        after: { body: block.body },
      },
      now,
    );
  });
}
