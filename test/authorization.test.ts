// Who may do what, for every route behind a sign-in, as tables checked against the app's own
// route list, so a new route without a row fails here.
// - Every POST route: each refused principal (anonymous, signed in without a role, member staff,
//   a member admin of another jurisdiction, coalition editor, ...) gets sign-in (303) or 403 and
//   changes nothing; a post without its CSRF token is refused too; and each allowed principal
//   gets past the guard, so the table cannot pass by refusing everybody.
// - Every GET route under /account and /admin: the allowed read it (200), the others are sent to
//   sign in or refused (403), and nobody's answer may be stored by a browser or proxy.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { before, it } from "node:test";
import { LOCALES, localizedPath } from "../src/i18n/index.js";
import { findGeography } from "../src/members/census/census.queries.js";
import { createApplication } from "../src/members/join/applications.queries.js";
import { cookieHeader, createUser, csrfTokenOf, openSignIn, signIn } from "./support/accounts.js";
import { describeEachDatabase } from "./support/app.js";
import { buildResourceFixture } from "./support/authorization-resources.js";
import {
  type Fixture,
  PRINCIPALS,
  type Principal,
  READ_ROUTES,
  WRITE_ROUTES,
  type WriteRoute,
} from "./support/authorization-table.js";
import { buildMember } from "./support/builders.js";
import { buildCampaignFixture } from "./support/campaign-fixture.js";
import { dataFingerprint } from "./support/databases.js";
import { registeredRoutes } from "./support/routes.js";

