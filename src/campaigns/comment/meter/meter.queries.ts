// What the meter reads of comment_drafts (owned by campaigns/comment): the versions of an
// action's drafts first, then the bodies of only those its index does not hold yet.
import type { Kysely } from "kysely";
import type { DB } from "../../../db/index.js";

/** Every draft of the action with its version (no bodies). */
export async function draftVersions(
  db: Kysely<DB>,
  actionId: string,
): Promise<{ id: string; version: number }[]> {
  return db
    .selectFrom("comment_drafts")
    .select(["id", "version"])
    .where("action_id", "=", actionId)
    .execute();
}

// Ids per IN list: well under either engine's limit of parameters a statement.
const BATCH = 500;

/** The bodies of these drafts of the action, with the version each body is. */
export async function draftBodies(
  db: Kysely<DB>,
  actionId: string,
  ids: readonly string[],
): Promise<{ id: string; version: number; body: string }[]> {
  const rows: { id: string; version: number; body: string }[] = [];
  for (let i = 0; i < ids.length; i += BATCH) {
    rows.push(
      ...(await db
        .selectFrom("comment_drafts")
        .select(["id", "version", "body"])
        .where("action_id", "=", actionId)
        .where("id", "in", ids.slice(i, i + BATCH))
        .execute()),
    );
  }
  return rows;
}
