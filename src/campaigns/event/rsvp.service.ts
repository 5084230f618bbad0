// RSVPs: a member's staff (or a colleague their admin names), and the public by a confirmed
// address. Capacity holds under any number of RSVPs at once: each decision counts those going and
// writes in one transaction with the event's row locked (lockEvent), so the count it read is
// still true when it writes. A freed place goes to the first on the wait list, who is mailed.
import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB, RsvpStatus } from "../../db/index.js";
import { appError } from "../../http/errors.js";
import { upsertParticipation, withdrawParticipation } from "../participation.queries.js";
import { whileOpen } from "../participation.service.js";
import { type EventMailer, type MailedEvent, mailRsvp } from "./event.mail.js";
import {
  type EventRow,
  firstWaiting,
  lockEvent,
  putRsvp,
  type RsvpRow,
  rsvpByEmail,
  rsvpByTokenHash,
  rsvpCounts,
  setRsvpStatus,
  standingRsvpsOf,
} from "./event.queries.js";

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Whether the event takes RSVPs now: not cancelled, not over. Throws the reason otherwise. */
function assertTakesRsvps(event: EventRow | undefined, now: Date): EventRow {
  if (!event) throw appError("not_found");
  if (event.cancelled_at !== null) throw appError("event_cancelled");
  if (new Date(event.ends_at) <= now) throw appError("event_over");
  return event;
}

/** Going when a place is left (or there is no limit), else the wait list. */
async function placeFor(trx: Kysely<DB>, event: EventRow): Promise<RsvpStatus> {
  if (event.capacity === null) return "going";
  const { going } = await rsvpCounts(trx, event.action_id);
  return going < event.capacity ? "going" : "waitlist";
}

/** After a place was freed: the first waiting goes, and is told. */
async function promote(trx: Kysely<DB>, site: EventMailer, shown: MailedEvent, now: string) {
  const event = await lockEvent(trx, shown.actionId);
  if (!event || event.cancelled_at !== null) return;
  if ((await placeFor(trx, event)) !== "going") return;
  const next = await firstWaiting(trx, event.action_id);
  if (!next) return;
  await setRsvpStatus(trx, next.id, "going", now);
  await mailRsvp(trx, site, "promoted", { ...shown, event }, next);
}

export interface Person {
  userId: string;
  name: string;
  email: string;
  locale: string;
}

export interface MemberRsvp {
  campaignId: string;
  actionId: string;
  jurisdictionId: string;
  /** Who is going: the one acting, or a colleague their admin names. */
  person: Person;
  /** Who acts. */
  actorId: string;
}

/**
 * A member's RSVP, while the campaign is open: going or on the wait list (an RSVP already
 * standing stays as it is), and the jurisdiction counted as taking part. Returns the status.
 */
export async function rsvpMember(
  db: Kysely<DB>,
  rsvp: MemberRsvp,
  now = new Date(),
): Promise<RsvpStatus> {
  return whileOpen(
    db,
    rsvp.campaignId,
    async (trx) => {
      const event = assertTakesRsvps(await lockEvent(trx, rsvp.actionId), now);
      const stamp = now.toISOString();
      const before = await rsvpByEmail(trx, rsvp.actionId, rsvp.person.email);
      let status: RsvpStatus;
      if (before && (before.status === "going" || before.status === "waitlist")) {
        status = before.status;
      } else {
        status = await placeFor(trx, event);
        await putRsvp(trx, {
          actionId: rsvp.actionId,
          jurisdictionId: rsvp.jurisdictionId,
          userId: rsvp.person.userId,
          name: rsvp.person.name,
          email: rsvp.person.email,
          locale: rsvp.person.locale,
          status,
          tokenHash: null,
          now: stamp,
        });
      }
      await upsertParticipation(trx, {
        actionId: rsvp.actionId,
        jurisdictionId: rsvp.jurisdictionId,
        userId: rsvp.actorId,
        now: stamp,
      });
      return status;
    },
    now,
  );
}

/**
 * Cancels a member's RSVP (the person's address names it) while the campaign is open; a place it
 * freed goes to the first waiting; the jurisdiction's last RSVP withdraws its participation.
 */
export async function cancelMemberRsvp(
  db: Kysely<DB>,
  site: EventMailer,
  shown: Omit<MailedEvent, "event">,
  target: { campaignId: string; jurisdictionId: string; email: string; actorId: string | null },
  now = new Date(),
): Promise<boolean> {
  return whileOpen(
    db,
    target.campaignId,
    async (trx) => {
      const event = await lockEvent(trx, shown.actionId);
      if (!event) throw appError("not_found");
      const rsvp = await rsvpByEmail(trx, shown.actionId, target.email);
      if (!rsvp || rsvp.jurisdiction_id !== target.jurisdictionId) return false;
      if (rsvp.status !== "going" && rsvp.status !== "waitlist") return false;
      const stamp = now.toISOString();
      await setRsvpStatus(trx, rsvp.id, "cancelled", stamp);
      if (rsvp.status === "going") await promote(trx, site, { ...shown, event }, stamp);
      const left = await standingRsvpsOf(trx, shown.actionId, target.jurisdictionId);
      if (left.length === 0) {
        await withdrawParticipation(
          trx,
          shown.actionId,
          target.jurisdictionId,
          target.actorId,
          stamp,
        );
      }
      return true;
    },
    now,
  );
}

/**
 * A public RSVP, unconfirmed until its link is opened: returns the link's token to mail, or null
 * when the address already stands (going or waiting: one RSVP per address, nothing to confirm).
 */
export async function requestPublicRsvp(
  db: Kysely<DB>,
  actionId: string,
  person: { name: string; email: string; locale: string },
  now = new Date(),
): Promise<string | null> {
  return db.transaction().execute(async (trx) => {
    assertTakesRsvps(await lockEvent(trx, actionId), now);
    const before = await rsvpByEmail(trx, actionId, person.email);
    if (before && (before.status === "going" || before.status === "waitlist")) return null;
    const token = randomBytes(32).toString("base64url");
    await putRsvp(trx, {
      actionId,
      jurisdictionId: null,
      userId: null,
      ...person,
      status: "unconfirmed",
      tokenHash: hashToken(token),
      now: now.toISOString(),
    });
    return token;
  });
}

/** Confirms a public RSVP by its link's token: going, or the wait list when full. */
export async function confirmPublicRsvp(
  db: Kysely<DB>,
  actionId: string,
  token: string,
  now = new Date(),
): Promise<RsvpRow & { status: RsvpStatus }> {
  return db.transaction().execute(async (trx) => {
    const event = assertTakesRsvps(await lockEvent(trx, actionId), now);
    const rsvp = await rsvpByTokenHash(trx, hashToken(token));
    if (!rsvp || rsvp.action_id !== actionId || rsvp.status === "cancelled") {
      throw appError("event_link_invalid");
    }
    // The link opened again (or by a mail scanner first): the RSVP as it stands.
    if (rsvp.status !== "unconfirmed") return { ...rsvp, status: rsvp.status };
    const status = await placeFor(trx, event);
    // The token stays, so the link keeps showing this RSVP; a new RSVP replaces it.
    await setRsvpStatus(trx, rsvp.id, status, now.toISOString(), true);
    return { ...rsvp, status };
  });
}
