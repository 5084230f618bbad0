// The jurisdiction someone acts for: their only one automatically, or the one they chose among
// several (guards.ts `requireJurisdiction`, account.routes.tsx `/account/jurisdiction`).
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { it } from "node:test";
import { createUser, csrfTokenOf, signIn } from "../../test/support/accounts.js";
import { describeEachDatabase } from "../../test/support/app.js";
import { buildMember, buildMembership } from "../../test/support/builders.js";
import { text } from "../../test/support/html.js";

describeEachDatabase("the jurisdiction a person acts for", { seed: false }, (ctx) => {
  const db = () => ctx.database.db;

  /** Makes a new member jurisdiction and `userId` work for it in `role`; returns its id. */
  async function joinNew(
    userId: string,
    name: string,
    state: string,
    role: "member_admin" | "member_staff",
  ): Promise<string> {
    const member = await buildMember(db(), { name, state });
    await buildMembership(db(), { user: userId, jurisdiction: member, role });
    return member.id;
  }

  async function post(url: string, cookie: string, body: Record<string, string>) {
    return ctx.app.inject({
      method: "POST",
      url,
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams(body).toString(),
    });
  }

  /** The jurisdiction stored on every session of this person (one sign-in each here). */
  async function activeOf(userId: string) {
    const rows = await db()
      .selectFrom("sessions")
      .select("active_jurisdiction_id")
      .where("user_id", "=", userId)
      .execute();
    return rows.map((r) => r.active_jurisdiction_id);
  }

  it("sends a signed-out visitor to sign in, and back afterwards", async () => {
    for (const [url, signInUrl] of [
      ["/account/profile", "/account/sign-in?next=%2Faccount%2Fprofile"],
      ["/es/account/profile", "/es/account/sign-in?next=%2Fes%2Faccount%2Fprofile"],
    ] as const) {
      const res = await ctx.app.inject({ url });
      assert.equal(res.statusCode, 303, url);
      assert.equal(res.headers.location, signInUrl);
    }
    const write = await post("/account/profile", "", { executive_title: "Mayor" });
    assert.equal(write.statusCode, 303, "a signed-out post changes nothing and goes to sign in");
    assert.match(String(write.headers.location), /^\/account\/sign-in/);
  });

  it("lets a person with one membership act for it without choosing", async () => {
    const userId = await createUser(ctx.app, { email: "one@example.org" });
    await joinNew(userId, "Boston", "MA", "member_admin");
    const cookie = await signIn(ctx.app, "one@example.org");

    const profile = await ctx.app.inject({ url: "/account/profile", headers: { cookie } });
    assert.equal(profile.statusCode, 200, profile.body.slice(0, 300));
    assert.equal(profile.headers["cache-control"], "no-store");
    assert.match(text(profile.body), /Profile of Boston/);

    const account = await ctx.app.inject({ url: "/account", headers: { cookie } });
    assert.match(text(account.body), /You are acting for Boston\./);
    assert.match(account.body, /href="\/account\/profile"/, "a member admin finds the profile");
    assert.doesNotMatch(account.body, /href="\/account\/jurisdiction"/, "nothing to choose");
    assert.deepEqual(await activeOf(userId), [null], "nothing was stored: the only one is used");
  });

  it("asks a person with two memberships to choose, then acts for the chosen one", async () => {
    const userId = await createUser(ctx.app, { email: "two@example.org" });
    const boise = await joinNew(userId, "Boise", "ID", "member_admin");
    const denver = await joinNew(userId, "Denver", "CO", "member_staff");
    const cookie = await signIn(ctx.app, "two@example.org");

    const profile = await ctx.app.inject({ url: "/account/profile", headers: { cookie } });
    assert.equal(profile.statusCode, 303);
    assert.equal(profile.headers.location, "/account/jurisdiction?next=%2Faccount%2Fprofile");
    const spanish = await ctx.app.inject({ url: "/es/account/profile", headers: { cookie } });
    assert.equal(
      spanish.headers.location,
      "/es/account/jurisdiction?next=%2Fes%2Faccount%2Fprofile",
    );

    const account = await ctx.app.inject({ url: "/account", headers: { cookie } });
    assert.match(text(account.body), /You have not chosen which jurisdiction to act for\./);
    assert.doesNotMatch(account.body, /href="\/account\/profile"/);

    const chooser = await ctx.app.inject({
      url: "/account/jurisdiction?next=%2Faccount%2Fprofile",
      headers: { cookie },
    });
    assert.equal(chooser.statusCode, 200);
    assert.match(chooser.body, new RegExp(`value="${boise}"`));
    assert.match(chooser.body, new RegExp(`value="${denver}"`));
    assert.match(chooser.body, /name="next" value="\/account\/profile"/);
    const csrf = chooser.body.match(/name="_csrf" value="([^"]*)"/)?.[1] ?? "";

    const noToken = await post("/account/jurisdiction", cookie, { jurisdiction: boise });
    assert.equal(noToken.statusCode, 403, "no CSRF token, no change");
    assert.deepEqual(await activeOf(userId), [null]);

    const chose = await post("/account/jurisdiction", cookie, {
      _csrf: csrf,
      jurisdiction: boise,
      next: "/account/profile",
    });
    assert.equal(chose.statusCode, 303);
    assert.equal(chose.headers.location, "/account/profile");
    assert.deepEqual(await activeOf(userId), [boise]);
    const now = await ctx.app.inject({ url: "/account/profile", headers: { cookie } });
    assert.equal(now.statusCode, 200);
    assert.match(text(now.body), /Profile of Boise/);

    // Acting for the one where they are staff: the admin-only page is closed to them.
    const staff = await post("/account/jurisdiction", cookie, {
      _csrf: csrf,
      jurisdiction: denver,
      next: "//elsewhere.example/",
    });
    assert.equal(staff.statusCode, 303);
    assert.equal(staff.headers.location, "/account", "only a path of this site is followed");
    assert.deepEqual(await activeOf(userId), [denver]);
    assert.equal(
      (await ctx.app.inject({ url: "/account/profile", headers: { cookie } })).statusCode,
      403,
    );
    const account2 = await ctx.app.inject({ url: "/account", headers: { cookie } });
    assert.match(text(account2.body), /You are acting for Denver\./);
    assert.match(account2.body, /href="\/account\/jurisdiction"/, "they can change it again");
  });

  it("refuses a jurisdiction the person does not work for, existing or not, and keeps theirs", async () => {
    const userId = await createUser(ctx.app, { email: "chooser@example.org" });
    const chicago = await joinNew(userId, "Chicago", "IL", "member_admin");
    await joinNew(userId, "Atlanta", "GA", "member_admin");
    const cookie = await signIn(ctx.app, "chooser@example.org");
    const csrf = await csrfTokenOf(ctx.app, "/account/jurisdiction", cookie);
    assert.equal(
      (await post("/account/jurisdiction", cookie, { _csrf: csrf, jurisdiction: chicago }))
        .statusCode,
      303,
    );

    const other = (await buildMember(db(), { name: "Seattle", state: "WA" })).id;
    for (const forged of [other, randomUUID(), "' or 1=1 --", ""]) {
      const res = await post("/es/account/jurisdiction", cookie, {
        _csrf: csrf,
        jurisdiction: forged,
        next: "/account/profile",
      });
      assert.equal(res.statusCode, 422, `jurisdiction ${JSON.stringify(forged)}`);
      assert.match(text(res.body), /Elija una de las jurisdicciones para las que trabaja\./);
      assert.deepEqual(await activeOf(userId), [chicago], "the choice is unchanged");
    }
    const profile = await ctx.app.inject({ url: "/account/profile", headers: { cookie } });
    assert.match(text(profile.body), /Profile of Chicago/);
  });

  it("closes the member admin's page to people without a membership and to member staff", async () => {
    await createUser(ctx.app, { email: "nobody@example.org" });
    const staffId = await createUser(ctx.app, { email: "staffer@example.org" });
    const pittsburgh = await buildMember(db(), { name: "Pittsburgh", state: "PA" });
    await buildMembership(db(), { user: staffId, jurisdiction: pittsburgh, role: "member_staff" });
    for (const email of ["nobody@example.org", "staffer@example.org"]) {
      const cookie = await signIn(ctx.app, email);
      const page = await ctx.app.inject({ url: "/account/profile", headers: { cookie } });
      assert.equal(page.statusCode, 403, email);
      const csrf = await csrfTokenOf(ctx.app, "/account", cookie);
      const write = await post("/account/profile", cookie, {
        _csrf: csrf,
        executive_name: "Someone Else",
        executive_title: "Mayor",
        website: "",
      });
      assert.equal(write.statusCode, 403, `${email} cannot save either`);
      const account = await ctx.app.inject({ url: "/account", headers: { cookie } });
      assert.doesNotMatch(account.body, /href="\/account\/profile"/);
    }
    const after = await db()
      .selectFrom("jurisdictions")
      .selectAll()
      .where("id", "=", pittsburgh.id)
      .executeTakeFirstOrThrow();
    assert.equal(after.executive_name, pittsburgh.executive_name);
    assert.equal(after.updated_at, pittsburgh.updated_at);
    // Someone without any membership has nothing to choose from either.
    const cookie = await signIn(ctx.app, "nobody@example.org");
    const csrf = await csrfTokenOf(ctx.app, "/account", cookie);
    const choose = await post("/account/jurisdiction", cookie, {
      _csrf: csrf,
      jurisdiction: pittsburgh.id,
    });
    assert.equal(choose.statusCode, 403);
  });
});
