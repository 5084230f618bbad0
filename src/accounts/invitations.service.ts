// Invitations: coalition admins invite coalition staff and member staff, member admins invite
// their own jurisdiction's staff. A mailed link carries a random token; only its SHA-256 is
// stored. Accepting is one compare-and-set in one transaction, so a link works once. Every
// change to who may do what writes an audit entry in its transaction.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { recordAudit } from "../audit/index.js";
import type { DB, MembershipRole, UserRole } from "../db/index.js";
import { type Locale, localizedPath, translator } from "../i18n/index.js";
import { type Mailer, quoted } from "../mail/index.js";
import {
  claimInvitation,
  type InvitationRow,
  insertInvitation,
  invitationById,
  invitationByTokenHash,
  pendingInvitationRows,
  revokePendingInvitation,
  revokePendingTo,
} from "./invitations.queries.js";
import { activeJurisdiction, jurisdictionsByIds } from "./jurisdictions.port.js";
import { membershipRow } from "./memberships.queries.js";
import { type Actor, grantMembership } from "./memberships.service.js";
import {
  coalitionRoleOf,
  markEmailVerified,
  setUserCoalitionRole,
  userByEmail,
} from "./people.queries.js";
import { higherCoalitionRole, higherMembershipRole } from "./roles.js";

export type { Actor };

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

export interface Inviter extends Actor {
  name: string;
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

/** Invitations as pages show them: each with its jurisdiction's name and status. */
async function withJurisdictions(db: Kysely<DB>, rows: InvitationRow[]): Promise<Invitation[]> {
  const places = await jurisdictionsByIds(
    db,
    rows.flatMap((r) => (r.jurisdiction_id ? [r.jurisdiction_id] : [])),
  );
  return rows.map((row) => {
    const place = row.jurisdiction_id ? places.get(row.jurisdiction_id) : undefined;
    return {
      id: row.id,
      email: row.email,
      name: row.name,
      coalitionRole: row.coalition_role,
      jurisdictionId: row.jurisdiction_id,
      jurisdictionName: place?.name ?? null,
      jurisdictionStatus: place?.status ?? null,
      membershipRole: row.membership_role,
      locale: row.locale,
      invitedByName: row.invited_by_name,
      invitedByEmail: row.invited_by_email,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      acceptedAt: row.accepted_at,
      revokedAt: row.revoked_at,
    };
  });
}

/** The invitation a link's token belongs to, in whatever state; undefined for a forged token. */
export async function findInvitationByToken(
  db: Kysely<DB>,
  token: string,
): Promise<Invitation | undefined> {
  if (!TOKEN_PATTERN.test(token)) return undefined;
  // After hashing, a lookup by equality leaks nothing useful about the token: no constant-time
  // comparison is needed.
  const row = await invitationByTokenHash(db, hashToken(token));
  return row ? (await withJurisdictions(db, [row]))[0] : undefined;
}

/** Pending, unexpired invitations: all of them, or those to one jurisdiction. */
export async function listPendingInvitations(
  db: Kysely<DB>,
  jurisdictionId?: string,
  now = new Date(),
): Promise<Invitation[]> {
  return withJurisdictions(db, await pendingInvitationRows(db, jurisdictionId, now));
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
      const jurisdiction = await activeJurisdiction(trx, target.jurisdictionId);
      if (!jurisdiction) return undefined;
      jurisdictionName = jurisdiction.name;
    }
    const replaced = await revokePendingTo(
      trx,
      email,
      target.kind === "coalition" ? null : target.jurisdictionId,
      at,
    );
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
    await insertInvitation(trx, row);
    const { token_hash: _, ...recorded } = row;
    await recordAudit(
      trx,
      {
        actor: inviter,
        action: "invitation.create",
        entity: "invitation",
        entityId: id,
        after: { ...recorded, replaces: replaced },
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
      // Names people typed (the inviter's own, the invitee's as the inviter wrote it): quoted.
      inviter: quoted(inviter.name),
      inviterEmail: inviter.email,
      role,
      url: invitationUrl(settings.publicUrl, locale, token),
      expires: new Date(row.expires_at),
      greeting: row.name ? quoted(row.name) : email,
    };
    await mailer.send(
      {
        to: email,
        subject: t("team.mail.subject", values),
        text: t("team.mail.body", values),
        locale: locale.tag,
        // Staff read the outbox: the link is stored only sealed, and only until it is sent.
        secret: { value: values.url, redacted: t("team.mail.removed") },
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
    const done = await revokePendingInvitation(trx, id, now.toISOString(), scope.jurisdictionId);
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
    const row = await invitationById(trx, invitationId);
    if (!row) return { accepted: false, state: "revoked" };
    const [invitation] = await withJurisdictions(trx, [row]);
    if (!invitation) return { accepted: false, state: "revoked" };
    const state = invitationState(invitation, now);
    if (state !== "pending") return { accepted: false, state };
    if (!(await claimInvitation(trx, invitationId, at))) {
      // Someone else got there between the read and the write: nothing of ours is written.
      return { accepted: false, state: "accepted" };
    }
    await markEmailVerified(trx, user.id);
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
      const current = (await coalitionRoleOf(trx, user.id))?.coalition_role ?? null;
      const role = higherCoalitionRole(current, invitation.coalitionRole);
      if (role !== current) {
        await setUserCoalitionRole(trx, user.id, role, at);
        await recordAudit(
          trx,
          {
            actor: user,
            action: "user.role_change",
            entity: "user",
            entityId: user.id,
            before: { coalition_role: current },
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

/** Whether the person with this address already has the role (or a higher one) at the target. */
export async function alreadyHas(
  db: Kysely<DB>,
  email: string,
  target: InvitationTarget,
): Promise<boolean> {
  const user = await userByEmail(db, email);
  if (!user) return false;
  if (target.kind === "coalition") {
    return higherCoalitionRole(user.coalition_role, target.role) === user.coalition_role;
  }
  const membership = await membershipRow(db, user.id, target.jurisdictionId);
  return membership
    ? higherMembershipRole(membership.role, target.role) === membership.role
    : false;
}

/** Whether an account exists for the address. */
export async function accountExists(db: Kysely<DB>, email: string): Promise<boolean> {
  return Boolean(await userByEmail(db, email));
}
