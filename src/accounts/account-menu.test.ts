// Issue 10, staff navigation: who is signed in shows in the header of every page (and never in
// a page another person gets from the page cache), staff land where their work is, a signed-in
// person is not shown the sign-in form again, /account names browsers and leaves out roles the
// person does not have, and member staff refused a member admin's page learn whom to ask.
import assert from "node:assert/strict";
import { before, it } from "node:test";
import { postSignIn, signIn } from "../../test/support/accounts.js";
import { describeEachDatabase } from "../../test/support/app.js";
import { buildMember, buildPerson, type Person } from "../../test/support/builders.js";
import { findLocale } from "../i18n/index.js";

const FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

describeEachDatabase("the account menu and where staff land", { seed: false }, (ctx) => {
  let address = 0;
  const ip = () => `10.9.0.${++address}`;
  const people = {} as Record<"editor" | "admin" | "staff" | "boss" | "boss2", Person>;
  const cookies = {} as Record<"editor" | "admin" | "staff", string>;
  const get = (url: string, cookie?: string, headers: Record<string, string> = {}) =>
    ctx.app.inject({ url, headers: { ...headers, ...(cookie ? { cookie } : {}) } });

  before(async () => {
    const ashford = await buildMember(ctx.database.db, { name: "Ashford", state: "CT" });
    people.editor = await buildPerson(ctx.app, { name: "Edna Editor", role: "coalition_editor" });
    people.admin = await buildPerson(ctx.app, { name: "Ada Admin", role: "coalition_admin" });
    people.staff = await buildPerson(ctx.app, { name: "Sam Staff", jurisdiction: ashford });
    people.boss = await buildPerson(ctx.app, {
      name: "Zoe Zeal",
      jurisdiction: ashford,
      membershipRole: "member_admin",
    });
    people.boss2 = await buildPerson(ctx.app, {
      name: "Abe Able",
      jurisdiction: ashford,
      membershipRole: "member_admin",
    });
    for (const who of ["editor", "admin", "staff"] as const) {
      const p = people[who];
      cookies[who] = await signIn(ctx.app, p.email, p.password, undefined, ip());
    }
  });

  it("names the signed-in person on public pages, and never caches that page for others", async () => {
    const before = await get("/members");
    assert.doesNotMatch(before.body, /Sam Staff/);
    const mine = await get("/members", cookies.staff);
    assert.equal(mine.statusCode, 200);
    assert.match(mine.body, /class="cfa-account"/);
    assert.match(mine.body, /Sam Staff/);
    assert.match(mine.body, /Acting for Ashford/);
    assert.equal(mine.headers["cache-control"], "no-store");
    for (const url of ["/", "/members"]) {
      await get(url, cookies.staff);
      const anonymous = await get(url);
      assert.doesNotMatch(anonymous.body, /Sam Staff|cfa-account/, url);
      assert.match(anonymous.body, /href="\/account\/sign-in"/, url);
    }
  });

  it("offers Administration to coalition staff only, and a sign-out form with a token", async () => {
    const editor = await get("/", cookies.editor);
    assert.match(editor.body, /<a href="\/admin">Administration<\/a>/);
    const staff = await get("/es/", cookies.staff);
    assert.doesNotMatch(staff.body, /href="\/es\/admin"/);
    const form = staff.body.match(/action="\/es\/account\/sign-out">\s*<input[^>]*value="([^"]*)"/);
    assert.ok(form?.[1] && !form[1].startsWith("cfa-"), "the slot holds a real CSRF token");
    assert.match(staff.body, /Cerrar sesión/);
  });

  it("says 'Your account' in the footer instead of 'Staff sign-in' when signed in", async () => {
    const res = await get("/account", cookies.staff);
    assert.doesNotMatch(res.body, /Staff sign-in/);
    assert.match(res.body, /class="usa-footer__primary-link" href="\/account">Your account</);
  });

  it("lands coalition staff on /admin and members on /account, keeping next", async () => {
    const editor = await postSignIn(ctx.app, people.editor.email, people.editor.password, {
      remoteAddress: ip(),
    });
    assert.equal(editor.res.headers.location, "/admin");
    const admin = await postSignIn(ctx.app, people.admin.email, people.admin.password, {
      remoteAddress: ip(),
      locale: findLocale("es"),
    });
    assert.equal(admin.res.headers.location, "/es/admin", "after the code step too");
    const staff = await postSignIn(ctx.app, people.staff.email, people.staff.password, {
      remoteAddress: ip(),
    });
    assert.equal(staff.res.headers.location, "/account");
    const next = await postSignIn(ctx.app, people.editor.email, people.editor.password, {
      remoteAddress: ip(),
      next: "/members",
    });
    assert.equal(next.res.headers.location, "/members");
  });

  it("sends a signed-in person away from the sign-in form, to next when it is safe", async () => {
    const editor = await get("/account/sign-in", cookies.editor);
    assert.equal(editor.statusCode, 303);
    assert.equal(editor.headers.location, "/admin");
    const staff = await get("/zh-hans/account/sign-in", cookies.staff);
    assert.equal(staff.headers.location, "/zh-hans/account");
    const next = await get("/account/sign-in?next=%2Fmembers%3Fstate%3DCT", cookies.staff);
    assert.equal(next.headers.location, "/members?state=CT");
    const unsafe = await get("/account/sign-in?next=%2F%2Fevil.example", cookies.staff);
    assert.equal(unsafe.headers.location, "/account");
    const anonymous = await get("/account/sign-in");
    assert.equal(anonymous.statusCode, 200);
  });

  it("names browsers on /account and leaves out roles the person does not have", async () => {
    await ctx.database.db
      .updateTable("sessions")
      .set({ user_agent: FIREFOX })
      .where("user_id", "=", people.staff.id)
      .execute();
    const staff = await get("/es/account", cookies.staff);
    assert.match(staff.body, /Firefox en Windows/);
    assert.doesNotMatch(staff.body, /Mozilla|Gecko/, "never the raw header");
    assert.doesNotMatch(staff.body, /Función en la coalición|ninguna/);
    const editor = await get("/account", cookies.editor);
    assert.match(editor.body, /Coalition role: coalition editor/);
    assert.match(editor.body, /href="\/admin"/);
  });

  it("tells member staff at a member admin's page who the admins are", async () => {
    for (const url of ["/account/profile", "/account/team"]) {
      const res = await get(url, cookies.staff);
      assert.equal(res.statusCode, 403, url);
      assert.match(
        res.body,
        /Only the administrators of Ashford can do that: Abe Able and Zoe Zeal\./,
        url,
      );
    }
    const es = await get("/es/account/team", cookies.staff);
    assert.match(
      es.body,
      /Solo los administradores de Ashford pueden hacer eso: Abe Able y Zoe Zeal\./,
    );
  });
});
