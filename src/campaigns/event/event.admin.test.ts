// Staff's event pages: the details form (times in a chosen zone, https join link, capacity),
// SEQUENCE raised by a change once published, the cancellation mailed to those going, attendance;
// each change audited, and the pages closed to anyone but campaign editors.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { cookieHeader, cookiesOf, mailTo, signIn } from "../../../test/support/accounts.js";
import { describeEachDatabase } from "../../../test/support/app.js";
import { buildMember, buildPerson, type Person } from "../../../test/support/builders.js";
import { buildAction, buildCampaign, type Campaign } from "../../../test/support/campaigns.js";
import { text } from "../../../test/support/html.js";
import { findEvent, putRsvp } from "./event.queries.js";

describeEachDatabase("staff edit an event", { seed: false }, (ctx) => {
  const db = () => ctx.database.db;
  let editor: Person;
  let memberAdmin: Person;
  let campaign: Campaign;
  let event: { id: string };
  let cookie: string;

  before(async () => {
    editor = await buildPerson(db(), { role: "coalition_editor" });
    const tucson = await buildMember(db(), { name: "Tucson", state: "AZ" });
    memberAdmin = await buildPerson(db(), { jurisdiction: tucson, membershipRole: "member_admin" });
    campaign = await buildCampaign(db());
    event = await buildAction(db(), campaign, "event", { title: "Town hall" });
    cookie = await signIn(ctx.app, editor.email);
  });

  const base = () => `/admin/campaigns/${campaign.slug}/actions/${event.id}/event`;

  async function post(path: string, fields: Record<string, string | string[]>, as = cookie) {
    const form = await ctx.app.inject({ url: base(), headers: { cookie: as } });
    const csrf = form.body.match(/name="_csrf" value="([^"]*)"/)?.[1] ?? "";
    const body = new URLSearchParams({ _csrf: csrf });
    for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) body.append(k, x);
    return ctx.app.inject({
      method: "POST",
      url: path,
      headers: {
        cookie: [as, cookieHeader(cookiesOf(form.headers))].filter(Boolean).join("; "),
        "content-type": "application/x-www-form-urlencoded",
      },
      payload: body.toString(),
    });
  }

  const details = {
    time_zone: "America/Chicago",
    starts_at: "2026-12-07 13:00",
    ends_at: "2026-12-07 14:30",
    join_url: "https://meet.example.org/call",
    dial_in: "+1 555 0100",
    capacity: "100",
    public_rsvp: "yes",
  };

  it("is linked from the action's page and refused to a member's admin", async () => {
    const action = await ctx.app.inject({
      url: `/admin/campaigns/${campaign.slug}/actions/${event.id}`,
      headers: { cookie },
    });
    assert.match(action.body, new RegExp(`${base()}"`));
    const member = await signIn(ctx.app, memberAdmin.email);
    const refused = await ctx.app.inject({ url: base(), headers: { cookie: member } });
    assert.equal(refused.statusCode, 403);
  });

  it("refuses an http link, reversed times and a bad capacity, keeping what was typed", async () => {
    const res = await post(base(), {
      ...details,
      join_url: "http://meet.example.org/call",
      ends_at: "2026-12-07 12:00",
      capacity: "lots",
    });
    assert.equal(res.statusCode, 422);
    const page = text(res.body);
    assert.match(page, /starting with https/);
    assert.match(page, /The end must come after the start/);
    assert.match(page, /whole number of places/);
    assert.match(res.body, /value="lots"/);
    assert.equal(await findEvent(db(), event.id), undefined);
  });

  it("saves the times as instants of the chosen zone, audited, and shows them back", async () => {
    const res = await post(base(), details);
    assert.equal(res.statusCode, 303);
    const row = await findEvent(db(), event.id);
    assert.equal(row?.starts_at, "2026-12-07T19:00:00.000Z");
    assert.equal(row?.capacity, 100);
    assert.equal(row?.public_rsvp, 1);
    assert.equal(row?.sequence, 0);
    const page = await ctx.app.inject({ url: base(), headers: { cookie } });
    assert.match(page.body, /value="2026-12-07 13:00"/);
    const audit = await db()
      .selectFrom("audit_log")
      .selectAll()
      .where("entity_id", "=", event.id)
      .where("action", "=", "campaign.event.save")
      .execute();
    assert.equal(audit.length, 1);
  });

  it("raises SEQUENCE when a published event changes, not when saved unchanged", async () => {
    await post(base(), details);
    assert.equal((await findEvent(db(), event.id))?.sequence, 0);
    await post(base(), { ...details, starts_at: "2026-12-07 13:30" });
    assert.equal((await findEvent(db(), event.id))?.sequence, 1);
  });

  describe("cancelling and attendance", () => {
    let going: string;
    before(async () => {
      going = await putRsvp(db(), {
        actionId: event.id,
        jurisdictionId: null,
        userId: null,
        name: "Rosa",
        email: "rosa.event@example.org",
        locale: "zh-Hans",
        status: "going",
        tokenHash: null,
        now: new Date().toISOString(),
      });
    });

    it("marks attendance with a checkbox per person, audited", async () => {
      const list = await ctx.app.inject({ url: `${base()}/rsvps`, headers: { cookie } });
      assert.equal(list.statusCode, 200);
      assert.match(text(list.body), /Rosa \(rosa\.event@example\.org\), going/);
      const res = await post(`${base()}/rsvps`, { shown: going, attended: [going] });
      assert.equal(res.statusCode, 303);
      const row = await db()
        .selectFrom("event_rsvps")
        .select("attended")
        .where("id", "=", going)
        .executeTakeFirst();
      assert.equal(row?.attended, 1);
      await post(`${base()}/rsvps`, { shown: going });
      const audit = await db()
        .selectFrom("audit_log")
        .select("id")
        .where("entity_id", "=", going)
        .execute();
      assert.equal(audit.length, 2);
    });

    it("cancels the event: SEQUENCE raised, those going mailed in their language, audited", async () => {
      const before = (await findEvent(db(), event.id))?.sequence ?? 0;
      const res = await post(`${base()}/cancel`, {});
      assert.equal(res.statusCode, 303);
      const row = await findEvent(db(), event.id);
      assert.ok(row?.cancelled_at);
      assert.equal(row?.sequence, before + 1);
      const mails = await mailTo(db(), "rosa.event@example.org");
      assert.equal(mails.length, 1);
      assert.match(mails[0]?.subject ?? "", /^已取消/);
      const page = await ctx.app.inject({ url: base(), headers: { cookie } });
      assert.match(text(page.body), /This event is cancelled/);
      assert.doesNotMatch(page.body, /\/cancel"/);
    });
  });
});
