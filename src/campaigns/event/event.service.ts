// Staff's side of an event: its details (times in a chosen zone, join details, capacity, public
// RSVP), its cancellation, and attendance. Every change writes its audit entry in its
// transaction; a change to an event people may already have in their calendars raises SEQUENCE,
// so calendars take the new version (RFC 5545 3.8.7.4).
import type { Kysely } from "kysely";
import { recordAudit } from "../../audit/index.js";
import type { DB } from "../../db/index.js";
import type { MessageKey } from "../../i18n/index.js";
import { touchAction } from "../actions.queries.js";
import type { Actor, FieldProblem } from "../manage/manage.service.js";
import { zonedToInstant } from "../zoned-time.js";
import { type EventMailer, type MailedEvent, mailRsvp } from "./event.mail.js";
import {
  type EventRow,
  type EventSettings,
  goingRsvps,
  lockEvent,
  markEventCancelled,
  rsvpById,
  saveEvent,
  setAttended,
} from "./event.queries.js";
import type { EventFormValues } from "./event.schema.js";

const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** A local date-time as typed: "2026-12-07T14:00" (a space instead of the T is taken too). */
function instant(value: string, zone: string): Date | undefined {
  const local = value.replace(" ", "T");
  if (!LOCAL.test(local)) return undefined;
  try {
    return zonedToInstant(local, zone);
  } catch {
    return undefined;
  }
}

/** Checks what the schema cannot: real times in order, an https link, a whole capacity. */
export function checkEvent(values: EventFormValues): {
  problems: FieldProblem[];
  checked?: EventSettings;
} {
  const problems: FieldProblem[] = [];
  const problem = (field: string, key: MessageKey) => problems.push({ field, key });
  const start = instant(values.starts_at, values.time_zone);
  const end = instant(values.ends_at, values.time_zone);
  if (!start) problem("starts_at", "campaign-events.form.error.time");
  if (!end) problem("ends_at", "campaign-events.form.error.time");
  else if (start && end <= start) problem("ends_at", "campaign-events.form.error.ends_before");
  let joinUrl: string | null = null;
  if (values.join_url !== "") {
    try {
      const url = new URL(values.join_url);
      if (url.protocol !== "https:" || url.username || url.password) throw new Error("not https");
      joinUrl = url.href;
    } catch {
      problem("join_url", "campaign-events.form.error.join_url");
    }
  }
  let capacity: number | null = null;
  if (values.capacity !== "") {
    capacity = /^\d{1,6}$/.test(values.capacity) ? Number(values.capacity) : Number.NaN;
    if (!(capacity >= 1)) problem("capacity", "campaign-events.form.error.capacity");
  }
  if (problems.length > 0 || !start || !end) return { problems };
  return {
    problems,
    checked: {
      starts_at: start.toISOString(),
      ends_at: end.toISOString(),
      time_zone: values.time_zone,
      join_url: joinUrl,
      dial_in: values.dial_in === "" ? null : values.dial_in,
      capacity,
      public_rsvp: values.public_rsvp === "yes" ? 1 : 0,
    },
  };
}

const differs = (before: EventRow, after: EventSettings) =>
  (Object.keys(after) as (keyof EventSettings)[]).some((k) => before[k] !== after[k]);

/**
 * Saves an event's details. Once its campaign is published, a save that changes anything raises
 * SEQUENCE, so subscribed calendars replace their copy.
 */
export async function saveEventDetails(
  db: Kysely<DB>,
  actor: Actor,
  target: { actionId: string; published: boolean },
  settings: EventSettings,
  now = new Date(),
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await lockEvent(trx, target.actionId);
    const sequence = !before
      ? 0
      : before.sequence + (target.published && differs(before, settings) ? 1 : 0);
    await saveEvent(trx, target.actionId, settings, sequence);
    await touchAction(trx, target.actionId, now.toISOString());
    await recordAudit(
      trx,
      {
        actor,
        action: "campaign.event.save",
        entity: "campaign_action",
        entityId: target.actionId,
        before: before ?? null,
        after: { ...settings, sequence },
      },
      now,
    );
  });
}

/** Cancels an event: SEQUENCE raised, STATUS:CANCELLED in calendars, those going told. */
export async function cancelEvent(
  db: Kysely<DB>,
  site: EventMailer,
  actor: Actor,
  shown: Omit<MailedEvent, "event">,
  now = new Date(),
): Promise<boolean> {
  const cancelled = await db.transaction().execute(async (trx) => {
    const before = await lockEvent(trx, shown.actionId);
    if (!before || before.cancelled_at !== null) return false;
    const stamp = now.toISOString();
    const sequence = before.sequence + 1;
    await markEventCancelled(trx, shown.actionId, sequence, stamp);
    await recordAudit(
      trx,
      {
        actor,
        action: "campaign.event.cancel",
        entity: "campaign_action",
        entityId: shown.actionId,
        before: { cancelled_at: null, sequence: before.sequence },
        after: { cancelled_at: stamp, sequence },
      },
      now,
    );
    const event = { ...before, cancelled_at: stamp, sequence };
    for (const rsvp of await goingRsvps(trx, shown.actionId)) {
      await mailRsvp(trx, site, "cancelled", { ...shown, event }, rsvp);
    }
    return true;
  });
  if (cancelled) site.mailer.flush();
  return cancelled;
}

/** Marks who attended (true), who did not (false), audited as one change per person. */
export async function markAttendance(
  db: Kysely<DB>,
  actor: Actor,
  actionId: string,
  marks: { rsvpId: string; attended: boolean }[],
  now = new Date(),
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    let changed = 0;
    const stamp = now.toISOString();
    for (const mark of marks) {
      const before = await rsvpById(trx, mark.rsvpId);
      if (!before || before.action_id !== actionId) continue;
      // Unmarked counts as not attended: only a change is written.
      if ((before.attended === 1) === mark.attended) continue;
      await setAttended(trx, actionId, mark.rsvpId, mark.attended, stamp);
      await recordAudit(
        trx,
        {
          actor,
          action: "campaign.event.attendance",
          entity: "event_rsvp",
          entityId: mark.rsvpId,
          before: { attended: before.attended },
          after: { attended: mark.attended ? 1 : 0 },
        },
        now,
      );
      changed += 1;
    }
    return changed;
  });
}
