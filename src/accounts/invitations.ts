// Invitations and the people behind roles: coalition admins invite coalition staff and member
// staff, member admins invite their own jurisdiction's staff. A mailed link carries a random
// token; only its SHA-256 is stored. Accepting is one compare-and-set in one transaction, so a
// link works once. Every change to who may do what writes an audit entry in its transaction.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { type Kysely, sql } from "kysely";
import { recordAudit } from "../audit/index.js";
import { type DB, lockRows, type MembershipRole, type UserRole } from "../db/index.js";
import { type Locale, localizedPath, translator } from "../i18n/index.js";
import type { Mailer } from "../mail/index.js";

/** How long a link works. */
export const INVITATION_DAYS = 7;
/** A token as `newToken` makes it: 32 random bytes in base64url. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
/** The address pattern better-auth (zod's `email()`) accepts at sign-up; invitations use it too. */
export const INVITE_EMAIL_PATTERN =
  "^(?:[A-Za-z0-9_'+\\-]+\\.)*[A-Za-z0-9_'+\\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\\-]*\\.)+[A-Za-z]{2,}$";

export type InvitationTarget =
  | { kind: "coalition"; role: UserRole }
  | { kind: "jurisdiction"; jurisdictionId: string; role: MembershipRole };

export interface Actor {
  id: string;
  email: string;
}

export interface Inviter extends Actor {
  name: string;
}

const COALITION_RANK: Record<UserRole, number> = { coalition_editor: 1, coalition_admin: 2 };
const MEMBERSHIP_RANK: Record<MembershipRole, number> = { member_staff: 1, member_admin: 2 };

/** The higher of two coalition roles (null is none). An invitation never lowers a role. */
export function higherCoalitionRole(a: UserRole | null, b: UserRole | null): UserRole | null {
  if (!a) return b;
  if (!b) return a;
  return COALITION_RANK[b] > COALITION_RANK[a] ? b : a;
}

function higherMembershipRole(a: MembershipRole, b: MembershipRole): MembershipRole {
  return MEMBERSHIP_RANK[b] > MEMBERSHIP_RANK[a] ? b : a;
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashToken(token) };
}

/** An invitation with the names a page or a mail shows. */
export interface Invitation {
  id: string;
  email: string;
  name: string | null;
  coalitionRole: UserRole | null;
  jurisdictionId: string | null;
  jurisdictionName: string | null;
  jurisdictionStatus: string | null;
  membershipRole: MembershipRole | null;
  locale: string;
  invitedByName: string | null;
  invitedByEmail: string | null;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
  revokedAt: string | null;
}

/**
 * What a link can still do: `pending` works; `unavailable` is a pending invitation to a
 * jurisdiction that is no longer a member.
 */
export type InvitationState = "pending" | "expired" | "revoked" | "accepted" | "unavailable";

export function invitationState(invitation: Invitation, now = new Date()): InvitationState {
  if (invitation.acceptedAt) return "accepted";
  if (invitation.revokedAt) return "revoked";
  if (invitation.expiresAt <= now.toISOString()) return "expired";
  if (invitation.jurisdictionId && invitation.jurisdictionStatus !== "member") return "unavailable";
  return "pending";
}

