// Inviting someone: the invitation, its audit entry and its mail in one transaction. The database
// keeps one pending invitation per address and place (migration 0007), so invitations sent at the
// same moment cannot leave two; the same invitation sent again within minutes changes nothing
// (one mail, not one per click); and one address gets at most INVITATION_MAILS_PER_HOUR
// invitation mails, whoever sends them (docs/decisions/0009-one-pending.md).
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { recordAudit } from "../audit/index.js";
import type { DB } from "../db/index.js";
import { type Locale, localizedPath, translator } from "../i18n/index.js";
import { countRecentMails, type Mailer, quoted } from "../mail/index.js";
import { insertInvitation, revokePendingTo, sameRecentInvitation } from "./invitations.queries.js";
import {
  INVITATION_DAYS,
  type InvitationTarget,
  type Inviter,
  newToken,
} from "./invitations.service.js";
import { activeJurisdiction } from "./jurisdictions.port.js";

/** Invitation mails one address may get per hour, from anyone. */
export const INVITATION_MAILS_PER_HOUR = 5;
/** The outbox kind of invitation mails, which the limit counts. */
const INVITATION_KIND = "invitation";
/** How long the same invitation sent again is taken for the first (a double click, a retry). */
export const SAME_INVITATION_MS = 10 * 60_000;

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

/**
 * What inviting did: `sent` (a new invitation, mailed); `unchanged`, when the same invitation
 * was made moments ago (that one stands, no second mail); `not_member`, when the jurisdiction
 * is not a member; `mail_limit`, when the address had INVITATION_MAILS_PER_HOUR invitation
 * mails in the last hour. Only `sent` writes anything.
 */
export type InviteOutcome =
  | { kind: "sent"; id: string; token: string }
  | { kind: "unchanged"; id: string }
  | { kind: "not_member" }
  | { kind: "mail_limit" };

/** The localized landing page of a token, as mailed. */
export function invitationUrl(publicUrl: string, locale: Locale, token: string): string {
  return `${publicUrl}${localizedPath(locale, "/account/invitation")}?token=${token}`;
}

/**
 * Creates an invitation and queues its mail, in one transaction with its audit entry. A pending
 * invitation for the same address and place (the coalition, or the same jurisdiction) is
 * revoked and replaced: the newest link is the one that works, unless it is the same invitation
 * made within SAME_INVITATION_MS (see InviteOutcome). Call `mailer.flush()` after.
 */
export async function createInvitation(
  db: Kysely<DB>,
  mailer: Mailer,
  settings: MailSettings,
  invitation: NewInvitation,
  now = new Date(),
): Promise<InviteOutcome> {
  const { token, hash } = newToken();
  const email = invitation.email.toLowerCase();
  const { target, inviter, locale } = invitation;
  const at = now.toISOString();
  const id = randomUUID();
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
  return db.transaction().execute(async (trx): Promise<InviteOutcome> => {
    let jurisdictionName: string | null = null;
    if (target.kind === "jurisdiction") {
      const jurisdiction = await activeJurisdiction(trx, target.jurisdictionId);
      if (!jurisdiction) return { kind: "not_member" };
      jurisdictionName = jurisdiction.name;
    }
    const replaced: string[] = [];
    // A second round only when a concurrent invitation to the address and place committed
    // between our revoking and our insert: it is then either the same invitation (the answer)
    // or another, which we replace as any earlier one.
    for (let round = 0; round < 2; round++) {
      const since = new Date(now.getTime() - SAME_INVITATION_MS).toISOString();
      const same = await sameRecentInvitation(trx, row, since, at);
      if (same) return { kind: "unchanged", id: same };
      const hourAgo = new Date(now.getTime() - 3600_000);
      const mailed = await countRecentMails(trx, {
        to: email,
        kind: INVITATION_KIND,
        since: hourAgo,
      });
      if (mailed >= INVITATION_MAILS_PER_HOUR) return { kind: "mail_limit" };
      // The same invitation committed by a concurrent post since the check above is kept (our
      // insert then meets it, and the next round answers with it): one mail, not two.
      const keep = { row, since };
      replaced.push(...(await revokePendingTo(trx, email, row.jurisdiction_id, at, keep)));
      if (await insertInvitation(trx, row)) break;
      if (round === 1) throw new Error(`invitation to ${email}: still blocked after a retry`);
    }
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
        kind: INVITATION_KIND,
        // Staff read the outbox: the link is stored only sealed, and only until it is sent.
        secret: { value: values.url, redacted: t("team.mail.removed") },
      },
      trx,
    );
    return { kind: "sent", id, token };
  });
}
