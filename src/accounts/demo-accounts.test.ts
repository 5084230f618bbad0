// The demo accounts: every one signs in with the published demo password through the real form,
// and lands acting for the right jurisdiction.
import assert from "node:assert/strict";
import { before, it } from "node:test";
import {
  cookieHeader,
  createUser,
  csrfTokenOf,
  postSignIn,
  rememberTotp,
  signIn,
} from "../../test/support/accounts.js";
import { describeEachDatabase } from "../../test/support/app.js";
import { findLocale, type Locale } from "../i18n/index.js";
import { seedDemo } from "../seed-demo.js";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, describeDemoAccounts } from "./demo-accounts.js";

describeEachDatabase("demo accounts", { seed: false }, (ctx) => {
  let accounts: Awaited<ReturnType<typeof seedDemo>>["accounts"];

  before(async () => {
    ({ accounts } = await seedDemo(ctx.database.db, {
      accounts: { authSecret: ctx.app.config.authSecret },
    }));
  });

  it("has a coalition admin, an editor, an admin per demo member and a staffer of two", async () => {
    const members = await ctx.database.db
      .selectFrom("jurisdictions")
      .select("slug")
      .where("is_demo", "=", 1)
      .execute();
    const memberAdmins = accounts.filter((a) =>
      a.memberships.some((m) => m.role === "member_admin"),
    );
    assert.deepEqual(
      memberAdmins.map((a) => a.memberships[0]?.slug).sort(),
      members.map((m) => m.slug).sort(),
    );
    assert.ok(accounts.some((a) => a.coalitionRole === "coalition_admin"));
    assert.ok(accounts.some((a) => a.coalitionRole === "coalition_editor"));
    const staffer = accounts.find((a) => a.memberships.length === 2);
    assert.ok(staffer, "someone works for two members");
    const rows = await ctx.database.db.selectFrom("memberships").select("user_id").execute();
    assert.equal(rows.length, memberAdmins.length + 2);
    const printed = describeDemoAccounts(accounts);
    assert.match(printed, new RegExp(DEMO_PASSWORD));
    for (const a of accounts) assert.ok(printed.includes(a.email), a.email);
  });

  it("signs the coalition admin in with the demo password and the published TOTP key", async () => {
    const admin = accounts.find((a) => a.coalitionRole === "coalition_admin");
    assert.ok(admin);
    rememberTotp(admin.email, DEMO_TOTP_SECRET);
    const cookie = await signIn(ctx.app, admin.email, DEMO_PASSWORD);
    const page = await ctx.app.inject({ url: "/admin", headers: { cookie } });
    assert.equal(page.statusCode, 200, "no detour to enrolment: two-step is already on");
    // Every demo account is labelled as such where people are listed; a real one is not.
    await createUser(ctx.app, { email: "real.person@example.net" });
    const people = await ctx.app.inject({ url: "/admin/users", headers: { cookie } });
    assert.equal(people.statusCode, 200);
    const rows = [...people.body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => m[1] ?? "");
    const tagged = rows.filter((r) => r.includes('class="usa-tag"'));
    assert.equal(tagged.length, accounts.length);
    assert.ok(!tagged.some((r) => r.includes("real.person@example.net")));
  });

  it("signs a member admin in with the demo password, acting for their jurisdiction", async () => {
    const nyc = accounts.find((a) => a.memberships[0]?.slug === "new-york-ny");
    assert.ok(nyc);
    const { res, cookies } = await postSignIn(ctx.app, nyc.email, DEMO_PASSWORD);
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    const page = await ctx.app.inject({
      url: "/account",
      headers: { cookie: cookieHeader(cookies) },
    });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /You are acting for New York City\./);
    assert.match(page.body, /This is a demo account: its password is published/);
  });

  it("lets the staffer of two members choose which one to act for", async () => {
    const staffer = accounts.find((a) => a.memberships.length === 2);
    assert.ok(staffer);
    const { res, cookies } = await postSignIn(ctx.app, staffer.email, DEMO_PASSWORD, {
      locale: findLocale("es") as Locale,
    });
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    const cookie = cookieHeader(cookies);
    const account = await ctx.app.inject({ url: "/es/account", headers: { cookie } });
    assert.match(account.body, /No ha elegido/);
    const chooser = await ctx.app.inject({ url: "/es/account/jurisdiction", headers: { cookie } });
    assert.equal(chooser.statusCode, 200);
    const ids = [...chooser.body.matchAll(/name="jurisdiction" value="([^"]+)"/g)].map((m) => m[1]);
    assert.equal(ids.length, 2);
    const csrf = await csrfTokenOf(ctx.app, "/es/account/jurisdiction", cookie);
    const chosen = await ctx.app.inject({
      method: "POST",
      url: "/es/account/jurisdiction",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ _csrf: csrf, jurisdiction: ids[1] ?? "" }).toString(),
    });
    assert.equal(chosen.statusCode, 303, chosen.body.slice(0, 300));
    assert.equal(chosen.headers.location, "/es/account");
    const after = await ctx.app.inject({ url: "/es/account", headers: { cookie } });
    assert.match(after.body, /Está actuando en nombre de (Montgomery County|Washington, DC)\./);
  });
});