function selectInvitations(db: Kysely<DB>) {
  return db
    .selectFrom("invitations as i")
    .leftJoin("jurisdictions as j", "j.id", "i.jurisdiction_id")
    .leftJoin("users as u", "u.id", "i.invited_by")
    .select([
      "i.id",
      "i.email",
      "i.name",
      "i.coalition_role",
      "i.jurisdiction_id",
      "j.name as jurisdiction_name",
      "j.status as jurisdiction_status",
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

type InvitationRow = Awaited<ReturnType<ReturnType<typeof selectInvitations>["executeTakeFirst"]>>;

function toInvitation(row: NonNullable<InvitationRow>): Invitation {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    coalitionRole: row.coalition_role,
    jurisdictionId: row.jurisdiction_id,
    jurisdictionName: row.jurisdiction_name,
    jurisdictionStatus: row.jurisdiction_status,
    membershipRole: row.membership_role,
    locale: row.locale,
    invitedByName: row.invited_by_name,
    invitedByEmail: row.invited_by_email,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    acceptedAt: row.accepted_at,
    revokedAt: row.revoked_at,
  };
}

/** The invitation a link's token belongs to, in whatever state; undefined for a forged token. */
export async function findInvitationByToken(
  db: Kysely<DB>,
  token: string,
): Promise<Invitation | undefined> {
  if (!TOKEN_PATTERN.test(token)) return undefined;
  // After hashing, a lookup by equality leaks nothing useful about the token: no constant-time
  // comparison is needed.
  const row = await selectInvitations(db)
    .where("i.token_hash", "=", hashToken(token))
    .executeTakeFirst();
  return row ? toInvitation(row) : undefined;
}

/** Pending, unexpired invitations: all of them, or those to one jurisdiction. */
export async function listPendingInvitations(
  db: Kysely<DB>,
  jurisdictionId?: string,
  now = new Date(),
): Promise<Invitation[]> {
  let query = selectInvitations(db)
    .where("i.accepted_at", "is", null)
    .where("i.revoked_at", "is", null)
    .where("i.expires_at", ">", now.toISOString());
  if (jurisdictionId) query = query.where("i.jurisdiction_id", "=", jurisdictionId);
  const rows = await query.orderBy("i.created_at", "desc").limit(1000).execute();
  return rows.map(toInvitation);
}

export interface NewInvitation {
  email: string;
  name: string | null;
  target: InvitationTarget;
  /** The invitee's language. */
  locale: Locale;
  inviter: Inviter;
}

export interface MailSettings {
  publicUrl: string;
  siteName: string;
}

/** The localized landing page of a token, as mailed. */
export function invitationUrl(publicUrl: string, locale: Locale, token: string): string {
  return `${publicUrl}${localizedPath(locale, "/account/invitation")}?token=${token}`;
}

/**
 * Creates an invitation and queues its mail, in one transaction with its audit entry. A pending
 * invitation for the same address and place (the coalition, or the same jurisdiction) is
 * revoked and replaced: the newest link is the one that works. Undefined (nothing written) when
 * the target jurisdiction is not a member. Call `mailer.flush()` after.
 */
export async function createInvitation(
  db: Kysely<DB>,
  mailer: Mailer,
  settings: MailSettings,
  invitation: NewInvitation,
  now = new Date(),
): Promise<{ id: string; token: string } | undefined> {
  const { token, hash } = newToken();
  const email = invitation.email.toLowerCase();
  const { target, inviter, locale } = invitation;
  const at = now.toISOString();
  const id = randomUUID();
  return db.transaction().execute(async (trx) => {
    let jurisdictionName: string | null = null;
    if (target.kind === "jurisdiction") {
      const jurisdiction = await trx
        .selectFrom("jurisdictions")
        .select(["name", "status"])
        .where("id", "=", target.jurisdictionId)
        .executeTakeFirst();
      if (jurisdiction?.status !== "member") return undefined;
      jurisdictionName = jurisdiction.name;
    }
    let replace = trx
      .updateTable("invitations")
      .set({ revoked_at: at })
      .where("email", "=", email)
      .where("accepted_at", "is", null)
      .where("revoked_at", "is", null);
    replace =
      target.kind === "coalition"
        ? replace.where("jurisdiction_id", "is", null)
        : replace.where("jurisdiction_id", "=", target.jurisdictionId);
    const replaced = await replace.returning("id").execute();
    const row = {
      id,
      token_hash: hash,
      email,
      name: invitation.name || null,
      coalition_role: target.kind === "coalition" ? target.role : null,
      jurisdiction_id: target.kind === "jurisdiction" ? target.jurisdictionId : null,
      membership_role: target.kind === "jurisdiction" ? target.role : null,
      locale: locale.tag,
      invited_by: inviter.id,
      created_at: at,
      expires_at: new Date(now.getTime() + INVITATION_DAYS * 24 * 3600 * 1000).toISOString(),
      accepted_at: null,
      revoked_at: null,
    };
    await trx.insertInto("invitations").values(row).execute();
    const { token_hash: _, ...recorded } = row;
    await recordAudit(
      trx,
      {
        actor: inviter,
        action: "invitation.create",
        entity: "invitation",
        entityId: id,
        after: { ...recorded, replaces: replaced.map((r) => r.id) },
      },
      now,
    );

    const t = translator(locale);
    const role =
      target.kind === "coalition"
        ? t(`team.mail.target.${target.role}`)
        : t(`team.mail.target.${target.role}`, { jurisdiction: jurisdictionName ?? "" });
    const values = {
      site: settings.siteName,
      inviter: inviter.name,
      inviterEmail: inviter.email,
      role,
      url: invitationUrl(settings.publicUrl, locale, token),
      expires: new Date(row.expires_at),
      greeting: row.name ?? email,
    };
    await mailer.send(
      {
        to: email,
        subject: t("team.mail.subject", values),
        text: t("team.mail.body", values),
        locale: locale.tag,
      },
      trx,
    );
    return { id, token };
  });
}

/**
 * Revokes a pending invitation (to `jurisdictionId` only, when given). False when there is no
 * such pending invitation: another jurisdiction's, already accepted or revoked, or none at all.
 */
export async function revokeInvitation(
  db: Kysely<DB>,
  id: string,
  actor: Actor,
  scope: { jurisdictionId?: string } = {},
  now = new Date(),
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    let update = trx
      .updateTable("invitations")
      .set({ revoked_at: now.toISOString() })
      .where("id", "=", id)
      .where("accepted_at", "is", null)
      .where("revoked_at", "is", null);
    if (scope.jurisdictionId) update = update.where("jurisdiction_id", "=", scope.jurisdictionId);
    const done = await update.returning(["email", "jurisdiction_id"]).executeTakeFirst();
    if (!done) return false;
    await recordAudit(
      trx,
      {
        actor,
        action: "invitation.revoke",
        entity: "invitation",
        entityId: id,
        before: { status: "pending", email: done.email },
        after: { status: "revoked", email: done.email },
      },
      now,
    );
    return true;
  });
}

