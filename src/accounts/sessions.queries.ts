// The `sessions` table beyond what better-auth reads and writes: the jurisdiction a session acts
// for (our own column, `active_jurisdiction_id`).
import type { Kysely } from "kysely";
import type { DB } from "../db/index.js";

/**
 * Sets the jurisdiction a session acts for. Written here rather than through
 * auth.api.updateSession: the column is ours, and better-auth keeps no copy of the session (no
 * cookie cache) that could go stale.
 */
export async function setActiveJurisdiction(
  db: Kysely<DB>,
  sessionId: string,
  jurisdictionId: string,
): Promise<void> {
  await db
    .updateTable("sessions")
    .set({ active_jurisdiction_id: jurisdictionId })
    .where("id", "=", sessionId)
    .execute();
}
