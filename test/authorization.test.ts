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
import {
  cookieHeader,
  createUser,
  csrfTokenOf,
  openSignIn,
  signIn,
  TEST_PASSWORD,
} from "./support/accounts.js";
import { describeEachDatabase } from "./support/app.js";
import { dataFingerprint } from "./support/databases.js";
import { registeredRoutes } from "./support/routes.js";

type Principal =
  | "anonymous"
  | "signed_in"
  | "member_staff"
  | "member_admin"
  | "other_member_admin"
  | "coalition_editor"
  | "coalition_admin";

const PRINCIPALS: Principal[] = [
  "anonymous",
  "signed_in",
  "member_staff",
  "member_admin",
  "other_member_admin",
  "coalition_editor",
  "coalition_admin",
];

interface Fixture {
  applicationId: string;
  /** The jurisdiction each member principal works for. */
  jurisdictionOf: Partial<Record<Principal, string>>;
  /** The id of each signed-in principal. */
  userOf: Partial<Record<Principal, string>>;
  /** A member jurisdiction none of the member principals works for. */
  memberSlug: string;
}

interface WriteRoute {
  /** The route as registered, unprefixed (e.g. "/admin/members/applications/:id/accept"). */
  route: string;
  /** Who may post; "public" routes take anyone (they are rate-limited and CSRF-checked). */
  allowed: Principal[] | "public";
  /** The URL to post to (params filled in), and a body that would be accepted. */
  url?: (f: Fixture) => string;
  body?: (f: Fixture, as: Principal) => Record<string, string>;
}

/** The jurisdiction a member principal acts for (a refused principal posts the member admin's). */
const own = (f: Fixture, as: Principal) =>
  f.jurisdictionOf[as] ?? f.jurisdictionOf.member_admin ?? "";

const EVERYONE_SIGNED_IN: Principal[] = PRINCIPALS.filter((p) => p !== "anonymous");

const WRITE_ROUTES: WriteRoute[] = [
  { route: "/join", allowed: "public" },
  { route: "/account/sign-in", allowed: "public" },
  { route: "/account/sign-out", allowed: "public" },
  { route: "/account/sign-in/code", allowed: "public" },
  { route: "/account/sign-in/link", allowed: "public" },
  { route: "/account/sign-in/link/verify", allowed: "public" },
  { route: "/account/reset", allowed: "public" },
  { route: "/account/reset/new", allowed: "public" },
  { route: "/account/sign-out-everywhere", allowed: EVERYONE_SIGNED_IN },
  {
    // Only people who work for a member have a jurisdiction to choose.
    route: "/account/jurisdiction",
    allowed: ["member_staff", "member_admin", "other_member_admin"],
    body: () => ({ jurisdiction: "none" }),
  },
  {
    route: "/admin/members/applications/:id/accept",
    allowed: ["coalition_admin"],
    url: (f) => `/admin/members/applications/${f.applicationId}/accept`,
  },
  {
    route: "/admin/members/applications/:id/decline",
    allowed: ["coalition_admin"],
    url: (f) => `/admin/members/applications/${f.applicationId}/decline`,
    body: () => ({ reason: "Not a local government." }),
  },
  {
    route: "/admin/members/import/preview",
    allowed: ["coalition_admin"],
    body: () => ({ csv: "slug,name\n" }),
  },
  {
    route: "/admin/members/import/apply",
    allowed: ["coalition_admin"],
    body: () => ({ csv: "slug,name\n" }),
  },
  {
    // A member admin edits the jurisdiction they act for; the route takes no id.
    route: "/account/profile",
    allowed: ["member_admin", "other_member_admin"],
    body: () => ({ executive_name: "Jane Doe", executive_title: "Mayor", website: "" }),
  },
  {
    route: "/admin/members/:slug/edit",
    allowed: ["coalition_admin", "coalition_editor"],
    url: (f) => `/admin/members/${f.memberSlug}/edit`,
    body: () => ({ executive_name: "Jane Doe", executive_title: "Mayor", website: "" }),
  },
  { route: "/account/invitation", allowed: "public" },
  {
    route: "/account/team/invite",
    allowed: ["member_admin", "other_member_admin"],
    body: (f, as) => ({
      jurisdiction: own(f, as),
      email: "invited@example.org",
      name: "Invited Person",
      locale: "es",
      target: "member_staff",
    }),
  },
  {
    route: "/account/team/remove",
    allowed: ["member_admin", "other_member_admin"],
    body: (f, as) => ({ jurisdiction: own(f, as), user: f.userOf.member_staff ?? "" }),
  },
  {
    route: "/account/team/revoke",
    allowed: ["member_admin", "other_member_admin"],
    body: (f, as) => ({ jurisdiction: own(f, as), invitation: randomUUID() }),
  },
  {
    route: "/admin/users/invite",
    allowed: ["coalition_admin"],
    body: () => ({
      email: "new.editor@example.org",
      name: "New Editor",
      locale: "zh-Hans",
      target: "coalition_editor",
      jurisdiction: "",
    }),
  },
  {
    route: "/admin/users/role",
    allowed: ["coalition_admin"],
    body: (f) => ({ user: f.userOf.signed_in ?? "", role: "coalition_editor" }),
  },
  {
    route: "/admin/users/remove-membership",
    allowed: ["coalition_admin"],
    body: (f) => ({
      user: f.userOf.other_member_admin ?? "",
      jurisdiction: f.jurisdictionOf.other_member_admin ?? "",
    }),
  },
  {
    route: "/admin/users/revoke",
    allowed: ["coalition_admin"],
    body: () => ({ invitation: randomUUID() }),
  },
  {
    // Without SMTP (as here) an admin is told there is nothing to send again (409).
    route: "/admin/outbox/send-again",
    allowed: ["coalition_admin"],
    body: () => ({ message: randomUUID() }),
  },
  {
    route: "/admin/content/edit",
    allowed: ["coalition_admin", "coalition_editor"],
    body: () => ({ key: "home.intro", locale: "es", body: "Texto nuevo." }),
  },
  // Last: the allowed posts run in this order, and these touch the principals' own sign-in.
  {
    route: "/account/two-factor/enable",
    allowed: EVERYONE_SIGNED_IN,
    body: () => ({ password: TEST_PASSWORD }),
  },
  {
    route: "/account/two-factor/verify",
    allowed: EVERYONE_SIGNED_IN,
    body: () => ({ code: "000000" }),
  },
  {
    route: "/account/two-factor/disable",
    allowed: EVERYONE_SIGNED_IN,
    body: () => ({ password: TEST_PASSWORD }),
  },
];

