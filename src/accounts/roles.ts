// The order of roles: an invitation never lowers one.
import type { MembershipRole, UserRole } from "../db/index.js";

const COALITION_RANK: Record<UserRole, number> = { coalition_editor: 1, coalition_admin: 2 };
const MEMBERSHIP_RANK: Record<MembershipRole, number> = { member_staff: 1, member_admin: 2 };

export const COALITION_ROLES: readonly UserRole[] = ["coalition_admin", "coalition_editor"];
export const MEMBERSHIP_ROLES: readonly MembershipRole[] = ["member_admin", "member_staff"];

export function isCoalitionRole(value: unknown): value is UserRole {
  return value === "coalition_admin" || value === "coalition_editor";
}

export function isMembershipRole(value: unknown): value is MembershipRole {
  return value === "member_admin" || value === "member_staff";
}

/** The higher of two coalition roles (null is none). */
export function higherCoalitionRole(a: UserRole | null, b: UserRole | null): UserRole | null {
  if (!a) return b;
  if (!b) return a;
  return COALITION_RANK[b] > COALITION_RANK[a] ? b : a;
}

/** The higher of two membership roles. */
export function higherMembershipRole(a: MembershipRole, b: MembershipRole): MembershipRole {
  return MEMBERSHIP_RANK[b] > MEMBERSHIP_RANK[a] ? b : a;
}
