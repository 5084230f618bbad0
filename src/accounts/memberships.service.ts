// Granting and removing memberships, each with its audit entry, in the caller's transaction or
// one of its own.
import type { Kysely } from "kysely";
import { recordAudit } from "../audit/index.js";
import type { DB, MembershipRole } from "../db/index.js";
import { authorize, type Verdict } from "../http/policy.js";
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

/** What the policy says about a removal, given the role removed and how many admins remain. */
export type RemovalDecision = (removed: { role: MembershipRole; otherAdmins: number }) => Verdict;

/**
 * Removes someone's membership in a jurisdiction, if `decide` (accounts.policy.ts) allows it:
 * its refusal (the last member admin stays, ...) is thrown as the catalogue's error and nothing
 * is written. The admins' rows are locked first, so two removals at once cannot both pass.
 * False when there is no such membership.
 */
export async function removeMembership(
  db: Kysely<DB>,
  userId: string,
  jurisdictionId: string,
  actor: Actor,
  decide: RemovalDecision,
  now = new Date(),
): Promise<boolean> {
  return db.transaction().execute(async (trx): Promise<boolean> => {
    const admins = await lockMemberAdmins(trx, jurisdictionId);
    const existing = await membershipRow(trx, userId, jurisdictionId);
    if (!existing) return false;
    const otherAdmins = admins.filter((id) => id !== userId).length;
    authorize(decide({ role: existing.role, otherAdmins }));
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
    return true;
  });
}