/** What accepting gave the person, for the page that follows. */
export type AcceptOutcome = { accepted: true } | { accepted: false; state: InvitationState };

/**
 * Accepts a pending invitation for `user` (whose address the caller has checked): marks it
 * accepted only if it is still pending and unexpired (compare-and-set, so a double submit
 * cannot use it twice), marks the address verified, and grants the role or membership, never
 * lowering one the person already has. All in one transaction, with audit entries.
 */
export async function acceptInvitation(
  db: Kysely<DB>,
  invitationId: string,
  user: Actor,
  now = new Date(),
): Promise<AcceptOutcome> {
  const at = now.toISOString();
  return db.transaction().execute(async (trx): Promise<AcceptOutcome> => {
    const row = await selectInvitations(trx).where("i.id", "=", invitationId).executeTakeFirst();
    if (!row) return { accepted: false, state: "revoked" };
    const invitation = toInvitation(row);
    const state = invitationState(invitation, now);
    if (state !== "pending") return { accepted: false, state };
    const claimed = await trx
      .updateTable("invitations")
      .set({ accepted_at: at })
      .where("id", "=", invitationId)
      .where("accepted_at", "is", null)
      .where("revoked_at", "is", null)
      .where("expires_at", ">", at)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) {
      // Someone else got there between the read and the write: nothing of ours is written.
      return { accepted: false, state: "accepted" };
    }
    await trx
      .updateTable("users")
      .set({ email_verified: sql<boolean>`true` })
      .where("id", "=", user.id)
      .execute();
    await recordAudit(
      trx,
      {
        actor: user,
        action: "invitation.accept",
        entity: "invitation",
        entityId: invitationId,
        before: { status: "pending" },
        after: {
          status: "accepted",
          user_id: user.id,
          coalition_role: invitation.coalitionRole,
          jurisdiction_id: invitation.jurisdictionId,
          membership_role: invitation.membershipRole,
        },
      },
      now,
    );
    if (invitation.coalitionRole) {
      const current = await trx
        .selectFrom("users")
        .select("coalition_role")
        .where("id", "=", user.id)
        .executeTakeFirstOrThrow();
      const role = higherCoalitionRole(current.coalition_role, invitation.coalitionRole);
      if (role !== current.coalition_role) {
        await trx
          .updateTable("users")
          .set({ coalition_role: role, updated_at: at })
          .where("id", "=", user.id)
          .execute();
        await recordAudit(
          trx,
          {
            actor: user,
            action: "user.role_change",
            entity: "user",
            entityId: user.id,
            before: { coalition_role: current.coalition_role },
            after: { coalition_role: role, invitation_id: invitationId },
          },
          now,
        );
      }
    } else if (invitation.jurisdictionId && invitation.membershipRole) {
      await grantMembership(
        trx,
        user,
        user.id,
        invitation.jurisdictionId,
        invitation.membershipRole,
        now,
      );
    }
    return { accepted: true };
  });
}

