// The `invitations` table: reading invitations with their inviter, and the writes of their life
// (made, replaced, revoked, claimed). The jurisdiction an invitation names is looked up through
// jurisdictions.port.ts by the service.
import type { Insertable, Kysely } from "kysely";
import type { DB, InvitationsTable } from "../db/index.js";

/** An invitation and who sent it, as stored. */
export function selectInvitations(db: Kysely<DB>) {
  return db
    .selectFrom("invitations as i")
    .leftJoin("users as u", "u.id", "i.invited_by")
    .select([
      "i.id",
      "i.email",
      "i.name",
      "i.coalition_role",
      "i.jurisdiction_id",
      "i.membership_role",
      "i.locale",
      "u.name as invited_by_name",
      "u.email as invited_by_email",
      "i.created_at",
      "i.expires_at",
      "i.accepted_at",
      "i.revoked_at",
    ]);
}

export type InvitationRow = NonNullable<
  Awaited<ReturnType<ReturnType<typeof selectInvitations>["executeTakeFirst"]>>
>;

export async function invitationByTokenHash(
  db: Kysely<DB>,
  hash: string,
): Promise<InvitationRow | undefined> {
  return selectInvitations(db).where("i.token_hash", "=", hash).executeTakeFirst();
}

export async function invitationById(
  db: Kysely<DB>,
  id: string,
): Promise<InvitationRow | undefined> {
  return selectInvitations(db).where("i.id", "=", id).executeTakeFirst();
}

/** Pending, unexpired invitations, newest first: all of them, or those to one jurisdiction. */
export async function pendingInvitationRows(
  db: Kysely<DB>,
  jurisdictionId: string | undefined,
  now: Date,
): Promise<InvitationRow[]> {
  let query = selectInvitations(db)
    .where("i.accepted_at", "is", null)
    .where("i.revoked_at", "is", null)
    .where("i.expires_at", ">", now.toISOString());
  if (jurisdictionId) query = query.where("i.jurisdiction_id", "=", jurisdictionId);
  return query.orderBy("i.created_at", "desc").limit(1000).execute();
}

/**
 * Revokes the pending invitations of `email` to the same place (the coalition when
 * `jurisdictionId` is null); returns their ids.
 */
export async function revokePendingTo(
  trx: Kysely<DB>,
  email: string,
  jurisdictionId: string | null,
  at: string,
): Promise<string[]> {
  let replace = trx
    .updateTable("invitations")
    .set({ revoked_at: at })
    .where("email", "=", email)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null);
  replace =
    jurisdictionId === null
      ? replace.where("jurisdiction_id", "is", null)
      : replace.where("jurisdiction_id", "=", jurisdictionId);
  const rows = await replace.returning("id").execute();
  return rows.map((r) => r.id);
}

export async function insertInvitation(
  trx: Kysely<DB>,
  row: Insertable<InvitationsTable>,
): Promise<void> {
  await trx.insertInto("invitations").values(row).execute();
}

/**
 * Revokes one pending invitation (only one to `jurisdictionId`, when given); its address and
 * jurisdiction, or undefined when there was no such pending invitation.
 */
export async function revokePendingInvitation(
  trx: Kysely<DB>,
  id: string,
  at: string,
  jurisdictionId?: string,
): Promise<{ email: string; jurisdiction_id: string | null } | undefined> {
  let update = trx
    .updateTable("invitations")
    .set({ revoked_at: at })
    .where("id", "=", id)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null);
  if (jurisdictionId) update = update.where("jurisdiction_id", "=", jurisdictionId);
  return update.returning(["email", "jurisdiction_id"]).executeTakeFirst();
}

/**
 * Marks a pending, unexpired invitation accepted (compare-and-set): true when this call did it,
 * false when someone else got there first or it stopped being pending.
 */
export async function claimInvitation(trx: Kysely<DB>, id: string, at: string): Promise<boolean> {
  const claimed = await trx
    .updateTable("invitations")
    .set({ accepted_at: at })
    .where("id", "=", id)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", at)
    .executeTakeFirst();
  return Number(claimed.numUpdatedRows) === 1;
}
