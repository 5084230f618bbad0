// People with accounts: the list /admin/users shows, and coalition roles (the last coalition
// admin keeps theirs).
import type { Kysely } from "kysely";
import { recordAudit } from "../audit/index.js";
import type { DB, MembershipRole, UserRole } from "../db/index.js";
import { authorize, type Verdict } from "../http/policy.js";
import { jurisdictionsByIds } from "./jurisdictions.port.js";
import { allMemberships } from "./memberships.queries.js";
import type { Actor } from "./memberships.service.js";
import {
  coalitionRoleOf,
  listUsers,
  lockCoalitionAdmins,
  setUserCoalitionRole,
} from "./people.queries.js";

export interface PersonMembership {
  jurisdictionId: string;
  name: string;
  slug: string;
  role: MembershipRole;
}

export interface Person {
  id: string;
  name: string;
  email: string;
  coalitionRole: UserRole | null;
  twoFactorEnabled: boolean;
  /** A demo account, whose password is published. */
  isDemo: boolean;
  memberships: PersonMembership[];
}

/** Everyone with an account, by name, with their memberships (by jurisdiction name). */
export async function listPeople(db: Kysely<DB>): Promise<Person[]> {
  const [users, memberships] = await Promise.all([listUsers(db), allMemberships(db)]);
  const places = await jurisdictionsByIds(
    db,
    memberships.map((m) => m.jurisdiction_id),
  );
  const byUser = new Map<string, PersonMembership[]>();
  for (const m of memberships) {
    const place = places.get(m.jurisdiction_id);
    if (!place) continue;
    const list = byUser.get(m.user_id) ?? [];
    list.push({ jurisdictionId: place.id, name: place.name, slug: place.slug, role: m.role });
    byUser.set(m.user_id, list);
  }
  for (const list of byUser.values()) list.sort((a, b) => compareText(a.name, b.name));
  return users.map((u) => ({
    id: u.id,
    name: u.name,
    email: u.email,
    coalitionRole: u.coalition_role,
    twoFactorEnabled: Boolean(u.two_factor_enabled),
    isDemo: u.is_demo === 1,
    memberships: byUser.get(u.id) ?? [],
  }));
}

/** Names in code-point order (as SQLite sorts them). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export type RoleChange = "changed" | "unchanged" | "not_found";

/** What the policy says about a role change, given the role now and how many admins remain. */
export type RoleDecision = (change: { from: UserRole | null; otherAdmins: number }) => Verdict;

/**
 * Sets (or clears) a person's coalition role, if `decide` (accounts.policy.ts) allows it: its
 * refusal (the last coalition admin keeps theirs) is thrown as the catalogue's error and nothing
 * is written. The admins' rows are locked first, so two demotions at once cannot both pass.
 */
export async function setCoalitionRole(
  db: Kysely<DB>,
  userId: string,
  role: UserRole | null,
  actor: Actor,
  decide: RoleDecision,
  now = new Date(),
): Promise<RoleChange> {
  return db.transaction().execute(async (trx): Promise<RoleChange> => {
    const admins = await lockCoalitionAdmins(trx);
    const user = await coalitionRoleOf(trx, userId);
    if (!user) return "not_found";
    if (user.coalition_role === role) return "unchanged";
    const otherAdmins = admins.filter((id) => id !== userId).length;
    authorize(decide({ from: user.coalition_role, otherAdmins }));
    await setUserCoalitionRole(trx, userId, role, now.toISOString());
    await recordAudit(
      trx,
      {
        actor,
        action: "user.role_change",
        entity: "user",
        entityId: userId,
        before: { coalition_role: user.coalition_role },
        after: { coalition_role: role },
      },
      now,
    );
    return "changed";
  });
}
