// Who may do what to the roster: every members write and staff page asks `can` (guards only let
// the right kind of person reach a route; this says yes or no for the thing asked about).
import type { Account } from "../http/account.js";
import { refuse, type Verdict } from "../http/policy.js";

export type MembersAction =
  /** List, read, accept and decline membership applications. */
  | "review_applications"
  /** Import the roster from CSV, or export it. */
  | "manage_roster"
  /** List every jurisdiction's profile, and edit any of them. */
  | "edit_any_profile"
  /** Edit one jurisdiction's public profile (its executive, website and office). */
  | "edit_profile";

/** The jurisdiction an action is about. */
export interface ProfileSubject {
  jurisdictionId: string;
}

const isCoalitionAdmin = (actor: Account) => actor.user.coalitionRole === "coalition_admin";
const isCoalitionStaff = (actor: Account) => actor.user.coalitionRole !== null;

/**
 * Whether `actor` may do `action` (to `subject`, for "edit_profile"). Coalition admins review
 * applications and manage the roster; coalition admins and editors edit any profile; a member
 * admin edits only the profile of the jurisdiction they act for now, and member staff none.
 */
export function can(
  actor: Account | null,
  action: "edit_profile",
  subject: ProfileSubject,
): Verdict;
export function can(actor: Account | null, action: Exclude<MembersAction, "edit_profile">): Verdict;
export function can(
  actor: Account | null,
  action: MembersAction,
  subject?: ProfileSubject,
): Verdict {
  if (!actor) return refuse("unauthorized");
  switch (action) {
    case "review_applications":
    case "manage_roster":
      return isCoalitionAdmin(actor) || refuse("members_admin_only");
    case "edit_any_profile":
      return isCoalitionStaff(actor) || refuse("members_staff_only");
    case "edit_profile": {
      if (isCoalitionStaff(actor)) return true;
      const acting = actor.jurisdiction;
      const own = acting !== null && acting.jurisdictionId === subject?.jurisdictionId;
      return (own && acting.role === "member_admin") || refuse("profile_not_yours");
    }
  }
}
