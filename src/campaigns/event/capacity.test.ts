import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { describeEachDatabase } from "../../../test/support/app.js";
import { buildMember, buildPerson, type Person } from "../../../test/support/builders.js";
import { buildAction, buildCampaign } from "../../../test/support/campaigns.js";
import { eventSettings } from "./event.fixtures.js";
import { rsvpCounts, saveEvent } from "./event.queries.js";
import { cancelMemberRsvp, rsvpMember } from "./rsvp.service.js";

describeEachDatabase("an event's capacity under RSVPs at once", { seed: false }, (ctx) => {
  const db = () => ctx.database.db;
  let member: { id: string };
  let people: Person[];

  before(async () => {
    member = await buildMember(db(), { name: "Denver", state: "CO" });
    people = await Promise.all(
      Array.from({ length: 50 }, () =>
        buildPerson(db(), { jurisdiction: member, membershipRole: "member_staff" }),
      ),
    );
  });

  const site = () => ({ mailer: ctx.app.mailer, publicUrl: "https://cfa.test", siteName: "CfA" });

  describe("50 RSVPs for 10 places", () => {
    let campaign: { id: string; slug: string };
    let event: { id: string; kind: string };
    before(async () => {
      campaign = await buildCampaign(db());
      event = await buildAction(db(), campaign, "event", { title: "Tele-town hall" });
      await saveEvent(db(), event.id, eventSettings({ capacity: 10 }), 0);
    });

    it("gives exactly 10 places and puts 40 on the wait list", async () => {
      const statuses = await Promise.all(
        people.map((p) =>
          rsvpMember(db(), {
            campaignId: campaign.id,
            actionId: event.id,
            jurisdictionId: member.id,
            person: { userId: p.id, name: p.name, email: p.email, locale: "en" },
            actorId: p.id,
          }),
        ),
      );
      assert.equal(statuses.filter((s) => s === "going").length, 10);
      assert.deepEqual(await rsvpCounts(db(), event.id), { going: 10, waitlist: 40 });
    });

    it("gives each freed place to one person waiting, even with cancellations at once", async () => {
      const going = await db()
        .selectFrom("event_rsvps")
        .select("email")
        .where("action_id", "=", event.id)
        .where("status", "=", "going")
        .execute();
      await Promise.all(
        going
          .slice(0, 5)
          .map((r) =>
            cancelMemberRsvp(
              db(),
              site(),
              { slug: campaign.slug, actionId: event.id, texts: [] },
              { campaignId: campaign.id, jurisdictionId: member.id, email: r.email, actorId: null },
            ),
          ),
      );
      assert.deepEqual(await rsvpCounts(db(), event.id), { going: 10, waitlist: 35 });
    });
  });
});
