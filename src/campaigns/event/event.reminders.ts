// Reminders a day and an hour before an event, to everyone going, with the join details, in each
// RSVP's language. A recurring job (every minute, one row for all processes) finds the RSVPs due;
// each is claimed by a compare-and-set of its reminded_*_at in the transaction that writes the
// mail, so two runners at once, a rerun after a crash or a restart send each reminder once.
import type { FastifyInstance } from "fastify";
import type { Kysely } from "kysely";
import type { DB } from "../../db/index.js";
import { findAction } from "../actions.queries.js";
import { type EventMailer, mailRsvp } from "./event.mail.js";
import { claimReminder, findEvent, type ReminderKind, rsvpsDueReminder } from "./event.queries.js";

export const REMINDERS_JOB = "campaigns.event-reminders";
const HOUR = 3_600_000;

/**
 * The windows: the hour reminder for events starting within the hour; the day reminder for those
 * starting in more than an hour and at most a day (an RSVP made 30 minutes before gets only the
 * hour's).
 */
const WINDOWS: Record<ReminderKind, [number, number]> = { day: [HOUR, 24 * HOUR], hour: [0, HOUR] };

/** Sends every reminder due at `now`; returns how many this call sent. */
export async function sendDueReminders(
  db: Kysely<DB>,
  site: EventMailer,
  now = new Date(),
): Promise<number> {
  let sent = 0;
  for (const kind of ["hour", "day"] as const) {
    const [from, to] = WINDOWS[kind];
    const due = await rsvpsDueReminder(
      db,
      kind,
      new Date(+now + from).toISOString(),
      new Date(+now + to).toISOString(),
    );
    for (const rsvp of due) {
      const action = await findAction(db, rsvp.campaign_id, rsvp.action_id);
      if (!action) continue;
      const claimed = await db.transaction().execute(async (trx) => {
        if (!(await claimReminder(trx, rsvp.id, kind, now.toISOString()))) return false;
        // Read in the claim's transaction: a cancellation committed before it is seen.
        const event = await findEvent(trx, rsvp.action_id);
        if (!event || event.cancelled_at !== null) return false;
        await mailRsvp(
          trx,
          site,
          kind === "day" ? "reminder_day" : "reminder_hour",
          { slug: rsvp.slug, actionId: rsvp.action_id, texts: action.texts, event },
          rsvp,
        );
        return true;
      });
      if (claimed) sent += 1;
    }
  }
  if (sent > 0) site.mailer.flush();
  return sent;
}

/** The recurring job, defined on the app's runner. */
export async function eventReminders(app: FastifyInstance) {
  app.jobs.define(REMINDERS_JOB, async () => {
    await sendDueReminders(app.db, {
      mailer: app.mailer,
      publicUrl: app.config.publicUrl,
      siteName: app.config.siteName,
    });
  });
  app.jobs.every(REMINDERS_JOB, 60_000);
}
