// The `memberships` table: who works for which member jurisdiction, in which role.
import type { Insertable, Kysely } from "kysely";
import { type DB, lockRows, type MembershipRole, type MembershipsTable } from "../db/index.js";
import type { Membership } from "../http/account.js";

/**
 * The jurisdictions a person works for, by name. Read for every signed-in request, so the names
 * come from the `jurisdictions` table (members/ owns it) in the same query: asking
 * jurisdictions.port.ts afterwards would cost a second round trip on every page.
 */
export async function membershipsOf(db: Kysely<DB>, userId: string): Promise<Membership[]> {
  const rows = await db
    .selectFrom("memberships as m")
    .innerJoin("jurisdictions as j", "j.id", "m.jurisdiction_id")
    .select(["j.id", "j.slug", "j.name", "m.role"])
    .where("m.user_id", "=", userId)
    .orderBy("j.name")
    .execute();
  return rows.map((r) => ({ jurisdictionId: r.id, slug: r.slug, name: r.name, role: r.role }));
}

/** Everyone's memberships (for the people list); jurisdiction names come from the port. */
export async function allMemberships(db: Kysely<DB>) {
  return db.selectFrom("memberships").select(["user_id", "jurisdiction_id", "role"]).execute();
}

export async function membershipRow(db: Kysely<DB>, userId: string, jurisdictionId: string) {
  return db
    .selectFrom("memberships")
    .selectAll()
    .where("user_id", "=", userId)
    .where("jurisdiction_id", "=", jurisdictionId)
    .executeTakeFirst();
}

export async function insertMembership(
  db: Kysely<DB>,
  row: Insertable<MembershipsTable>,
): Promise<void> {
  await db.insertInto("memberships").values(row).execute();
}

export async function setMembershipRole(
  trx: Kysely<DB>,
  userId: string,
  jurisdictionId: string,
  role: MembershipRole,
): Promise<void> {
  await trx
    .updateTable("memberships")
    .set({ role })
    .where("user_id", "=", userId)
    .where("jurisdiction_id", "=", jurisdictionId)
    .execute();
}

export async function deleteMembership(
  trx: Kysely<DB>,
  userId: string,
  jurisdictionId: string,
): Promise<void> {
  await trx
    .deleteFrom("memberships")
    .where("user_id", "=", userId)
    .where("jurisdiction_id", "=", jurisdictionId)
    .execute();
}

/** A jurisdiction's member admins' ids, their rows locked until the transaction ends. */
export async function lockMemberAdmins(trx: Kysely<DB>, jurisdictionId: string) {
  const rows = await lockRows(
    trx,
    trx
      .selectFrom("memberships")
      .select("user_id")
      .where("jurisdiction_id", "=", jurisdictionId)
      .where("role", "=", "member_admin"),
  ).execute();
  return rows.map((r) => r.user_id);
}

export interface TeamMember {
  id: string;
  name: string;
  email: string;
  role: MembershipRole;
  since: string;
}

/** The people of one jurisdiction: member admins first, then by name. */
export async function listTeam(db: Kysely<DB>, jurisdictionId: string): Promise<TeamMember[]> {
  const rows = await db
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["u.id", "u.name", "u.email", "m.role", "m.created_at"])
    .where("m.jurisdiction_id", "=", jurisdictionId)
    .orderBy("m.role")
    .orderBy("u.name")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    email: r.email,
    role: r.role,
    since: r.created_at,
  }));
}

/** The names of a jurisdiction's member admins, by name: whom its staff can ask. */
export async function memberAdminNames(db: Kysely<DB>, jurisdictionId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select("u.name")
    .where("m.jurisdiction_id", "=", jurisdictionId)
    .where("m.role", "=", "member_admin")
    .orderBy("u.name")
    .execute();
  return rows.map((r) => r.name);
}
