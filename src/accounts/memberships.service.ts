// Granting and removing memberships, each with its audit entry, in the caller's transaction or
// one of its own.
import type { Kysely } from "kysely";
import { recordAudit } from "../audit/index.js";
import type { DB, MembershipRole } from "../db/index.js";
import {
  deleteMembership,
  insertMembership,
  lockMemberAdmins,
  membershipRow,
  setMembershipRole,
} from "./memberships.queries.js";
import { higherMembershipRole } from "./roles.js";

/** Who did it, for the audit log. */
export interface Actor {
  id: string;
  email: string;
}

/** The audit log's id for a membership, which has no id of its own. */
export function membershipEntityId(userId: string, jurisdictionId: string): string {
  return `${jurisdictionId}/${userId}`;
}

/** Adds a membership, or raises its role; never lowers one. Call inside a transaction. */
export async function grantMembership(
  trx: Kysely<DB>,
  actor: Actor,
  userId: string,
  jurisdictionId: string,
  role: MembershipRole,
  now: Date,
): Promise<void> {
  const existing = await membershipRow(trx, userId, jurisdictionId);
  const entityId = membershipEntityId(userId, jurisdictionId);
  if (!existing) {
    const row = {
      user_id: userId,
      jurisdiction_id: jurisdictionId,
      role,
      created_at: now.toISOString(),
    };
    await insertMembership(trx, row);
    await recordAudit(
      trx,
      { actor, action: "membership.create", entity: "membership", entityId, after: row },
      now,
    );
    return;
  }
  const raised = higherMembershipRole(existing.role, role);
  if (raised === existing.role) return;
  await setMembershipRole(trx, userId, jurisdictionId, raised);
  await recordAudit(
    trx,
    {
      actor,
      action: "membership.role_change",
      entity: "membership",
      entityId,
      before: existing,
      after: { ...existing, role: raised },
    },
    now,
  );
}

export type MembershipRemoval = "removed" | "not_found" | "last_member_admin";

/**
 * Removes someone's membership in a jurisdiction. With `keepOneAdmin`, the jurisdiction's last
 * member admin cannot be removed (a member admin must not lock their jurisdiction out). The
 * admins' rows are locked first, so two removals at once cannot both pass that check.
 */
export async function removeMembership(
  db: Kysely<DB>,
  userId: string,
  jurisdictionId: string,
  actor: Actor,
  options: { keepOneAdmin: boolean },
  now = new Date(),
): Promise<MembershipRemoval> {
  return db.transaction().execute(async (trx): Promise<MembershipRemoval> => {
    const admins = await lockMemberAdmins(trx, jurisdictionId);
    const existing = await membershipRow(trx, userId, jurisdictionId);
    if (!existing) return "not_found";
    if (
      options.keepOneAdmin &&
      existing.role === "member_admin" &&
      admins.filter((id) => id !== userId).length === 0
    ) {
      return "last_member_admin";
    }
    await deleteMembership(trx, userId, jurisdictionId);
    await recordAudit(
      trx,
      {
        actor,
        action: "membership.remove",
        entity: "membership",
        entityId: membershipEntityId(userId, jurisdictionId),
        before: existing,
      },
      now,
    );
    return "removed";
  });
}
