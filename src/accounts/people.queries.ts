// The `users` and `accounts` tables beyond what better-auth writes itself: looking people up,
// their coalition roles, marking an address proven, and the demo accounts' rows.
import type { Insertable, Kysely } from "kysely";
import {
  type AccountsTable,
  authFlag,
  type DB,
  lockRows,
  type MembershipRole,
  type UserRole,
  type UsersTable,
} from "../db/index.js";

/** Everyone with an account, by name then address. */
export async function listUsers(db: Kysely<DB>) {
  return db
    .selectFrom("users")
    .select(["id", "name", "email", "coalition_role", "two_factor_enabled", "is_demo"])
    .orderBy("name")
    .orderBy("email")
    .execute();
}

/** The person with this (lower-cased) address, as invitations store addresses. */
export async function userByEmail(
  db: Kysely<DB>,
  email: string,
): Promise<{ id: string; coalition_role: UserRole | null } | undefined> {
  return db
    .selectFrom("users")
    .select(["id", "coalition_role"])
    .where("email", "=", email.toLowerCase())
    .executeTakeFirst();
}

/** The person with this address in any case, with what decides whether a link may be mailed. */
export async function userByEmailAnyCase(db: Kysely<DB>, email: string) {
  return db
    .selectFrom("users")
    .select(["id", "email", "name", "email_verified", "two_factor_enabled"])
    .where((eb) => eb(eb.fn("lower", ["email"]), "=", email.toLowerCase()))
    .executeTakeFirst();
}

/** True when the user with this id has this address (better-auth made the row, not another). */
export async function userHasEmail(db: Kysely<DB>, id: string, email: string): Promise<boolean> {
  const row = await db
    .selectFrom("users")
    .select("id")
    .where("id", "=", id)
    .where("email", "=", email)
    .executeTakeFirst();
  return Boolean(row);
}

/** Deletes a user (their sessions, accounts and memberships go with them). */
export async function deleteUser(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom("users").where("id", "=", id).execute();
}

/** The address was proven (a mailed link was used). */
export async function markEmailVerified(db: Kysely<DB>, userId: string): Promise<void> {
  await db
    .updateTable("users")
    .set({ email_verified: authFlag(db, true) })
    .where("id", "=", userId)
    .execute();
}

/** The language a person last signed in in (users.locale): the one mail to them is written in. */
export async function rememberLanguage(db: Kysely<DB>, userId: string, locale: string) {
  await db
    .updateTable("users")
    .set({ locale })
    .where("id", "=", userId)
    .where((eb) => eb.or([eb("locale", "is", null), eb("locale", "!=", locale)]))
    .execute();
}

/**
 * Everyone who works for these jurisdictions (all member jurisdictions when `jurisdictionIds` is
 * omitted), with the language to write to them in: for campaign announcements and reminders.
 */
export async function memberStaffContacts(
  db: Kysely<DB>,
  jurisdictionIds?: readonly string[],
): Promise<StaffContact[]> {
  let query = db
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .innerJoin("jurisdictions as j", "j.id", "m.jurisdiction_id")
    .select([
      "u.id",
      "u.email",
      "u.name",
      "u.locale",
      "m.jurisdiction_id",
      "m.role",
      "j.name as jurisdiction",
    ])
    .where("j.status", "=", "member");
  if (jurisdictionIds) {
    if (jurisdictionIds.length === 0) return [];
    query = query.where("m.jurisdiction_id", "in", [...jurisdictionIds]);
  }
  const rows = await query.orderBy("j.name").orderBy("u.email").execute();
  return rows.map((r) => ({
    userId: r.id,
    email: r.email,
    name: r.name,
    locale: r.locale ?? "en",
    jurisdictionId: r.jurisdiction_id,
    jurisdiction: r.jurisdiction,
    role: r.role,
  }));
}

export interface StaffContact {
  userId: string;
  email: string;
  name: string;
  /** The language they last signed in in; English until they have. */
  locale: string;
  jurisdictionId: string;
  jurisdiction: string;
  role: MembershipRole;
}

/** The coalition admins' addresses and languages: who hears of a barrier when no contact is set. */
export async function coalitionAdminContacts(db: Kysely<DB>) {
  const rows = await db
    .selectFrom("users")
    .select(["email", "locale"])
    .where("coalition_role", "=", "coalition_admin")
    .orderBy("email")
    .execute();
  return rows.map((r) => ({ email: r.email, locale: r.locale ?? "en" }));
}

/** A person's coalition role (null: none), or undefined when there is no such person. */
export async function coalitionRoleOf(
  db: Kysely<DB>,
  userId: string,
): Promise<{ coalition_role: UserRole | null } | undefined> {
  return db
    .selectFrom("users")
    .select("coalition_role")
    .where("id", "=", userId)
    .executeTakeFirst();
}

export async function setUserCoalitionRole(
  trx: Kysely<DB>,
  userId: string,
  role: UserRole | null,
  at: string,
): Promise<void> {
  await trx
    .updateTable("users")
    .set({ coalition_role: role, updated_at: at })
    .where("id", "=", userId)
    .execute();
}

/** The coalition admins' ids, their rows locked until the transaction ends (PostgreSQL). */
export async function lockCoalitionAdmins(trx: Kysely<DB>): Promise<string[]> {
  const rows = await lockRows(
    trx,
    trx.selectFrom("users").select("id").where("coalition_role", "=", "coalition_admin"),
  ).execute();
  return rows.map((r) => r.id);
}

/** A person and their password credential, as better-auth writes them (the demo accounts). */
export async function insertUserWithPassword(
  trx: Kysely<DB>,
  user: Insertable<UsersTable>,
  account: Insertable<AccountsTable>,
): Promise<void> {
  await trx.insertInto("users").values(user).execute();
  await trx.insertInto("accounts").values(account).execute();
}

/** People's names by id (who saved, approved or filed something); the missing are left out. */
export async function userNames(
  db: Kysely<DB>,
  ids: readonly (string | null)[],
): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .selectFrom("users")
    .select(["id", "name"])
    .where("id", "in", wanted)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
