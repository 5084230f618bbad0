// The `sessions` table beyond what better-auth reads and writes: the jurisdiction a session acts
// for (our own column, `active_jurisdiction_id`).
import type { Kysely } from "kysely";
import { compiledOnce, type DB } from "../db/index.js";

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

/**
 * A session by its token, with its person and every jurisdiction they work for (one row per
 * membership, or one row without when they have none): what each signed-in request needs, in
 * one query (session.ts). Memberships whose jurisdiction is gone are left out, as membershipsOf
 * does.
 */
export const sessionByToken = compiledOnce((db: Kysely<DB>, token: string) =>
  db
    .selectFrom("sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .leftJoin("memberships as m", "m.user_id", "u.id")
    .leftJoin("jurisdictions as j", "j.id", "m.jurisdiction_id")
    .select([
      "s.id as session_id",
      "s.expires_at",
      "s.active_jurisdiction_id",
      "u.id as user_id",
      "u.email",
      "u.name",
      "u.coalition_role",
      "u.two_factor_enabled",
      "u.is_demo",
      "j.id as jurisdiction_id",
      "j.slug as jurisdiction_slug",
      "j.name as jurisdiction_name",
      "m.role",
    ])
    .where("s.token", "=", token)
    .orderBy("j.name"),
);
