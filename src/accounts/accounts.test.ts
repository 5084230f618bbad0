import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { getMigrations } from "better-auth/db/migration";
import type { FastifyInstance } from "fastify";
import {
  cookieHeader,
  cookiesOf,
  createUser,
  csrfTokenOf,
  postSignIn,
  signIn,
  TEST_PASSWORD,
} from "../../test/support/accounts.js";
import { testConfig } from "../../test/support/app.js";
import { createTestDatabase, testDialects } from "../../test/support/databases.js";
import { text } from "../../test/support/html.js";
import { buildApp } from "../app.js";
import { type Database, type DatabaseKind, openDatabase } from "../db/index.js";
import { DEFAULT_LOCALE, LOCALES, type Locale, localizedPath, translator } from "../i18n/index.js";
import { requireCoalitionRole } from "./guards.js";
import { createAuth } from "./index.js";

const es = LOCALES.find((l) => l.tag === "es") as Locale;
const SESSION_COOKIE = "__Secure-cfa.session_token";

interface Ctx {
  kind: DatabaseKind;
  app: FastifyInstance;
  database: Database;
}

/** A fresh app per dialect, with guarded test routes added before it starts. */
function describeAccounts(name: string, body: (ctx: Ctx) => void) {
  for (const { kind, skip } of testDialects()) {
    describe(`${name} [${kind}]`, { skip }, () => {
      const ctx = { kind } as Ctx;
      let drop: (() => Promise<void>) | undefined;
      before(async () => {
        const testDb = await createTestDatabase(kind);
        drop = testDb.drop;
        const config = testConfig({}, testDb.settings);
        ctx.database = openDatabase(config.database);
        ctx.app = await buildApp(config, { database: ctx.database });
        const guard = { preHandler: requireCoalitionRole("coalition_admin") };
        for (const path of ["/admin/test-guard", "/es/admin/test-guard", "/api/admin/test-guard"]) {
          ctx.app.get(path, guard, async (request) => ({ email: request.account?.user.email }));
        }
        await ctx.app.ready();
      });
      after(async () => {
        await ctx.app?.close();
        await ctx.database?.close();
        await drop?.();
      });
      body(ctx);
    });
  }
}

let address = 0;
/** A client address of its own, so one test's sign-ins never count against another's limit. */
const nextAddress = () => `10.1.0.${++address}`;

