import assert from "node:assert/strict";
import { before, beforeEach, describe, it } from "node:test";
import { cookieHeader, cookiesOf, mailTo, signIn } from "../../../test/support/accounts.js";
import { describeEachDatabase } from "../../../test/support/app.js";
import { buildMember, buildPerson, type Person } from "../../../test/support/builders.js";
import { buildAction, buildCampaign, type Campaign } from "../../../test/support/campaigns.js";
import { text } from "../../../test/support/html.js";
import { eventSettings } from "./event.fixtures.js";
import { type EventSettings, saveEvent } from "./event.queries.js";
import { requestPublicRsvp } from "./rsvp.service.js";

describeEachDatabase("RSVPs to a campaign's event", { seed: false }, (ctx) => {
  const db = () => ctx.database.db;
  let tucson: { id: string };
  let admin: Person;
  let staff: Person;
  let colleague: Person;
  let outsider: Person;
  let campaign: Campaign;
  let event: { id: string };

  async function freshEvent(settings: Partial<EventSettings> = {}) {
    campaign = await buildCampaign(db(), {
      texts: { es: { title: "Asamblea nacional" } },
    });
    event = await buildAction(db(), campaign, "event", { title: "National town hall" });
    await saveEvent(db(), event.id, eventSettings(settings), 0);
  }

  before(async () => {
    tucson = await buildMember(db(), { name: "Tucson", state: "AZ" });
    const phoenix = await buildMember(db(), { name: "Phoenix", state: "AZ" });
    admin = await buildPerson(db(), { jurisdiction: tucson, membershipRole: "member_admin" });
    staff = await buildPerson(db(), { jurisdiction: tucson, membershipRole: "member_staff" });
    colleague = await buildPerson(db(), { jurisdiction: tucson, name: "Ana Colleague" });
    outsider = await buildPerson(db(), { jurisdiction: phoenix, membershipRole: "member_admin" });
  });
  beforeEach(() => freshEvent());

  const page = (cookie = "", prefix = "") =>
    ctx.app.inject({ url: `${prefix}/campaigns/${campaign.slug}`, headers: { cookie } });

  /** Posts a form of the campaign page, with the CSRF cookie and token a visitor would have. */
  async function post(
    session: string,
    path: string,
    fields: Record<string, string>,
    remoteAddress = "127.0.0.1",
  ) {
    const form = await page(session);
    const csrf = form.body.match(/name="_csrf" value="([^"]*)"/)?.[1] ?? "";
    const fresh = cookieHeader(cookiesOf(form.headers));
    const cookie = [session, fresh].filter(Boolean).join("; ");
    return ctx.app.inject({
      method: "POST",
      url: `/campaigns/${campaign.slug}/actions/${event.id}/${path}`,
      remoteAddress,
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
    });
  }
  const rsvps = () =>
    db().selectFrom("event_rsvps").selectAll().where("action_id", "=", event.id).execute();
  const participation = () =>
    db()
      .selectFrom("participations")
      .selectAll()
      .where("action_id", "=", event.id)
      .executeTakeFirst();

  it("shows the time in the reader's language, and the join details to nobody who is not going", async () => {
    const res = await page();
    assert.equal(res.statusCode, 200);
    assert.match(text(res.body), /Eastern (Standard|Daylight) Time/);
    assert.doesNotMatch(res.body, /meet\.example\.org/);
    const es = await page("", "/es");
    assert.match(text(es.body), /hora (estándar|de verano) oriental/);
    assert.doesNotMatch(text(es.body), /No one is going/);
  });

  it("RSVPs member staff once however often sent, counts their city, and then shows them the join link", async () => {
    const cookie = await signIn(ctx.app, staff.email);
    assert.doesNotMatch((await page(cookie)).body, /meet\.example\.org/);
    const fields = { jurisdiction: tucson.id, person: "" };
    const [a, b] = await Promise.all([post(cookie, "rsvp", fields), post(cookie, "rsvp", fields)]);
    assert.equal(a.statusCode, 303);
    assert.equal(b.statusCode, 303);
    const rows = await rsvps();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.status, "going");
    assert.equal((await participation())?.withdrawn_at, null);
    const after = await page(cookie);
    assert.match(after.body, /meet\.example\.org\/town-hall/);
    assert.match(text(after.body), /1 person is going/);
  });

  it("puts an RSVP past capacity on the wait list, and a cancellation promotes and mails the first waiting", async () => {
    await freshEvent({ capacity: 1 });
    const first = await signIn(ctx.app, staff.email);
    const second = await signIn(ctx.app, admin.email);
    await post(first, "rsvp", { jurisdiction: tucson.id, person: "" });
    await post(second, "rsvp", { jurisdiction: tucson.id, person: "" });
    const byEmail = new Map((await rsvps()).map((r) => [r.email, r.status]));
    assert.equal(byEmail.get(staff.email), "going");
    assert.equal(byEmail.get(admin.email), "waitlist");
    assert.doesNotMatch((await page(second)).body, /meet\.example\.org/);
    const cancel = await post(first, "rsvp/cancel", { jurisdiction: tucson.id, person: "" });
    assert.equal(cancel.statusCode, 303);
    const after = new Map((await rsvps()).map((r) => [r.email, r.status]));
    assert.equal(after.get(staff.email), "cancelled");
    assert.equal(after.get(admin.email), "going");
    const mails = await mailTo(db(), admin.email);
    assert.ok(mails.some((m) => /A place is yours/.test(m.subject)));
    assert.ok(mails.some((m) => m.text_body.includes("https://meet.example.org/town-hall")));
    // The city still takes part: one of its people is going.
    assert.equal((await participation())?.withdrawn_at, null);
  });

  it("withdraws the city's participation when its last RSVP is cancelled", async () => {
    const cookie = await signIn(ctx.app, staff.email);
    await post(cookie, "rsvp", { jurisdiction: tucson.id, person: "" });
    await post(cookie, "rsvp/cancel", { jurisdiction: tucson.id, person: "" });
    assert.ok((await participation())?.withdrawn_at);
    assert.match(text((await page(cookie)).body), /No one is going yet/);
  });

  it("lets a member admin RSVP a colleague of their own city, and nobody else", async () => {
    const cookie = await signIn(ctx.app, admin.email);
    assert.match(text((await page(cookie)).body), /RSVP for a colleague at Tucson/);
    const res = await post(cookie, "rsvp", { jurisdiction: tucson.id, person: colleague.id });
    assert.equal(res.statusCode, 303);
    const row = (await rsvps()).find((r) => r.email === colleague.email);
    assert.equal(row?.status, "going");
    assert.equal(row?.name, "Ana Colleague");
    const stranger = await post(cookie, "rsvp", { jurisdiction: tucson.id, person: outsider.id });
    assert.equal(stranger.statusCode, 403);
    assert.match(text(stranger.body), /does not work for Tucson/);
    const staffCookie = await signIn(ctx.app, staff.email);
    const byStaff = await post(staffCookie, "rsvp/cancel", {
      jurisdiction: tucson.id,
      person: colleague.id,
    });
    assert.equal(byStaff.statusCode, 403);
  });

  it("refuses an RSVP for another jurisdiction and for a cancelled event", async () => {
    const cookie = await signIn(ctx.app, outsider.email);
    const other = await post(cookie, "rsvp", { jurisdiction: tucson.id, person: "" });
    assert.equal(other.statusCode, 403);
    await freshEvent({});
    await db()
      .updateTable("event_details")
      .set({ cancelled_at: new Date().toISOString() })
      .where("action_id", "=", event.id)
      .execute();
    const own = await signIn(ctx.app, staff.email);
    assert.match(text((await page(own)).body), /This event is cancelled/);
    const refused = await post(own, "rsvp", { jurisdiction: tucson.id, person: "" });
    assert.equal(refused.statusCode, 409);
    assert.equal((await rsvps()).length, 0);
  });

  describe("the public", () => {
    beforeEach(() => freshEvent({ public_rsvp: 1, capacity: 1 }));

    it("RSVPs by name and address, confirmed by a mailed link the outbox never keeps", async () => {
      const res = await post("", "public-rsvp", { name: "Rosa Public", email: "Rosa@Example.org" });
      assert.equal(res.statusCode, 303);
      assert.match(res.headers.location ?? "", /done=rsvp_check_mail/);
      const rows = await rsvps();
      assert.equal(rows.length, 1);
      assert.equal(rows[0]?.status, "unconfirmed");
      assert.equal(rows[0]?.email, "rosa@example.org");
      assert.match(rows[0]?.token_hash ?? "", /^[0-9a-f]{64}$/);
      const [mail] = await mailTo(db(), "rosa@example.org");
      assert.match(mail?.text_body ?? "", /\[confirmation link removed\]/);
      assert.doesNotMatch(mail?.text_body ?? "", /token=/);
      // The same address again is the same RSVP.
      await post("", "public-rsvp", { name: "Rosa P.", email: "rosa@example.org" });
      assert.equal((await rsvps()).length, 1);
    });

    it("mails an address at most three confirmation links an hour, answering the same", async () => {
      const fields = { name: "Flood", email: "flooded@example.org" };
      for (let i = 0; i < 4; i += 1) {
        const res = await post("", "public-rsvp", fields, `10.9.0.${i + 1}`);
        assert.equal(res.statusCode, 303);
      }
      assert.equal((await mailTo(db(), "flooded@example.org")).length, 3);
    });

    it("confirms by the link: going, then the wait list once full; the link shows the RSVP again", async () => {
      const first = await requestPublicRsvp(db(), event.id, {
        name: "Uno",
        email: "uno@example.org",
        locale: "es",
      });
      const second = await requestPublicRsvp(db(), event.id, {
        name: "Dos",
        email: "dos@example.org",
        locale: "en",
      });
      const url = (token: string | null, prefix = "") =>
        `${prefix}/campaigns/${campaign.slug}/actions/${event.id}/confirm?token=${token}`;
      const going = await ctx.app.inject({ url: url(first, "/es") });
      assert.equal(going.statusCode, 200);
      assert.match(text(going.body), /Asistirá al evento/);
      assert.match(going.body, /meet\.example\.org/);
      const waiting = await ctx.app.inject({ url: url(second) });
      assert.match(text(waiting.body), /You are on the wait list/);
      assert.doesNotMatch(waiting.body, /meet\.example\.org/);
      const again = await ctx.app.inject({ url: url(first) });
      assert.equal(again.statusCode, 200);
      const bad = await ctx.app.inject({ url: url("x".repeat(43)) });
      assert.equal(bad.statusCode, 404);
    });

    it("refuses a malformed address with the form kept, and offers no public form when off", async () => {
      const res = await post("", "public-rsvp", { name: "Rosa", email: "not an address" });
      assert.equal(res.statusCode, 422);
      assert.match(res.body, /value="Rosa"/);
      assert.match(text(res.body), /Enter an e-mail address/);
      // Turned off between showing the form and sending it: refused, nothing recorded.
      const form = await page();
      const csrf = form.body.match(/name="_csrf" value="([^"]*)"/)?.[1] ?? "";
      await db()
        .updateTable("event_details")
        .set({ public_rsvp: 0 })
        .where("action_id", "=", event.id)
        .execute();
      assert.doesNotMatch((await page()).body, /public-rsvp/);
      const off = await ctx.app.inject({
        method: "POST",
        url: `/campaigns/${campaign.slug}/actions/${event.id}/public-rsvp`,
        headers: {
          cookie: cookieHeader(cookiesOf(form.headers)),
          "content-type": "application/x-www-form-urlencoded",
        },
        payload: new URLSearchParams({
          _csrf: csrf,
          name: "Rosa",
          email: "rosa@example.org",
        }).toString(),
      });
      assert.equal(off.statusCode, 404);
      assert.equal((await rsvps()).length, 0);
    });
  });
});
