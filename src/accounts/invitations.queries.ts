// The `invitations` table: reading invitations with their inviter, and the writes of their life
// (made, replaced, revoked, claimed). The jurisdiction an invitation names is looked up through
// jurisdictions.port.ts by the service.
import type { ExpressionBuilder, Insertable, Kysely } from "kysely";
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
 * `jurisdictionId` is null), except one that is the same as `keep` (see sameRecentInvitation):
 * it stands, whether or not the caller saw it before. Returns the ids revoked.
 */
export async function revokePendingTo(
  trx: Kysely<DB>,
  email: string,
  jurisdictionId: string | null,
  at: string,
  keep?: { row: SameFields; since: string },
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
  if (keep) replace = replace.where((eb) => eb.not(sameAs(eb, keep.row, keep.since, at)));
  const rows = await replace.returning("id").execute();
  return rows.map((r) => r.id);
}

/**
 * Inserts an invitation unless another pending one to the same address and place exists (the
 * unique index `invitations_pending`, migration 0007): false then. On PostgreSQL an insert that
 * meets a concurrent transaction's invitation waits for it to end first, so after `false` the
 * winner is visible to the next statement.
 */
export async function insertInvitation(
  trx: Kysely<DB>,
  row: Insertable<InvitationsTable>,
): Promise<boolean> {
  const inserted = await trx
    .insertInto("invitations")
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** What makes two invitations the same: address, place, role, name and language. */
type SameFields = Pick<
  InvitationsTable,
  "email" | "name" | "coalition_role" | "jurisdiction_id" | "membership_role" | "locale"
>;

/** A pending invitation made since `since`, unexpired at `now`, that is the same as `row`. */
function sameAs(
  eb: ExpressionBuilder<DB, "invitations">,
  row: SameFields,
  since: string,
  now: string,
) {
  return eb.and([
    eb("email", "=", row.email),
    eb("locale", "=", row.locale),
    eb("accepted_at", "is", null),
    eb("revoked_at", "is", null),
    eb("expires_at", ">", now),
    eb("created_at", ">", since),
    ...(["name", "coalition_role", "jurisdiction_id", "membership_role"] as const).map((column) =>
      row[column] === null ? eb(column, "is", null) : eb(column, "=", row[column]),
    ),
  ]);
}

/**
 * The pending, unexpired invitation made since `since` that says exactly what `row` says (address,
 * place, role, name, language), if any: the same form sent again.
 */
export async function sameRecentInvitation(
  trx: Kysely<DB>,
  row: SameFields,
  since: string,
  now: string,
): Promise<string | undefined> {
  const found = await trx
    .selectFrom("invitations")
    .select("id")
    .where((eb) => sameAs(eb, row, since, now))
    .executeTakeFirst();
  return found?.id;
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