describeAccounts("accounts", (ctx) => {
  const ADMIN = "admin@example.org";
  const PLAIN = "plain@example.org";
  before(async () => {
    await createUser(ctx.app, {
      email: ADMIN,
      name: "Ada Admin",
      coalitionRole: "coalition_admin",
    });
    await createUser(ctx.database.db, { email: PLAIN, name: "Paul Plain" });
  });

  const sessionCount = async (email: string) =>
    (
      await ctx.database.db
        .selectFrom("sessions")
        .innerJoin("users", "users.id", "sessions.user_id")
        .select("sessions.id")
        .where("users.email", "=", email)
        .execute()
    ).length;

  it("better-auth finds nothing to migrate after our migrations", async () => {
    const auth = createAuth(ctx.database, testConfig());
    const plan = await getMigrations(auth.options);
    assert.deepEqual(
      {
        toBeCreated: plan.toBeCreated.map((t) => t.table),
        toBeAdded: plan.toBeAdded.map((t) => [t.table, Object.keys(t.fields)]),
        toBeAddedIndexes: plan.toBeAddedIndexes.map((i) => i.name),
        unsafeChanges: plan.unsafeChanges,
        schemaProblems: plan.schemaProblems,
      },
      {
        toBeCreated: [],
        toBeAdded: [],
        toBeAddedIndexes: [],
        unsafeChanges: [],
        schemaProblems: [],
      },
    );
  });

  it("signs in with a session cookie that is HttpOnly, Secure and SameSite, and shows who you are", async () => {
    const before = await sessionCount(ADMIN);
    const { res, cookies } = await postSignIn(ctx.app, ADMIN, TEST_PASSWORD, {
      remoteAddress: nextAddress(),
    });
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    assert.equal(res.headers.location, "/admin", "coalition staff land where their work is");
    const setCookie = ([] as string[]).concat(res.headers["set-cookie"] ?? []);
    const session = setCookie.find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    assert.ok(session, setCookie.join("\n"));
    assert.match(session, /; HttpOnly/i);
    assert.match(session, /; Secure/i);
    assert.match(session, /; SameSite=Lax/i);
    assert.equal(await sessionCount(ADMIN), before + 1);

    const page = await ctx.app.inject({
      url: "/account",
      headers: { cookie: cookieHeader(cookies) },
    });
    assert.equal(page.statusCode, 200);
    assert.equal(page.headers["cache-control"], "no-store");
    const body = text(page.body);
    assert.ok(body.includes("Ada Admin"), body);
    assert.ok(body.includes(ADMIN));
    assert.ok(body.includes("coalition administrator"));
    assert.ok(body.includes("Unknown"), "the session is listed (node-test names no browser)");
    assert.ok(body.includes("(this browser)"));
  });

  it("signs in in every language, and goes back to a same-site `next` only", async () => {
    for (const locale of LOCALES) {
      const page = await ctx.app.inject({ url: localizedPath(locale, "/account/sign-in") });
      assert.equal(page.statusCode, 200);
      assert.ok(text(page.body).includes(translator(locale)("accounts.sign_in.intro")), locale.tag);
    }
    const localized = await postSignIn(ctx.app, ADMIN, TEST_PASSWORD, {
      locale: es,
      remoteAddress: nextAddress(),
    });
    assert.equal(localized.res.headers.location, "/es/admin");
    const ip = nextAddress();
    const back = await postSignIn(ctx.app, ADMIN, TEST_PASSWORD, {
      next: "/es/admin/test-guard?x=1",
      remoteAddress: ip,
    });
    assert.equal(back.res.headers.location, "/es/admin/test-guard?x=1");
    for (const next of ["//evil.example/", "https://evil.example/", "/\\evil.example", "evil"]) {
      const { res } = await postSignIn(ctx.app, ADMIN, TEST_PASSWORD, { next, remoteAddress: ip });
      assert.equal(res.headers.location, "/admin", next);
    }
  });

  it("answers a wrong password and an unknown e-mail alike, without a session", async () => {
    const ip = nextAddress();
    const wrong = await postSignIn(ctx.app, ADMIN, `${TEST_PASSWORD}!`, { remoteAddress: ip });
    const unknown = await postSignIn(ctx.app, "nobody@example.org", TEST_PASSWORD, {
      remoteAddress: ip,
    });
    const message = translator(DEFAULT_LOCALE)("errors.wrong_credentials");
    for (const { res, cookies } of [wrong, unknown]) {
      assert.equal(res.statusCode, 401);
      assert.ok(text(res.body).includes(message));
      assert.ok(!cookies.has(SESSION_COOKIE), "no session cookie");
      assert.doesNotMatch(res.body, /correct horse/, "the password is not echoed");
    }
    const summary = (html: string) =>
      text(html.match(/<div class="usa-alert[\s\S]*?<\/div>/)?.[0] ?? "");
    assert.equal(summary(wrong.res.body), summary(unknown.res.body));
    assert.equal(await sessionCount("nobody@example.org"), 0);

    const empty = await postSignIn(ctx.app, "", "", { remoteAddress: ip });
    assert.equal(empty.res.statusCode, 422);
    assert.match(empty.res.body, /href="#sign-in-email"/);
    assert.match(empty.res.body, /href="#sign-in-password"/);
    assert.match(empty.res.body, /aria-invalid="true"/);
  });

  it("refuses a sign-in without the CSRF token", async () => {
    const res = await ctx.app.inject({
      method: "POST",
      url: "/account/sign-in",
      remoteAddress: nextAddress(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ email: ADMIN, password: TEST_PASSWORD }).toString(),
    });
    assert.equal(res.statusCode, 403);
    assert.ok(!cookiesOf(res.headers).has(SESSION_COOKIE));
  });

  // Guessing passwords, and what stops it: sign-in.throttle.test.ts.

  it("signs out, ending the session", async () => {
    const cookie = await signIn(ctx.app, PLAIN, TEST_PASSWORD, undefined, nextAddress());
    assert.equal(await sessionCount(PLAIN), 1);
    const csrf = await csrfTokenOf(ctx.app, "/account", cookie);
    const res = await ctx.app.inject({
      method: "POST",
      url: "/account/sign-out",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ _csrf: csrf }).toString(),
    });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, "/");
    assert.equal(cookiesOf(res.headers).get(SESSION_COOKIE), "", "the cookie is cleared");
    assert.equal(await sessionCount(PLAIN), 0);
    const again = await ctx.app.inject({ url: "/account", headers: { cookie } });
    assert.equal(again.statusCode, 303, "the old cookie no longer signs in");
    assert.equal(again.headers.location, "/account/sign-in?next=%2Faccount");
  });

  it("signs out everywhere, ending the other sessions too", async () => {
    const ip = nextAddress();
    const first = await signIn(ctx.app, PLAIN, TEST_PASSWORD, undefined, ip);
    const second = await signIn(ctx.app, PLAIN, TEST_PASSWORD, undefined, ip);
    assert.equal(await sessionCount(PLAIN), 2);
    const listed = await ctx.app.inject({ url: "/account", headers: { cookie: first } });
    assert.equal(text(listed.body).match(/Unknown/g)?.length, 2, "both sessions are listed");
    const csrf = await csrfTokenOf(ctx.app, "/account", first);
    const res = await ctx.app.inject({
      method: "POST",
      url: "/account/sign-out-everywhere",
      headers: { cookie: first, "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ _csrf: csrf }).toString(),
    });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, "/account/sign-in");
    assert.equal(await sessionCount(PLAIN), 0);
    for (const cookie of [first, second]) {
      const page = await ctx.app.inject({ url: "/account", headers: { cookie } });
      assert.equal(page.statusCode, 303);
    }
  });

  it("guards a route by coalition role: sign-in for strangers, 403 without the role, in for admins", async () => {
    const signedOut = await ctx.app.inject({ url: "/admin/test-guard" });
    assert.equal(signedOut.statusCode, 303);
    assert.equal(signedOut.headers.location, "/account/sign-in?next=%2Fadmin%2Ftest-guard");
    const localized = await ctx.app.inject({ url: "/es/admin/test-guard" });
    assert.equal(localized.headers.location, "/es/account/sign-in?next=%2Fes%2Fadmin%2Ftest-guard");
    const api = await ctx.app.inject({ url: "/api/admin/test-guard" });
    assert.equal(api.statusCode, 401);
    assert.equal(api.json().error.id, "unauthorized");

    const ip = nextAddress();
    const plain = await signIn(ctx.app, PLAIN, TEST_PASSWORD, undefined, ip);
    const refused = await ctx.app.inject({
      url: "/es/admin/test-guard",
      headers: { cookie: plain },
    });
    assert.equal(refused.statusCode, 403);
    assert.ok(text(refused.body).includes(translator(es)("errors.forbidden")));
    const refusedApi = await ctx.app.inject({
      url: "/api/admin/test-guard",
      headers: { cookie: plain },
    });
    assert.equal(refusedApi.statusCode, 403);
    assert.equal(refusedApi.json().error.id, "forbidden");

    const admin = await signIn(ctx.app, ADMIN, TEST_PASSWORD, undefined, ip);
    const allowed = await ctx.app.inject({ url: "/admin/test-guard", headers: { cookie: admin } });
    assert.equal(allowed.statusCode, 200);
    assert.deepEqual(allowed.json(), { email: ADMIN });
  });

  it("sends a coalition admin without two-step verification to turn it on; the API answers 403", async () => {
    await createUser(ctx.app, {
      email: "unenrolled@example.org",
      coalitionRole: "coalition_admin",
      twoFactor: false,
    });
    const cookie = await signIn(
      ctx.app,
      "unenrolled@example.org",
      TEST_PASSWORD,
      es,
      nextAddress(),
    );
    const page = await ctx.app.inject({ url: "/es/admin/test-guard?x=1", headers: { cookie } });
    assert.equal(page.statusCode, 303);
    assert.equal(
      page.headers.location,
      "/es/account/two-factor?next=%2Fes%2Fadmin%2Ftest-guard%3Fx%3D1",
    );
    assert.equal(page.headers["cache-control"], "no-store");
    const api = await ctx.app.inject({ url: "/api/admin/test-guard", headers: { cookie } });
    assert.equal(api.statusCode, 403);
    assert.equal(api.json().error.id, "forbidden");
    const enrolment = await ctx.app.inject({ url: "/es/account/two-factor", headers: { cookie } });
    assert.equal(enrolment.statusCode, 200, "enrolment stays reachable");
  });

  it("names the signed-in person on public pages, which are then not cached", async () => {
    // Issue 10: the header's account menu; account-menu.test.ts checks that it never leaks.
    const admin = await signIn(ctx.app, ADMIN, TEST_PASSWORD, undefined, nextAddress());
    const home = await ctx.app.inject({ url: "/", headers: { cookie: admin } });
    assert.equal(home.statusCode, 200);
    assert.ok(text(home.body).includes("Ada Admin"), "the header names who is signed in");
    assert.equal(home.headers["cache-control"], "no-store");
  });
});