describeEachDatabase("authorization of every write route", { seed: false }, (ctx) => {
  const cookies = new Map<Principal, string>();
  const fixture = { jurisdictionOf: {}, userOf: {} } as Fixture;
  let address = 0;
  // Every request from its own address, so rate limits never decide an outcome here.
  const nextAddress = () => `10.9.${Math.floor(++address / 250)}.${address % 250}`;

  before(async () => {
    const db = ctx.database.db;
    const mine = await buildMember(db, { state: "AZ" });
    const theirs = await buildMember(db, { state: "TX" });
    const third = await buildMember(db, { state: "MN" });
    fixture.memberSlug = third.slug;
    fixture.campaign = await buildCampaignFixture(db);
    fixture.resources = await buildResourceFixture(db);
    const people: [Principal, Parameters<typeof createUser>[1], string | null, string | null][] = [
      ["signed_in", { email: "someone@example.org" }, null, null],
      ["member_staff", { email: "staff@example.org" }, mine.id, "member_staff"],
      ["member_admin", { email: "admin@example.org" }, mine.id, "member_admin"],
      ["other_member_admin", { email: "other@example.org" }, theirs.id, "member_admin"],
      [
        "coalition_editor",
        { email: "editor@example.org", coalitionRole: "coalition_editor" },
        null,
        null,
      ],
      [
        "coalition_admin",
        { email: "chief@example.org", coalitionRole: "coalition_admin" },
        null,
        null,
      ],
    ];
    for (const [principal, user, jurisdictionId, role] of people) {
      const userId = await createUser(ctx.app, user);
      fixture.userOf[principal] = userId;
      if (jurisdictionId && role) {
        fixture.jurisdictionOf[principal] = jurisdictionId;
        await db
          .insertInto("memberships")
          .values({
            user_id: userId,
            jurisdiction_id: jurisdictionId,
            role: role as "member_admin" | "member_staff",
            created_at: new Date().toISOString(),
          })
          .execute();
      }
      cookies.set(
        principal,
        await signIn(ctx.app, user.email, undefined, undefined, nextAddress()),
      );
    }
    const geography = await findGeography(db, "2018250");
    assert.ok(geography);
    const application = await createApplication(db, {
      geography,
      kind: "city",
      executiveName: "Joyce Warshaw",
      executiveTitle: "Mayor",
      contactName: "Ana Pérez",
      contactTitle: "",
      contactEmail: "ana@example.org",
      contactPhone: "",
      message: "",
      locale: "es",
      submissionKey: randomUUID(),
    });
    fixture.applicationId = application.id;
  });

  it("has a row for every POST route the app registers", () => {
    assert.deepEqual(
      [...registeredRoutes(ctx.app, "POST")].sort(),
      WRITE_ROUTES.map((r) => r.route).sort(),
    );
  });

  it("has a row for every GET route under /account and /admin", () => {
    const behind = [...registeredRoutes(ctx.app, "GET")].filter((r) =>
      /^\/(account|admin)(?=[/.]|$)/.test(r),
    );
    assert.deepEqual(behind.sort(), READ_ROUTES.map((r) => r.route).sort());
  });

  for (const route of READ_ROUTES) {
    if (route.allowed === "public") continue;
    const allowed = route.allowed;
    it(`GET ${route.route}: only ${allowed.join(", ")} may read it`, async () => {
      for (const principal of PRINCIPALS) {
        const res = await ctx.app.inject({
          url: route.url?.(fixture) ?? route.route,
          remoteAddress: nextAddress(),
          headers: { cookie: cookies.get(principal) ?? "" },
        });
        const label = `${principal}: ${res.statusCode} ${res.body.slice(0, 150)}`;
        if (allowed.includes(principal)) {
          assert.equal(res.statusCode, 200, label);
        } else if (principal === "anonymous") {
          assert.equal(res.statusCode, 303, label);
          assert.match(String(res.headers.location), /^\/account\/sign-in\?next=/);
        } else {
          assert.equal(res.statusCode, 403, label);
        }
        // Nothing personal may be kept by a browser or a proxy.
        assert.equal(res.headers["cache-control"], "no-store", label);
      }
    });
  }

  async function post(route: WriteRoute, principal: Principal, withCsrf = true) {
    // The token comes from a page the principal can open, with that principal's cookies.
    let cookie = cookies.get(principal) ?? "";
    let csrf: string;
    if (cookie) {
      csrf = await csrfTokenOf(ctx.app, "/account", cookie);
    } else {
      const opened = await openSignIn(ctx.app);
      cookie = cookieHeader(opened.cookies);
      csrf = opened.csrf;
    }
    const body = {
      ...(route.body?.(fixture, principal) ?? {}),
      ...(withCsrf ? { _csrf: csrf } : {}),
    };
    return ctx.app.inject({
      method: "POST",
      url: route.url?.(fixture) ?? route.route,
      remoteAddress: nextAddress(),
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams(body).toString(),
    });
  }

  for (const route of WRITE_ROUTES) {
    if (route.allowed === "public") continue;
    const allowed = route.allowed;
    const refused = PRINCIPALS.filter((p) => !allowed.includes(p));

    it(`${route.route}: ${refused.join(", ") || "nobody"} refused, nothing changed`, async () => {
      // Each refusal leaves the data as it was, so one fingerprint serves the whole loop.
      const before = await dataFingerprint(ctx.database.db);
      for (const principal of refused) {
        const res = await post(route, principal);
        if (principal === "anonymous") {
          assert.equal(res.statusCode, 303, `${principal}: ${res.body.slice(0, 200)}`);
          // Back to the page after signing in, never to a form's POST-only address.
          assert.match(String(res.headers.location), /^\/account\/sign-in/);
          assert.doesNotMatch(String(res.headers.location), /next=/);
        } else {
          assert.equal(res.statusCode, 403, `${principal}: ${res.body.slice(0, 200)}`);
        }
        assert.equal(await dataFingerprint(ctx.database.db), before, `${principal} changed data`);
      }
    });

    it(`${route.route}: refused without its CSRF token, in every language`, async () => {
      const principal = allowed[allowed.length - 1] as Principal;
      const before = await dataFingerprint(ctx.database.db);
      for (const locale of LOCALES) {
        const localized = {
          ...route,
          url: () => localizedPath(locale, route.url?.(fixture) ?? route.route),
        };
        const res = await post(localized, principal, false);
        assert.equal(res.statusCode, 403, `${locale.tag}: ${res.body.slice(0, 200)}`);
        assert.equal(await dataFingerprint(ctx.database.db), before);
      }
    });
  }

  // Last, because the allowed posts do change things (an application accepted, ...).
  it("every allowed principal gets past the guard of every route", async () => {
    for (const route of WRITE_ROUTES) {
      if (route.allowed === "public") continue;
      for (const principal of route.allowed) {
        if (route.route === "/account/sign-out-everywhere") continue; // ends the session used below
        const res = await post(route, principal);
        assert.ok(
          ![401, 403].includes(res.statusCode) &&
            !String(res.headers.location ?? "").includes("/account/sign-in"),
          `${route.route} as ${principal}: ${res.statusCode} ${res.body.slice(0, 200)}`,
        );
      }
    }
  });
});
