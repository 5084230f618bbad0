// The session behind a signature, read on every post (accounts/session.ts, decision 0028): a
// revoked session, a removed membership or a forged cookie is refused on the very next post,
// and a session due for renewal or expired is still renewed or ended as better-auth does.
import assert from "node:assert/strict";
import { beforeEach, it } from "node:test";
import { cookiesOf, csrfTokenOf, signIn } from "../../../test/support/accounts.js";
import { describeEachDatabase } from "../../../test/support/app.js";
import { buildMember, buildPerson, type Person } from "../../../test/support/builders.js";
import { buildAction, buildCampaign, type Campaign } from "../../../test/support/campaigns.js";
import { authTime } from "../../db/index.js";

const SESSION_COOKIE = "__Secure-cfa.session_token";
const DAY = 24 * 3600 * 1000;

describeEachDatabase("the session behind a signature", { seed: false }, (ctx) => {
  const db = () => ctx.database.db;
  let tucson: { id: string };
  let admin: Person;
  let campaign: Campaign;
  let letter: { id: string };

  beforeEach(async () => {
    tucson = await buildMember(db(), { name: "Tucson", state: "AZ" });
    admin = await buildPerson(db(), { jurisdiction: tucson, membershipRole: "member_admin" });
    campaign = await buildCampaign(db());
    letter = await buildAction(db(), campaign, "letter");
  });

  async function sign(cookie: string, csrf: string) {
    return ctx.app.inject({
      method: "POST",
      url: `/campaigns/${campaign.slug}/actions/${letter.id}/sign`,
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({
        _csrf: csrf,
        jurisdiction: tucson.id,
        signer_name: "Regina Romero",
        signer_title: "Mayor",
      }).toString(),
    });
  }

  /** Signed in, with the campaign page's form token: ready to post. */
  async function ready() {
    const cookie = await signIn(ctx.app, admin.email);
    const csrf = await csrfTokenOf(ctx.app, `/campaigns/${campaign.slug}`, cookie);
    return { cookie, csrf };
  }

  const signatures = async () =>
    (
      await db()
        .selectFrom("participations")
        .select("id")
        .where("action_id", "=", letter.id)
        .execute()
    ).length;

  const sessionsOf = (userId: string) =>
    db().selectFrom("sessions").selectAll().where("user_id", "=", userId).execute();

  it("refuses the post right after the session is revoked, and writes nothing", async () => {
    const { cookie, csrf } = await ready();
    await db().deleteFrom("sessions").where("user_id", "=", admin.id).execute();
    const res = await sign(cookie, csrf);
    assert.equal(res.statusCode, 303);
    assert.match(String(res.headers.location), /^\/account\/sign-in/);
    assert.equal(await signatures(), 0);
  });

  it("refuses the post right after the membership is removed, and writes nothing", async () => {
    const { cookie, csrf } = await ready();
    await db().deleteFrom("memberships").where("user_id", "=", admin.id).execute();
    const res = await sign(cookie, csrf);
    assert.equal(res.statusCode, 403);
    assert.equal(await signatures(), 0);
  });

  it("refuses the post right after the role is lowered to staff", async () => {
    const { cookie, csrf } = await ready();
    await db()
      .updateTable("memberships")
      .set({ role: "member_staff" })
      .where("user_id", "=", admin.id)
      .execute();
    const res = await sign(cookie, csrf);
    assert.equal(res.statusCode, 403);
    assert.equal(await signatures(), 0);
  });

  it("refuses a session cookie whose signature is not the site's", async () => {
    const { cookie, csrf } = await ready();
    const forged = cookie.replace(
      new RegExp(`${SESSION_COOKIE}=([^;.]+)\\.([^;]+)`),
      (_, token: string) => `${SESSION_COOKIE}=${token}.${encodeURIComponent("A".repeat(43))}=`,
    );
    assert.notEqual(forged, cookie);
    const res = await sign(forged, csrf);
    assert.equal(res.statusCode, 303);
    assert.match(String(res.headers.location), /^\/account\/sign-in/);
    assert.equal(await signatures(), 0);
  });

  it("renews a session a day old while it signs, as better-auth does", async () => {
    const { cookie, csrf } = await ready();
    // Made six days ago: a day past its renewal age, a day before it ends.
    const inADay = new Date(Date.now() + DAY);
    await db()
      .updateTable("sessions")
      .set({ expires_at: authTime(db(), inADay) })
      .where("user_id", "=", admin.id)
      .execute();
    const res = await sign(cookie, csrf);
    assert.equal(res.statusCode, 303);
    assert.match(String(res.headers.location), /done=signed/);
    assert.ok(cookiesOf(res.headers).get(SESSION_COOKIE), "the cookie is sent again");
    const [session] = await sessionsOf(admin.id);
    const expires = new Date(session?.expires_at ?? 0).getTime();
    assert.ok(expires > Date.now() + 6 * DAY, "a week from now again");
    assert.equal(await signatures(), 1);
  });

  it("refuses an expired session and deletes it", async () => {
    const { cookie, csrf } = await ready();
    await db()
      .updateTable("sessions")
      .set({ expires_at: authTime(db(), new Date(Date.now() - 1000)) })
      .where("user_id", "=", admin.id)
      .execute();
    const res = await sign(cookie, csrf);
    assert.equal(res.statusCode, 303);
    assert.match(String(res.headers.location), /^\/account\/sign-in/);
    assert.equal((await sessionsOf(admin.id)).length, 0);
    assert.equal(await signatures(), 0);
  });
});
