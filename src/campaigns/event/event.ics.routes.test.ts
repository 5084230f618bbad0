// The calendar routes, read back with Mozilla's ical.js: a stable UID, SEQUENCE raised by a change
// of a published event, STATUS:CANCELLED once cancelled, no join details, and a feed of the
// events of public campaigns only.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import ICAL from "ical.js";
import { describeEachDatabase } from "../../../test/support/app.js";
import { buildAction, buildCampaign, type Campaign } from "../../../test/support/campaigns.js";
import { eventSettings } from "./event.fixtures.js";
import { saveEvent } from "./event.queries.js";
import { cancelEvent, saveEventDetails } from "./event.service.js";

function parse(body: string) {
  const calendar = new ICAL.Component(ICAL.parse(body));
  return calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
}

describeEachDatabase("an event's calendar files", { seed: false }, (ctx) => {
  const db = () => ctx.database.db;
  let campaign: Campaign;
  let event: { id: string };
  let hidden: { id: string };
  const actor = { id: "staff", email: "staff@example.org" };

  before(async () => {
    campaign = await buildCampaign(db(), { texts: { es: { title: "Campaña" } } });
    event = await buildAction(db(), campaign, "event", { title: "National town hall" });
    await saveEvent(db(), event.id, eventSettings({ capacity: 10 }), 0);
    const members = await buildCampaign(db(), { visibility: "members" });
    hidden = await buildAction(db(), members, "event", { title: "Members only call" });
    await saveEvent(db(), hidden.id, eventSettings(), 0);
  });

  const ics = (path: string) => ctx.app.inject({ url: path });
  const eventPath = () => `/campaigns/${campaign.slug}/actions/${event.id}/event.ics`;

  it("serves one event with a stable UID, its page and never its join details", async () => {
    const res = await ics(eventPath());
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers["content-type"]), /^text\/calendar/);
    const [vevent] = parse(res.body);
    assert.equal(vevent?.uid, `event-${event.id}@cfa.test`);
    assert.equal(vevent?.sequence, 0);
    assert.equal(vevent?.summary, "National town hall");
    assert.match(vevent?.description ?? "", /https:\/\/cfa\.test\/campaigns\//);
    assert.doesNotMatch(res.body, /meet\.example\.org|4242/);
    const es = await ics(`/es${eventPath()}`);
    assert.match(parse(es.body)[0]?.description ?? "", /cfa\.test\/es\/campaigns\//);
  });

  it("lists events of public campaigns in the feed, not those of members-only ones", async () => {
    const res = await ics("/campaigns/events.ics");
    assert.equal(res.statusCode, 200);
    const uids = parse(res.body).map((e) => e.uid);
    assert.ok(uids.includes(`event-${event.id}@cfa.test`));
    assert.ok(!uids.includes(`event-${hidden.id}@cfa.test`));
  });

  describe("an update, then a cancellation", () => {
    before(async () => {
      const changed = eventSettings({ capacity: 20 });
      await saveEventDetails(db(), actor, { actionId: event.id, published: true }, changed);
    });

    it("raises SEQUENCE on a change of a published event, keeping the UID", async () => {
      const [vevent] = parse((await ics(eventPath())).body);
      assert.equal(vevent?.uid, `event-${event.id}@cfa.test`);
      assert.equal(vevent?.sequence, 1);
    });

    it("says a cancelled event is cancelled, with a higher SEQUENCE, in the file and the feed", async () => {
      const site = { mailer: ctx.app.mailer, publicUrl: "https://cfa.test", siteName: "CfA" };
      await cancelEvent(db(), site, actor, {
        slug: campaign.slug,
        actionId: event.id,
        texts: [],
      });
      const body = (await ics(eventPath())).body;
      const [vevent] = parse(body);
      assert.equal(vevent?.sequence, 2);
      assert.match(body, /STATUS:CANCELLED/);
      const feed = parse((await ics("/campaigns/events.ics")).body);
      const inFeed = feed.find((e) => e.uid === `event-${event.id}@cfa.test`);
      assert.equal(inFeed?.component.getFirstPropertyValue("status"), "CANCELLED");
    });
  });

  it("answers 404 for an event of a draft campaign", async () => {
    const draft = await buildCampaign(db(), { status: "draft" });
    const action = await buildAction(db(), draft, "event");
    await saveEvent(db(), action.id, eventSettings(), 0);
    const res = await ics(`/campaigns/${draft.slug}/actions/${action.id}/event.ics`);
    assert.equal(res.statusCode, 404);
  });
});
