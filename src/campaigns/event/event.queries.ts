// The event_details and event_rsvps tables: their one owner. An event action has one details row
// (its times, join details, capacity, SEQUENCE for calendars, cancellation) and any number of
// RSVPs, one per address (a unique index), from member staff or from the public.
import { randomUUID } from "node:crypto";
import type { Insertable, Kysely, Selectable } from "kysely";
import {
  type DB,
  type EventDetailsTable,
  type EventRsvpsTable,
  lockRows,
  type RsvpStatus,
} from "../../db/index.js";

export type EventRow = Selectable<EventDetailsTable>;
export type RsvpRow = Selectable<EventRsvpsTable>;

export async function findEvent(db: Kysely<DB>, actionId: string): Promise<EventRow | undefined> {
  return db
    .selectFrom("event_details")
    .selectAll()
    .where("action_id", "=", actionId)
    .executeTakeFirst();
}

/**
 * The event's row, locked until the transaction ends (PostgreSQL), so that a count of its RSVPs
 * and the write that depends on it are never interleaved with another's.
 */
export async function lockEvent(trx: Kysely<DB>, actionId: string): Promise<EventRow | undefined> {
  return lockRows(
    trx,
    trx.selectFrom("event_details").selectAll().where("action_id", "=", actionId),
  ).executeTakeFirst();
}

export interface EventSettings {
  starts_at: string;
  ends_at: string;
  time_zone: string;
  join_url: string | null;
  dial_in: string | null;
  capacity: number | null;
  public_rsvp: number;
}

/** Writes an event's details (a first save inserts them) with the given SEQUENCE. */
export async function saveEvent(
  trx: Kysely<DB>,
  actionId: string,
  settings: EventSettings,
  sequence: number,
): Promise<void> {
  await trx
    .insertInto("event_details")
    .values({ action_id: actionId, ...settings, sequence, cancelled_at: null })
    .onConflict((oc) => oc.column("action_id").doUpdateSet({ ...settings, sequence }))
    .execute();
}

export async function markEventCancelled(
  trx: Kysely<DB>,
  actionId: string,
  sequence: number,
  now: string,
): Promise<void> {
  await trx
    .updateTable("event_details")
    .set({ cancelled_at: now, sequence })
    .where("action_id", "=", actionId)
    .execute();
}

/** The events of several actions at once (the calendar feed). */
export async function eventsOf(db: Kysely<DB>, actionIds: readonly string[]): Promise<EventRow[]> {
  if (actionIds.length === 0) return [];
  return db
    .selectFrom("event_details")
    .selectAll()
    .where("action_id", "in", [...actionIds])
    .orderBy("starts_at")
    .execute();
}

// --- RSVPs ---

export async function rsvpByEmail(
  db: Kysely<DB>,
  actionId: string,
  email: string,
): Promise<RsvpRow | undefined> {
  return db
    .selectFrom("event_rsvps")
    .selectAll()
    .where("action_id", "=", actionId)
    .where("email", "=", email.toLowerCase())
    .executeTakeFirst();
}

export async function rsvpByTokenHash(
  db: Kysely<DB>,
  tokenHash: string,
): Promise<RsvpRow | undefined> {
  return db
    .selectFrom("event_rsvps")
    .selectAll()
    .where("token_hash", "=", tokenHash)
    .executeTakeFirst();
}

