// Reminders a day and an hour before: each sent once, whatever the number of runners at once or
// the runs after a restart, in the RSVP's language with the join details; none for a cancelled
// event or RSVP.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { mailTo } from "../../../test/support/accounts.js";
import { describeEachDatabase } from "../../../test/support/app.js";
import { buildAction, buildCampaign } from "../../../test/support/campaigns.js";
import { eventSettings } from "./event.fixtures.js";
import { putRsvp, saveEvent } from "./event.queries.js";
import { REMINDERS_JOB, sendDueReminders } from "./event.reminders.js";

const HOUR = 3_600_000;

describeEachDatabase("an event's reminders", { seed: false }, (ctx) => {
  const db = () => ctx.database.db;
  const site = () => ({ mailer: ctx.app.mailer, publicUrl: "https://cfa.test", siteName: "CfA" });
  let n = 0;

  /** An event starting in `startsIn` ms with one RSVP of `status`; returns the address. */
  async function eventWith(startsIn: number, status: "going" | "cancelled", locale = "en") {
    n += 1;
    const campaign = await buildCampaign(db());
    const action = await buildAction(db(), campaign, "event", { title: `Call ${n}` });
    await saveEvent(db(), action.id, eventSettings({}, startsIn), 0);
    const email = `reminded${n}.${ctx.kind}@example.org`;
    await putRsvp(db(), {
      actionId: action.id,
      jurisdictionId: null,
      userId: null,
      name: `Person ${n}`,
      email,
      locale,
      status,
      tokenHash: null,
      now: new Date().toISOString(),
    });
    return { email, actionId: action.id };
  }

  describe("two runners at once, then a restart", () => {
    let day: { email: string };
    let hour: { email: string };
    before(async () => {
      day = await eventWith(20 * HOUR, "going", "es");
      hour = await eventWith(HOUR / 2, "going");
    });

    it("sends each due reminder once, in the RSVP's language, with the join details", async () => {
      await Promise.all([sendDueReminders(db(), site()), sendDueReminders(db(), site())]);
      const dayMails = await mailTo(db(), day.email);
      assert.equal(dayMails.length, 1);
      assert.match(dayMails[0]?.subject ?? "", /^Mañana: Call/);
      assert.match(dayMails[0]?.text_body ?? "", /meet\.example\.org\/town-hall/);
      assert.equal(dayMails[0]?.locale, "es");
      const hourMails = await mailTo(db(), hour.email);
      assert.equal(hourMails.length, 1);
      assert.match(hourMails[0]?.subject ?? "", /^In an hour/);
    });

    it("sends nothing again on a later run (a restart, the next minute)", async () => {
      assert.equal(await sendDueReminders(db(), site()), 0);
      assert.equal((await mailTo(db(), day.email)).length, 1);
    });

    it("sends the hour's reminder when the day's was sent and the hour comes", async () => {
      const later = new Date(Date.now() + 19.5 * HOUR);
      await sendDueReminders(db(), site(), later);
      const mails = await mailTo(db(), day.email);
      assert.equal(mails.length, 2);
      assert.match(mails[1]?.subject ?? "", /^Dentro de una hora/);
    });
  });

  it("sends none for a cancelled RSVP or a cancelled event, nor for an event days away", async () => {
    const cancelledRsvp = await eventWith(2 * HOUR, "cancelled");
    const cancelledEvent = await eventWith(2 * HOUR, "going");
    await db()
      .updateTable("event_details")
      .set({ cancelled_at: new Date().toISOString() })
      .where("action_id", "=", cancelledEvent.actionId)
      .execute();
    const far = await eventWith(72 * HOUR, "going");
    await sendDueReminders(db(), site());
    for (const { email } of [cancelledRsvp, cancelledEvent, far]) {
      assert.equal((await mailTo(db(), email)).length, 0, email);
    }
  });

  it("runs as a recurring job of the app's runner", async () => {
    const soon = await eventWith(3 * HOUR, "going");
    await ctx.app.jobs.runDue({ names: [REMINDERS_JOB] });
    assert.equal((await mailTo(db(), soon.email)).length, 1);
    const row = await db()
      .selectFrom("jobs")
      .select(["name", "run_at"])
      .where("name", "=", REMINDERS_JOB)
      .executeTakeFirst();
    assert.ok(row, "the job recurs");
  });
});