/** Adds a membership, or raises its role; never lowers one. */
async function grantMembership(
  trx: Kysely<DB>,
  actor: Actor,
  userId: string,
  jurisdictionId: string,
  role: MembershipRole,
  now: Date,
): Promise<void> {
  const existing = await trx
    .selectFrom("memberships")
    .selectAll()
    .where("user_id", "=", userId)
    .where("jurisdiction_id", "=", jurisdictionId)
    .executeTakeFirst();
  const entityId = membershipEntityId(userId, jurisdictionId);
  if (!existing) {
    const row = {
      user_id: userId,
      jurisdiction_id: jurisdictionId,
      role,
      created_at: now.toISOString(),
    };
    await trx.insertInto("memberships").values(row).execute();
    await recordAudit(
      trx,
      { actor, action: "membership.create", entity: "membership", entityId, after: row },
      now,
    );
    return;
  }
  const raised = higherMembershipRole(existing.role, role);
  if (raised === existing.role) return;
  await trx
    .updateTable("memberships")
    .set({ role: raised })
    .where("user_id", "=", userId)
    .where("jurisdiction_id", "=", jurisdictionId)
    .execute();
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

/** The audit log's id for a membership, which has no id of its own. */
export function membershipEntityId(userId: string, jurisdictionId: string): string {
  return `${jurisdictionId}/${userId}`;
}

export type RoleChange = "changed" | "unchanged" | "not_found" | "last_admin";

/** Sets (or clears) a person's coalition role; the last coalition admin cannot lose theirs. */
export async function setCoalitionRole(
  db: Kysely<DB>,
  userId: string,
  role: UserRole | null,
  actor: Actor,
  now = new Date(),
): Promise<RoleChange> {
  return db.transaction().execute(async (trx): Promise<RoleChange> => {
    const admins = await lockRows(
      trx,
      trx.selectFrom("users").select("id").where("coalition_role", "=", "coalition_admin"),
    ).execute();
    const user = await trx
      .selectFrom("users")
      .select(["id", "coalition_role"])
      .where("id", "=", userId)
      .executeTakeFirst();
    if (!user) return "not_found";
    if (user.coalition_role === role) return "unchanged";
    if (
      user.coalition_role === "coalition_admin" &&
      admins.filter((a) => a.id !== userId).length === 0
    ) {
      return "last_admin";
    }
    await trx
      .updateTable("users")
      .set({ coalition_role: role, updated_at: now.toISOString() })
      .where("id", "=", userId)
      .execute();
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

export type MembershipRemoval = "removed" | "not_found" | "last_member_admin";

/**
 * Removes someone's membership in a jurisdiction. With `keepOneAdmin`, the jurisdiction's last
 * member admin cannot be removed (a member admin must not lock their jurisdiction out).
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
    const admins = await lockRows(
      trx,
      trx
        .selectFrom("memberships")
        .select("user_id")
        .where("jurisdiction_id", "=", jurisdictionId)
        .where("role", "=", "member_admin"),
    ).execute();
    const existing = await trx
      .selectFrom("memberships")
      .selectAll()
      .where("user_id", "=", userId)
      .where("jurisdiction_id", "=", jurisdictionId)
      .executeTakeFirst();
    if (!existing) return "not_found";
    if (
      options.keepOneAdmin &&
      existing.role === "member_admin" &&
      admins.filter((a) => a.user_id !== userId).length === 0
    ) {
      return "last_member_admin";
    }
    await trx
      .deleteFrom("memberships")
      .where("user_id", "=", userId)
      .where("jurisdiction_id", "=", jurisdictionId)
      .execute();
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

/** Everyone with an account, by name, with their memberships. */
export async function listPeople(db: Kysely<DB>): Promise<Person[]> {
  const users = await db
    .selectFrom("users")
    .select(["id", "name", "email", "coalition_role", "two_factor_enabled", "is_demo"])
    .orderBy("name")
    .orderBy("email")
    .execute();
  const memberships = await db
    .selectFrom("memberships as m")
    .innerJoin("jurisdictions as j", "j.id", "m.jurisdiction_id")
    .select(["m.user_id", "m.jurisdiction_id", "m.role", "j.name", "j.slug"])
    .orderBy("j.name")
    .execute();
  const byUser = new Map<string, PersonMembership[]>();
  for (const m of memberships) {
    const list = byUser.get(m.user_id) ?? [];
    list.push({ jurisdictionId: m.jurisdiction_id, name: m.name, slug: m.slug, role: m.role });
    byUser.set(m.user_id, list);
  }
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

/** Whether the person with this address already has the role (or a higher one) at the target. */
export async function alreadyHas(
  db: Kysely<DB>,
  email: string,
  target: InvitationTarget,
): Promise<boolean> {
  const user = await db
    .selectFrom("users")
    .select(["id", "coalition_role"])
    .where("email", "=", email.toLowerCase())
    .executeTakeFirst();
  if (!user) return false;
  if (target.kind === "coalition") {
    return higherCoalitionRole(user.coalition_role, target.role) === user.coalition_role;
  }
  const membership = await db
    .selectFrom("memberships")
    .select("role")
    .where("user_id", "=", user.id)
    .where("jurisdiction_id", "=", target.jurisdictionId)
    .executeTakeFirst();
  return membership
    ? higherMembershipRole(membership.role, target.role) === membership.role
    : false;
}

/** Whether an account exists for the address. */
export async function accountExists(db: Kysely<DB>, email: string): Promise<boolean> {
  const row = await db
    .selectFrom("users")
    .select("id")
    .where("email", "=", email.toLowerCase())
    .executeTakeFirst();
  return Boolean(row);
}

/** The member jurisdictions, by name, for choosing where to invite someone. */
export async function memberJurisdictions(
  db: Kysely<DB>,
): Promise<{ id: string; name: string; state: string }[]> {
  return db
    .selectFrom("jurisdictions")
    .select(["id", "name", "state"])
    .where("status", "=", "member")
    .orderBy("name")
    .orderBy("state")
    .execute();
}