export async function rsvpById(db: Kysely<DB>, id: string): Promise<RsvpRow | undefined> {
  return db.selectFrom("event_rsvps").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Every RSVP of an event, in the order they came. */
export async function rsvpsOf(db: Kysely<DB>, actionId: string): Promise<RsvpRow[]> {
  return db
    .selectFrom("event_rsvps")
    .selectAll()
    .where("action_id", "=", actionId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/** How many are going and how many wait, for an event. */
export async function rsvpCounts(
  db: Kysely<DB>,
  actionId: string,
): Promise<{ going: number; waitlist: number }> {
  const rows = await db
    .selectFrom("event_rsvps")
    .select(["status", (eb) => eb.fn.countAll<number | string>().as("count")])
    .where("action_id", "=", actionId)
    .where("status", "in", ["going", "waitlist"])
    .groupBy("status")
    .execute();
  const of = (s: RsvpStatus) => Number(rows.find((r) => r.status === s)?.count ?? 0);
  return { going: of("going"), waitlist: of("waitlist") };
}

/** RSVPs of one jurisdiction that still stand (going or waiting). */
export async function standingRsvpsOf(
  db: Kysely<DB>,
  actionId: string,
  jurisdictionId: string,
): Promise<RsvpRow[]> {
  return db
    .selectFrom("event_rsvps")
    .selectAll()
    .where("action_id", "=", actionId)
    .where("jurisdiction_id", "=", jurisdictionId)
    .where("status", "in", ["going", "waitlist"])
    .orderBy("created_at")
    .execute();
}

export interface NewRsvp {
  actionId: string;
  jurisdictionId: string | null;
  userId: string | null;
  name: string;
  email: string;
  locale: string;
  status: RsvpStatus;
  tokenHash: string | null;
  now: string;
}

/**
 * Records an RSVP, or, for an address that already has one, takes that row over (one RSVP per
 * address and event): its status, name, language and token are the new ones, reminders start
 * again. Returns the row's id.
 */
export async function putRsvp(trx: Kysely<DB>, rsvp: NewRsvp): Promise<string> {
  const email = rsvp.email.toLowerCase();
  const existing = await rsvpByEmail(trx, rsvp.actionId, email);
  const fields = {
    jurisdiction_id: rsvp.jurisdictionId,
    user_id: rsvp.userId,
    name: rsvp.name,
    locale: rsvp.locale,
    status: rsvp.status,
    token_hash: rsvp.tokenHash,
    reminded_day_at: null,
    reminded_hour_at: null,
    updated_at: rsvp.now,
  };
  if (existing) {
    await trx.updateTable("event_rsvps").set(fields).where("id", "=", existing.id).execute();
    return existing.id;
  }
  const id = randomUUID();
  await trx
    .insertInto("event_rsvps")
    .values({
      id,
      action_id: rsvp.actionId,
      email,
      attended: null,
      created_at: rsvp.now,
      ...fields,
    })
    .execute();
  return id;
}

export async function setRsvpStatus(
  trx: Kysely<DB>,
  id: string,
  status: RsvpStatus,
  now: string,
  keepToken = false,
): Promise<void> {
  await trx
    .updateTable("event_rsvps")
    .set({ status, updated_at: now, ...(keepToken ? {} : { token_hash: null }) })
    .where("id", "=", id)
    .execute();
}

/** The first RSVP on the wait list, the one a freed place goes to. */
export async function firstWaiting(
  trx: Kysely<DB>,
  actionId: string,
): Promise<RsvpRow | undefined> {
  return trx
    .selectFrom("event_rsvps")
    .selectAll()
    .where("action_id", "=", actionId)
    .where("status", "=", "waitlist")
    .orderBy("updated_at")
    .orderBy("created_at")
    .orderBy("id")
    .limit(1)
    .executeTakeFirst();
}

export async function goingRsvps(db: Kysely<DB>, actionId: string): Promise<RsvpRow[]> {
  return db
    .selectFrom("event_rsvps")
    .selectAll()
    .where("action_id", "=", actionId)
    .where("status", "=", "going")
    .execute();
}

export async function setAttended(
  trx: Kysely<DB>,
  actionId: string,
  id: string,
  attended: boolean,
  now: string,
): Promise<void> {
  await trx
    .updateTable("event_rsvps")
    .set({ attended: attended ? 1 : 0, updated_at: now })
    .where("action_id", "=", actionId)
    .where("id", "=", id)
    .execute();
}

export type ReminderKind = "day" | "hour";
const REMINDED = { day: "reminded_day_at", hour: "reminded_hour_at" } as const;

/**
 * Going RSVPs of events not cancelled, of published campaigns, that start after `after` and no
 * later than `until`, not yet reminded of this kind: those due a reminder.
 */
export async function rsvpsDueReminder(
  db: Kysely<DB>,
  kind: ReminderKind,
  after: string,
  until: string,
): Promise<(RsvpRow & { campaign_id: string; slug: string })[]> {
  return db
    .selectFrom("event_rsvps as r")
    .innerJoin("event_details as e", "e.action_id", "r.action_id")
    .innerJoin("campaign_actions as a", "a.id", "r.action_id")
    .innerJoin("campaigns as c", "c.id", "a.campaign_id")
    .selectAll("r")
    .select(["a.campaign_id", "c.slug"])
    .where("r.status", "=", "going")
    .where(`r.${REMINDED[kind]}`, "is", null)
    .where("e.cancelled_at", "is", null)
    .where("c.status", "!=", "draft")
    .where("e.starts_at", ">", after)
    .where("e.starts_at", "<=", until)
    .orderBy("e.starts_at")
    .limit(500)
    .execute();
}

/**
 * Claims one reminder: sets its time where it is still unset and the RSVP still going. True for
 * the one caller that changed the row; any other (another process, a rerun) gets false.
 */
export async function claimReminder(
  trx: Kysely<DB>,
  id: string,
  kind: ReminderKind,
  now: string,
): Promise<boolean> {
  const column = REMINDED[kind];
  const result = await trx
    .updateTable("event_rsvps")
    .set({ [column]: now })
    .where("id", "=", id)
    .where("status", "=", "going")
    .where(column, "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Writes an event action's details as given (the demo seed). */
export async function insertEventDetails(
  trx: Kysely<DB>,
  row: Insertable<EventDetailsTable>,
): Promise<void> {
  await trx.insertInto("event_details").values(row).execute();
}
