// Who may do what with accounts, roles and invitations: every object rule of accounts in one
// place (docs/decisions/0008-feature-contract.md, 4). Guards check the role a route needs;
// handlers and services ask `can(actor, action, subject)` for the rest and `authorize()` the
// answer; views receive booleans (`allowed(...)`, `staffCan`, `accountLinks`).
import type { MembershipRole, UserRole } from "../db/index.js";
import type { Account, Membership } from "../http/account.js";
import { refuse, type Verdict } from "../http/policy.js";

/** Who acts: the signed-in account (its user, memberships and the jurisdiction it acts for). */
export type Actor = Pick<Account, "user" | "memberships" | "jurisdiction">;

export type AccountsAction =
  /** Manage the people and invitations of the jurisdiction acted for (/account/team). */
  | { action: "team.manage" }
  /** A team form: it must name the jurisdiction acted for. */
  | { action: "team.form"; jurisdictionId: string }
  /** Remove someone from the jurisdiction acted for (the last member admin stays). */
  | { action: "team.remove"; role: MembershipRole; otherAdmins: number }
  /** Invite someone to the jurisdiction acted for (only while it is a member). */
  | { action: "team.invite"; member: boolean }
  /** Manage everyone's roles and invitations (/admin/users). */
  | { action: "people.manage" }
  /** Remove anyone's membership anywhere (/admin/users). */
  | { action: "people.remove_membership" }
  /** Change someone's coalition role (the last coalition admin keeps theirs). */
  | { action: "people.set_role"; from: UserRole | null; to: UserRole | null; otherAdmins: number }
  /** Choose the jurisdiction one acts for. */
  | { action: "jurisdiction.choose" };

const isCoalitionAdmin = (actor: Actor) => actor.user.coalitionRole === "coalition_admin";

/** The jurisdiction acted for, when the actor is a member admin there. */
function adminOf(actor: Actor): Membership | undefined {
  return actor.jurisdiction?.role === "member_admin" ? actor.jurisdiction : undefined;
}

export function can(actor: Actor, what: AccountsAction): Verdict {
  switch (what.action) {
    case "team.manage":
      if (adminOf(actor)) return true;
      return actor.jurisdiction
        ? refuse("not_member_admin", { name: actor.jurisdiction.name })
        : refuse("forbidden");
    case "team.form": {
      const own = adminOf(actor);
      if (!own) return can(actor, { action: "team.manage" });
      return what.jurisdictionId === own.jurisdictionId
        ? true
        : refuse("wrong_jurisdiction", { name: own.name });
    }
    case "team.remove": {
      const own = adminOf(actor);
      if (!own) return can(actor, { action: "team.manage" });
      // A member admin must not lock their jurisdiction out.
      if (what.role === "member_admin" && what.otherAdmins === 0) {
        return refuse("last_member_admin", { name: own.name });
      }
      return true;
    }
    case "team.invite": {
      const own = adminOf(actor);
      if (!own) return can(actor, { action: "team.manage" });
      return what.member ? true : refuse("not_a_member", { name: own.name });
    }
    case "people.manage":
    case "people.remove_membership":
      return isCoalitionAdmin(actor) ? true : refuse("forbidden");
    case "people.set_role":
      if (!isCoalitionAdmin(actor)) return refuse("forbidden");
      if (what.from === "coalition_admin" && what.to !== what.from && what.otherAdmins === 0) {
        return refuse("last_admin");
      }
      return true;
    case "jurisdiction.choose":
      return actor.memberships.length > 0 ? true : refuse("no_memberships");
  }
}

/** Coalition admins must use two-step verification (guards.ts sends them to enrol first). */
export function mustUseTwoFactor(account: Pick<Account, "user">): boolean {
  return account.user.coalitionRole === "coalition_admin";
}

/**
 * What the staff pages offer a person, as booleans for views: the /admin front page (admin/)
 * shows each link only to those whose role opens it. `any` is whether /admin opens at all.
 */
export function staffCan(account: Pick<Account, "user"> | null) {
  const role = account?.user.coalitionRole ?? null;
  const admin = role === "coalition_admin";
  const staff = admin || role === "coalition_editor";
  return {
    any: staff,
    /** Membership applications and the roster import (coalition admins). */
    reviewApplications: admin,
    importRoster: admin,
    /** Member profiles and the site's texts (coalition staff). */
    editProfiles: staff,
    editContent: staff,
    /** The outbox, the audit log and /admin/users (coalition admins). */
    readOutbox: admin,
    readAudit: admin,
    managePeople: admin,
  };
}

/** What /account offers the person, as booleans for its view. */
export function accountLinks(account: Actor) {
  const own = adminOf(account);
  return {
    /** Choose among several jurisdictions. */
    chooseJurisdiction: account.memberships.length > 1,
    /** The team page and the profile of the jurisdiction acted for (its member admins). */
    manageTeam: Boolean(own),
    editProfile: Boolean(own),
  };
}

/** Whether a row of the team page gets a remove button: not the last member admin's own. */
export function canOfferRemoval(
  actor: Actor,
  person: { id: string; role: MembershipRole },
  admins: number,
): boolean {
  if (!adminOf(actor)) return false;
  if (person.id !== actor.user.id) return true;
  return (
    can(actor, {
      action: "team.remove",
      role: person.role,
      otherAdmins: admins - (person.role === "member_admin" ? 1 : 0),
    }) === true
  );
}
