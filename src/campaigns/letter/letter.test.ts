import assert from "node:assert/strict";
import { before, beforeEach, describe, it } from "node:test";
import { csrfTokenOf, signIn } from "../../../test/support/accounts.js";
import { describeEachDatabase } from "../../../test/support/app.js";
import { buildMember, buildPerson, type Person } from "../../../test/support/builders.js";
import {
  buildAction,
  buildCampaign,
  type Campaign,
  dayFromNow,
} from "../../../test/support/campaigns.js";
import { text } from "../../../test/support/html.js";

describeEachDatabase("signing a campaign's letter", { seed: false }, (ctx) => {
  const db = () => ctx.database.db;
  let tucson: { id: string };
  let phoenix: { id: string };
  let admin: Person;
  let staff: Person;
  let campaign: Campaign;
  let letter: { id: string };

  /** A campaign of its own with one letter, so that each test starts with no signature. */
  async function freshLetter() {
    campaign = await buildCampaign(db(), {
      texts: { es: { title: "Semana de acción sobre carga pública" } },
    });
    letter = await buildAction(db(), campaign, "letter", {
      title: "Sign-on letter",
      body: "We oppose the rule.",
    });
  }

  before(async () => {
    tucson = await buildMember(db(), {
      name: "Tucson",
      state: "AZ",
      executive_name: "Regina Romero",
      executive_title: "Mayor",
    });
    phoenix = await buildMember(db(), { name: "Phoenix", state: "AZ" });
    admin = await buildPerson(db(), { jurisdiction: tucson, membershipRole: "member_admin" });
    staff = await buildPerson(db(), { jurisdiction: tucson, membershipRole: "member_staff" });
  });
  beforeEach(freshLetter);

  const page = (cookie = "") =>
    ctx.app.inject({ url: `/campaigns/${campaign.slug}`, headers: { cookie } });

  async function post(
    cookie: string,
    path: string,
    fields: Record<string, string>,
    remote?: string,
  ) {
    const csrf = await csrfTokenOf(ctx.app, `/campaigns/${campaign.slug}`, cookie);
    return ctx.app.inject({
      method: "POST",
      url: `/campaigns/${campaign.slug}/actions/${letter.id}/${path}`,
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
      ...(remote ? { remoteAddress: remote } : {}),
    });
  }

  const signatures = () =>
    db().selectFrom("participations").selectAll().where("action_id", "=", letter.id).execute();

  it("shows the campaign to everyone, in Spanish when the text is ready, with a way to sign in", async () => {
    const res = await page();
    assert.equal(res.statusCode, 200);
    assert.match(text(res.body), /Sign-on letter/);
    assert.match(res.body, /\/account\/sign-in\?next=%2Fcampaigns%2F/);
    const es = await ctx.app.inject({ url: `/es/campaigns/${campaign.slug}` });
    assert.match(text(es.body), /Semana de acción sobre carga pública/);
  });

  it("offers a member admin the form with the executive as signer, and signs once however often it is sent", async () => {
    const cookie = await signIn(ctx.app, admin.email);
    const form = await page(cookie);
    assert.match(form.body, /value="Regina Romero"/);
    const fields = { jurisdiction: tucson.id, signer_name: "Regina Romero", signer_title: "Mayor" };
    const [a, b] = await Promise.all([post(cookie, "sign", fields), post(cookie, "sign", fields)]);
    assert.equal(a.statusCode, 303);
    assert.equal(b.statusCode, 303);
    assert.equal((await signatures()).length, 1);
    const after = await page(cookie);
    assert.match(text(after.body), /Signed for Tucson by Regina Romero, Mayor/);
    assert.match(text(after.body), /1 member has signed/);
  });

  it("refuses an empty signer with the field's message, and a form for another jurisdiction", async () => {
    const cookie = await signIn(ctx.app, admin.email);
    const empty = await post(cookie, "sign", {
      jurisdiction: tucson.id,
      signer_name: "",
      signer_title: "Mayor",
    });
    assert.equal(empty.statusCode, 422);
    assert.match(text(empty.body), /Enter the signer's name/);
    const other = await post(cookie, "sign", {
      jurisdiction: phoenix.id,
      signer_name: "X",
      signer_title: "Y",
    });
    assert.equal(other.statusCode, 403);
    assert.match(text(other.body), /another jurisdiction/);
  });

  it("lets member staff see but not sign: only the administrators sign for a city", async () => {
    const cookie = await signIn(ctx.app, staff.email);
    const res = await page(cookie);
    assert.match(text(res.body), /Only the administrators of Tucson can sign/);
    const refused = await post(cookie, "sign", {
      jurisdiction: tucson.id,
      signer_name: "A",
      signer_title: "B",
    });
    assert.equal(refused.statusCode, 403);
  });

  it("withdraws a signature, which then no longer counts", async () => {
    const cookie = await signIn(ctx.app, admin.email);
    await post(cookie, "sign", {
      jurisdiction: tucson.id,
      signer_name: "Regina Romero",
      signer_title: "Mayor",
    });
    const res = await post(cookie, "withdraw", { jurisdiction: tucson.id });
    assert.equal(res.statusCode, 303);
    const rows = await signatures();
    assert.equal(rows.length, 1);
    assert.ok(rows[0]?.withdrawn_at);
    assert.match(text((await page(cookie)).body), /No member has signed yet/);
  });

  describe("a closed campaign", () => {
    let closed: Campaign;
    let closedLetter: { id: string };
    before(async () => {
      closed = await buildCampaign(db(), { starts_on: dayFromNow(-14), ends_on: dayFromNow(-2) });
      closedLetter = await buildAction(db(), closed, "letter");
    });

    it("refuses a signature with a translated message and records nothing", async () => {
      const cookie = await signIn(ctx.app, admin.email);
      const csrf = await csrfTokenOf(ctx.app, `/campaigns/${closed.slug}`, cookie);
      const res = await ctx.app.inject({
        method: "POST",
        url: `/es/campaigns/${closed.slug}/actions/${closedLetter.id}/sign`,
        headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams({
          _csrf: csrf,
          jurisdiction: tucson.id,
          signer_name: "A",
          signer_title: "B",
        }).toString(),
      });
      assert.equal(res.statusCode, 409);
      assert.match(text(res.body), /Esta campaña está cerrada/);
      const rows = await db()
        .selectFrom("participations")
        .select("id")
        .where("action_id", "=", closedLetter.id)
        .execute();
      assert.equal(rows.length, 0);
    });
  });

  it("hides a draft from the public (404) but shows it to nobody else either without a role", async () => {
    const draft = await buildCampaign(db(), { status: "draft" });
    assert.equal((await ctx.app.inject({ url: `/campaigns/${draft.slug}` })).statusCode, 404);
    const cookie = await signIn(ctx.app, admin.email);
    const res = await ctx.app.inject({ url: `/campaigns/${draft.slug}`, headers: { cookie } });
    assert.equal(res.statusCode, 404);
  });
});