/** Who may read which page or file behind /account and /admin: the same idea for GETs. */
interface ReadRoute {
  route: string;
  allowed: Principal[] | "public";
  url?: (f: Fixture) => string;
}

const STAFF: Principal[] = ["coalition_admin", "coalition_editor"];
const ADMIN: Principal[] = ["coalition_admin"];
const MEMBER_ADMINS: Principal[] = ["member_admin", "other_member_admin"];

const READ_ROUTES: ReadRoute[] = [
  // Forms and token landings anyone may open (a token page without a token says so).
  { route: "/account/sign-in", allowed: "public" },
  { route: "/account/sign-in/link", allowed: "public" },
  { route: "/account/sign-in/link/verify", allowed: "public" },
  { route: "/account/sign-in/code", allowed: "public" },
  { route: "/account/reset", allowed: "public" },
  { route: "/account/reset/new", allowed: "public" },
  { route: "/account/invitation", allowed: "public" },
  { route: "/account", allowed: EVERYONE_SIGNED_IN },
  { route: "/account/two-factor", allowed: EVERYONE_SIGNED_IN },
  { route: "/account/jurisdiction", allowed: EVERYONE_SIGNED_IN },
  { route: "/account/team", allowed: MEMBER_ADMINS },
  { route: "/account/profile", allowed: MEMBER_ADMINS },
  { route: "/admin", allowed: STAFF },
  { route: "/admin/users", allowed: ADMIN },
  { route: "/admin/members", allowed: ADMIN },
  {
    route: "/admin/members/applications/:id",
    allowed: ADMIN,
    url: (f) => `/admin/members/applications/${f.applicationId}`,
  },
  { route: "/admin/members/import", allowed: ADMIN },
  { route: "/admin/members/export.csv", allowed: ADMIN },
  {
    route: "/admin/members/:slug/edit",
    allowed: STAFF,
    url: (f) => `/admin/members/${f.memberSlug}/edit`,
  },
  { route: "/admin/profiles", allowed: STAFF },
  { route: "/admin/outbox", allowed: ADMIN },
  { route: "/admin/audit", allowed: ADMIN },
  { route: "/admin/audit.csv", allowed: ADMIN },
  { route: "/admin/content", allowed: STAFF },
  {
    route: "/admin/content/edit",
    allowed: STAFF,
    url: () => "/admin/content/edit?key=home.intro&locale=es",
  },
];

describeEachDatabase("authorization of every write route", {}, (ctx) => {
  const cookies = new Map<Principal, string>();
  const fixture = { jurisdictionOf: {}, userOf: {} } as Fixture;
  let address = 0;
  // Every request from its own address, so rate limits never decide an outcome here.
  const nextAddress = () => `10.9.${Math.floor(++address / 250)}.${address % 250}`;

  before(async () => {
    const db = ctx.database.db;
    const [mine, theirs, third] = await db
      .selectFrom("jurisdictions")
      .select(["id", "slug"])
      .where("status", "=", "member")
      .orderBy("slug")
      .limit(3)
      .execute();
    assert.ok(mine && theirs && third);
    fixture.memberSlug = third.slug;
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
      for (const principal of refused) {
        const before = await dataFingerprint(ctx.database.db);
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
      for (const locale of LOCALES) {
        const before = await dataFingerprint(ctx.database.db);
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
