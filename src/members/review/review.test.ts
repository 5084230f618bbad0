import assert from "node:assert/strict";
import { before, it } from "node:test";
import { createUser, csrfTokenOf, signIn } from "../../../test/support/accounts.js";
import { describeEachDatabase } from "../../../test/support/app.js";
import { buildApplication } from "../../../test/support/builders.js";
import { text } from "../../../test/support/html.js";
import { findGeography } from "../census/census.queries.js";
import { coalitionStats } from "../figures/coalition.service.js";

// Each test can run alone: the applications and people are made before any of them, with the
// builders; no demo roster (the Census geographies are loaded for every test database).
describeEachDatabase("reviewing membership applications", { seed: false }, (ctx) => {
  const db = () => ctx.database.db;
  /** Dodge City city, KS (applying in Spanish) and Overland Park city, KS (in Chinese). */
  let dodgeCity: string;
  let overlandPark: string;

  async function apply(geoid: string, locale: string) {
    const { id } = await buildApplication(db(), {
      geoid,
      kind: "city",
      executive_name: "Joyce Warshaw",
      executive_title: "Mayor",
      contact_name: "Ana Pérez",
      contact_email: `ana+${geoid}@example.org`,
      message: "<b>Hola</b>",
      locale,
    });
    return id;
  }

  before(async () => {
    dodgeCity = await apply("2018250", "es");
    overlandPark = await apply("2053775", "zh-Hans");
    await createUser(ctx.app, { email: "staff@example.org" });
    await createUser(ctx.app, { email: "editor@example.org", coalitionRole: "coalition_editor" });
    await createUser(ctx.app, { email: "admin@example.org", coalitionRole: "coalition_admin" });
  });

  async function post(url: string, cookie: string, body: Record<string, string>) {
    return ctx.app.inject({
      method: "POST",
      url,
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams(body).toString(),
    });
  }

  it("is for coalition admins only: signed out is sent to sign in, others are refused", async () => {
    const id = dodgeCity;
    const out = await ctx.app.inject({ url: "/admin/members" });
    assert.equal(out.statusCode, 303);
    assert.match(String(out.headers.location), /^\/account\/sign-in\?next=%2Fadmin%2Fmembers/);
    for (const email of ["staff@example.org", "editor@example.org"]) {
      const cookie = await signIn(ctx.app, email);
      for (const url of ["/admin/members", `/admin/members/applications/${id}`, "/admin/outbox"]) {
        assert.equal(
          (await ctx.app.inject({ url, headers: { cookie } })).statusCode,
          403,
          `${email} ${url}`,
        );
      }
      const csrf = await csrfTokenOf(ctx.app, "/account", cookie);
      const accept = await post(`/admin/members/applications/${id}/accept`, cookie, {
        _csrf: csrf,
      });
      assert.equal(accept.statusCode, 403, "a write is refused too");
    }
    // The admin front page opens to editors, showing only what their role allows.
    const staffHome = await ctx.app.inject({
      url: "/admin",
      headers: { cookie: await signIn(ctx.app, "staff@example.org") },
    });
    assert.equal(staffHome.statusCode, 403);
    const editorHome = await ctx.app.inject({
      url: "/admin",
      headers: { cookie: await signIn(ctx.app, "editor@example.org") },
    });
    assert.equal(editorHome.statusCode, 200);
    assert.match(editorHome.body, /href="\/admin\/content"/);
    assert.doesNotMatch(editorHome.body, /href="\/admin\/members"/);
    assert.equal((await findGeography(db(), "2018250"))?.geoid, "2018250");
    const row = await db()
      .selectFrom("membership_applications")
      .select("status")
      .where("id", "=", id)
      .executeTakeFirst();
    assert.equal(row?.status, "pending");
  });

  it("accepting puts the city on the roster, records who did it, and mails the applicant in their language", async () => {
    const cookie = await signIn(ctx.app, "admin@example.org");
    const id = dodgeCity;
    const before = await coalitionStats(db());

    const list = await ctx.app.inject({ url: "/es/admin/members", headers: { cookie } });
    assert.equal(list.statusCode, 200);
    assert.equal(
      list.headers["cache-control"],
      "no-store",
      "a guarded page is never kept by a browser",
    );
    assert.match(text(list.body), /Dodge City city\s*, Kansas/);
    const page = await ctx.app.inject({
      url: `/admin/members/applications/${id}`,
      headers: { cookie },
    });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /&lt;b>Hola&lt;\/b>/, "the applicant's message is shown as text");
    const csrf = page.body.match(/name="_csrf" value="([^"]*)"/)?.[1] ?? "";

    assert.equal(
      (await post(`/admin/members/applications/${id}/accept`, cookie, {})).statusCode,
      403,
      "no CSRF token",
    );
    const accepted = await post(`/admin/members/applications/${id}/accept`, cookie, {
      _csrf: csrf,
    });
    assert.equal(accepted.statusCode, 303);
    const again = await post(`/admin/members/applications/${id}/accept`, cookie, { _csrf: csrf });
    assert.equal(again.statusCode, 409, "a second click changes nothing, and says so");
    assert.match(text(again.body), /already decided/);

    const member = await db()
      .selectFrom("jurisdictions")
      .selectAll()
      .where("geoid", "=", "2018250")
      .execute();
    assert.equal(member.length, 1);
    assert.equal(member[0]?.name, "Dodge City");
    assert.equal(member[0]?.slug, "dodge-city-ks");
    assert.equal(member[0]?.status, "member");
    assert.equal(member[0]?.is_demo, 0);
    assert.equal(member[0]?.executive_name, "Joyce Warshaw");
    const after = await coalitionStats(db());
    assert.equal(after.members, before.members + 1);
    assert.equal(
      after.population - before.population,
      27788,
      "Dodge City's 2020 Census population",
    );

    const audit = await db().selectFrom("audit_log").selectAll().orderBy("at").execute();
    assert.deepEqual(
      audit.map((a) => [a.action, a.actor_email]),
      [
        ["application.accept", "admin@example.org"],
        ["jurisdiction.create", "admin@example.org"],
      ],
    );
    const mails = await db()
      .selectFrom("outbox")
      .selectAll()
      .where("to_address", "=", "ana+2018250@example.org")
      .execute();
    assert.equal(mails.length, 1);
    assert.match(mails[0]?.subject ?? "", /^Bienvenido a Cities for Action/);
    assert.equal(mails[0]?.locale, "es");

    const profile = await ctx.app.inject({ url: "/members/dodge-city-ks" });
    assert.equal(profile.statusCode, 200, "the new member has a public profile");
  });

  it("declining needs a reason, which the applicant receives", async () => {
    const id = overlandPark;
    const cookie = await signIn(ctx.app, "admin@example.org");
    const csrf = await csrfTokenOf(ctx.app, `/admin/members/applications/${id}`, cookie);
    const empty = await post(`/admin/members/applications/${id}/decline`, cookie, {
      _csrf: csrf,
      reason: "  ",
    });
    assert.equal(empty.statusCode, 422);
    // Said as what to do: the length is not the problem of an empty reason.
    assert.match(text(empty.body), /Give the reason for declining\./);
    const long = await post(`/admin/members/applications/${id}/decline`, cookie, {
      _csrf: csrf,
      reason: "x".repeat(1001),
    });
    assert.equal(long.statusCode, 422);
    assert.match(text(long.body), /This is 1,001 characters long; the limit is 1,000\./);
    const declined = await post(`/admin/members/applications/${id}/decline`, cookie, {
      _csrf: csrf,
      reason: "Please apply once the city council has voted.",
    });
    assert.equal(declined.statusCode, 303);
    const row = await db()
      .selectFrom("membership_applications")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, "declined");
    assert.equal(row.decision_reason, "Please apply once the city council has voted.");
    const mail = await db()
      .selectFrom("outbox")
      .selectAll()
      .where("to_address", "=", "ana+2053775@example.org")
      .executeTakeFirstOrThrow();
    assert.match(mail.text_body, /city council has voted/);
    assert.match(mail.subject, /您向 Cities for Action 提交的申请/);
    assert.equal(
      (await db().selectFrom("jurisdictions").select("id").where("geoid", "=", "2053775").execute())
        .length,
      0,
    );

    const outbox = await ctx.app.inject({ url: "/admin/outbox", headers: { cookie } });
    assert.equal(outbox.statusCode, 200);
    assert.match(text(outbox.body), /ana\+2053775@example\.org/);
  });
});
