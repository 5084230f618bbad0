// Hostile input in every text field of every form that writes: very long strings, control
// characters, HTML and script, and wrong types sent as JSON. Each gets a 4xx (with the form and a
// message, for a form) and nothing in the database changes. Passwords are the exception to the
// character rules (a password may contain anything; only its length is limited), so they get
// the long string only. The list is checked against the app's own POST routes: a route must
// have a form here or a reason in NOT_ATTACKED, so a new form without either fails.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { before, it } from "node:test";
import { createInvitation } from "../src/accounts/index.js";
import { findLocale, type Locale } from "../src/i18n/index.js";
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
import {
  buildResourceFixture,
  RESOURCE_ROUTE_PARAMS,
  type ResourceFixture,
} from "./support/authorization-resources.js";
import { buildMember } from "./support/builders.js";
import {
  buildCampaignFixture,
  CAMPAIGN_ROUTE_PARAMS,
  type CampaignFixture,
} from "./support/campaign-fixture.js";
import { dataFingerprint } from "./support/databases.js";
import { CAMPAIGN_FORMS, CAMPAIGN_NOT_ATTACKED } from "./support/hostile-campaigns.js";
import { RESOURCE_FORMS, RESOURCE_NOT_ATTACKED } from "./support/hostile-resources.js";
import { addMembership } from "./support/memberships.js";
import { registeredRoutes } from "./support/routes.js";

type Who = "anonymous" | "member_admin" | "coalition_admin";

interface Fixture {
  campaign: CampaignFixture;
  resources: ResourceFixture;
  applicationId: string;
  jurisdictionId: string;
  memberSlug: string;
  invitationToken: string;
  geoid: string;
}

interface Form {
  url: (f: Fixture) => string;
  who: Who;
  /** A body the form accepts (before one field is spoiled). */
  body: (f: Fixture) => Record<string, string>;
  /** The fields typed by people, attacked one at a time. */
  fields: string[];
  passwords?: string[];
  /** Fields that hold Markdown, where a tag is text (it is escaped when shown). */
  markup?: string[];
}

const FORMS: Form[] = [
  {
    url: () => "/join",
    who: "anonymous",
    body: (f) => ({
      geoid: f.geoid,
      submission_key: randomUUID(),
      kind: "city",
      executive_name: "Jane Doe",
      executive_title: "Mayor",
      contact_name: "Ana Pérez",
      contact_title: "Director",
      contact_email: "ana@example.org",
      contact_phone: "+1 555 0100",
      message: "We would like to join.",
      agree: "yes",
    }),
    fields: [
      "executive_name",
      "executive_title",
      "contact_name",
      "contact_title",
      "contact_email",
      "contact_phone",
      "message",
    ],
  },
  {
    url: () => "/account/sign-in",
    who: "anonymous",
    body: () => ({ email: "member.admin@example.org", password: TEST_PASSWORD }),
    fields: ["email"],
    passwords: ["password"],
  },
  {
    url: () => "/account/sign-in/link",
    who: "anonymous",
    body: () => ({ email: "someone@example.org" }),
    fields: ["email"],
  },
  {
    url: () => "/account/reset",
    who: "anonymous",
    body: () => ({ email: "someone@example.org" }),
    fields: ["email"],
  },
  {
    url: () => "/account/invitation",
    who: "anonymous",
    body: (f) => ({
      token: f.invitationToken,
      name: "New Person",
      password: TEST_PASSWORD,
      password_confirm: TEST_PASSWORD,
    }),
    fields: ["name"],
    passwords: ["password"],
  },
  {
    url: () => "/account/profile",
    who: "member_admin",
    body: () => ({
      executive_name: "Jane Doe",
      executive_title: "Mayor",
      website: "https://example.org",
    }),
    fields: [
      "executive_name",
      "executive_title",
      "website",
      "office_name",
      "office_address",
      "office_phone",
      "office_email",
      "office_languages",
      "office_description",
    ],
  },
  {
    url: () => "/account/team/invite",
    who: "member_admin",
    body: (f) => ({
      jurisdiction: f.jurisdictionId,
      email: "staffer@example.org",
      name: "Staff Person",
      locale: "es",
      target: "member_staff",
    }),
    fields: ["email", "name"],
  },
  {
    url: (f) => `/admin/members/${f.memberSlug}/edit`,
    who: "coalition_admin",
    body: () => ({ executive_name: "Jane Doe", executive_title: "Mayor", website: "" }),
    fields: [
      "executive_name",
      "executive_title",
      "website",
      "office_name",
      "office_address",
      "office_phone",
      "office_email",
      "office_languages",
      "office_description",
    ],
  },
  {
    url: (f) => `/admin/members/applications/${f.applicationId}/decline`,
    who: "coalition_admin",
    body: () => ({ reason: "Not a local government." }),
    fields: ["reason"],
  },
  {
    url: () => "/admin/users/invite",
    who: "coalition_admin",
    body: () => ({
      email: "editor@example.org",
      name: "An Editor",
      locale: "en",
      target: "coalition_editor",
      jurisdiction: "",
    }),
    fields: ["email", "name"],
  },
  {
    url: () => "/admin/content/edit",
    who: "coalition_admin",
    body: () => ({ key: "home.mission", body_es: "Texto nuevo." }),
    fields: ["body_es"],
    markup: ["body_es"],
  },
  {
    url: () => "/accessibility/report",
    who: "anonymous",
    body: () => ({ page: "/members", problem: "The map has no text alternative.", reply_to: "" }),
    fields: ["page", "problem", "reply_to"],
  },
  ...CAMPAIGN_FORMS,
  ...RESOURCE_FORMS,
];

/**
 * POST routes not attacked above, each with the reason. Those marked "not covered" take typed
 * input and belong in FORMS once someone gives them a fixture.
 */
const NOT_ATTACKED: Record<string, string> = {
  // No fields but the CSRF token.
  "/account/sign-out": "no fields",
  "/account/sign-out-everywhere": "no fields",
  "/admin/members/applications/:id/accept": "no fields (the id is in the path)",
  // Nothing typed: ids and choices the page offers, looked up or matched, never stored as sent.
  "/account/jurisdiction": "a choice of the person's own jurisdictions",
  "/account/team/remove": "ids from the team page's buttons",
  "/account/team/revoke": "ids from the team page's buttons",
  "/admin/users/role": "a user id and a role from a fixed list",
  "/admin/users/remove-membership": "ids from the people page's buttons",
  "/admin/users/revoke": "an invitation id from the people page's button",
  "/admin/outbox/send-again": "an outbox message id from the outbox page's button",
  "/account/sign-in/link/verify": "the token of a mailed link (a hidden field)",
  "/language-offer/dismiss": "the page to go back to (a hidden field), followed only if local",
  // Typed, and tested elsewhere.
  "/admin/members/import/preview":
    "a pasted CSV checked cell by cell; hostile cells in src/members/roster-admin.test.ts",
  "/admin/members/import/apply":
    "a pasted CSV checked cell by cell; hostile cells in src/members/roster-admin.test.ts",
  // Typed, and not covered yet.
  "/account/sign-in/code": "not covered: a code matched against a fixed pattern before use",
  "/account/two-factor/verify": "not covered: a code, during enrolment",
  "/account/two-factor/enable": "not covered: a password, which would change the signer's sign-in",
  "/account/two-factor/disable": "not covered: a password, which would change the signer's sign-in",
  "/account/reset/new": "not covered: new passwords, behind a mailed token that works once",
  "/rules":
    "a document number matched against ^\\d{4}-\\d{5}$ before use; refusals in src/rules/watch/watch.test.ts (a valid one asks the Federal Register)",
  "/rules/unwatch": "a rule id from the watch list's button",
  ...CAMPAIGN_NOT_ATTACKED,
  ...RESOURCE_NOT_ATTACKED,
};

/** A form's route as registered (":id", ":slug" for its parameters). */
function routeOf(form: Form): string {
  return form.url({
    campaign: CAMPAIGN_ROUTE_PARAMS,
    resources: RESOURCE_ROUTE_PARAMS,
    applicationId: ":id",
    jurisdictionId: "",
    memberSlug: ":slug",
    invitationToken: "",
    geoid: "",
  });
}

// Longer than any field allows, shorter than the 64 KB a form body may be.
const LONG = "x".repeat(30_000);
const CONTROL = "Jane\u0000Doe\u001b[31m";
const MARKUP = '<script>alert("x")</script>';

describeEachDatabase("hostile input in every form", { seed: false }, (ctx) => {
  const fixture = {} as Fixture;
  const cookies = new Map<Who, string>();
  let address = 0;
  const nextAddress = () => `10.7.${Math.floor(++address / 250)}.${address % 250}`;

  before(async () => {
    const db = ctx.database.db;
    const mine = await buildMember(db, { state: "AZ" });
    const other = await buildMember(db, { state: "TX" });
    fixture.jurisdictionId = mine.id;
    fixture.memberSlug = other.slug;
    fixture.campaign = await buildCampaignFixture(db);
    fixture.resources = await buildResourceFixture(db);
    const memberAdmin = await createUser(ctx.app, { email: "member.admin@example.org" });
    await addMembership(db, memberAdmin, mine.id, "member_admin");
    cookies.set(
      "member_admin",
      await signIn(ctx.app, "member.admin@example.org", undefined, undefined, nextAddress()),
    );
    const chief = "chief@example.org";
    const chiefId = await createUser(ctx.app, { email: chief, coalitionRole: "coalition_admin" });
    cookies.set(
      "coalition_admin",
      await signIn(ctx.app, chief, undefined, undefined, nextAddress()),
    );

    // Dodge City, Kansas applies through the form; Wichita has an application to decline.
    fixture.geoid = "2018250";
    const wichita = await findGeography(db, "2079000");
    assert.ok(wichita);
    const application = await createApplication(db, {
      geography: wichita,
      kind: "city",
      executiveName: "Lily Wu",
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
    const invitation = await createInvitation(db, ctx.app.mailer, ctx.app.config, {
      email: "invitee@example.org",
      name: null,
      target: { kind: "jurisdiction", jurisdictionId: mine.id, role: "member_staff" },
      locale: findLocale("es") as Locale,
      inviter: { id: chiefId, email: chief, name: "Chief" },
    });
    assert.ok(invitation.kind === "sent");
    fixture.invitationToken = invitation.token;
  });

  async function csrfFor(who: Who): Promise<{ cookie: string; csrf: string }> {
    const cookie = cookies.get(who);
    if (cookie) return { cookie, csrf: await csrfTokenOf(ctx.app, "/account", cookie) };
    const opened = await openSignIn(ctx.app);
    return { cookie: cookieHeader(opened.cookies), csrf: opened.csrf };
  }

  async function send(form: Form, body: Record<string, unknown>, as: "form" | "json") {
    const { cookie, csrf } = await csrfFor(form.who);
    const payload = { ...body, _csrf: csrf };
    return ctx.app.inject({
      method: "POST",
      url: form.url(fixture),
      remoteAddress: nextAddress(),
      headers: {
        cookie,
        "content-type": as === "json" ? "application/json" : "application/x-www-form-urlencoded",
      },
      payload:
        as === "json"
          ? JSON.stringify(payload)
          : new URLSearchParams(payload as Record<string, string>).toString(),
    });
  }

  it("attacks every POST route the app registers, or says why not", () => {
    const attacked = FORMS.map(routeOf);
    const excused = Object.keys(NOT_ATTACKED);
    assert.deepEqual(
      attacked.filter((r) => excused.includes(r)),
      [],
      "both attacked and excused",
    );
    assert.deepEqual(
      [...registeredRoutes(ctx.app, "POST")].sort(),
      [...attacked, ...excused].sort(),
    );
  });

  for (const form of FORMS) {
    const path = routeOf(form);
    it(`${path}: every field refuses long, control, markup and wrong-typed values`, async () => {
      const attacks: [string, unknown, "form" | "json"][] = [];
      for (const field of form.fields) {
        attacks.push([field, LONG, "form"], [field, CONTROL, "form"]);
        if (!form.markup?.includes(field)) attacks.push([field, MARKUP, "form"]);
        attacks.push(
          [field, ["a", "b"], "json"],
          [field, { $ne: "" }, "json"],
          [field, 42, "json"],
        );
      }
      for (const field of form.passwords ?? []) attacks.push([field, LONG, "form"]);
      // Each refused attack leaves the data as it was, so one fingerprint serves them all.
      const before = await dataFingerprint(ctx.database.db);
      for (const [field, value, as] of attacks) {
        const res = await send(form, { ...form.body(fixture), [field]: value }, as);
        const label = `${field} = ${JSON.stringify(value).slice(0, 40)} (${as}): ${res.statusCode}`;
        assert.ok(res.statusCode >= 400 && res.statusCode < 500, label);
        assert.equal(await dataFingerprint(ctx.database.db), before, `${label}: data changed`);
        if (res.headers["content-type"]?.toString().startsWith("text/html")) {
          // The answer says what is wrong, and never echoes the script as markup.
          assert.match(
            res.body,
            /usa-error-message|usa-alert--error|usa-alert__heading/,
            label +
              res.body
                .replace(/<[^>]*>/g, " ")
                .replace(/\s+/g, " ")
                .slice(0, 900),
          );
          assert.ok(!res.body.includes(MARKUP), `${label}: markup echoed`);
        }
      }
      // The unspoiled body is accepted: the refusals above were about the field, not the form.
      const ok = await send(form, form.body(fixture), "form");
      assert.ok(ok.statusCode < 400, `valid body: ${ok.statusCode} ${ok.body.slice(0, 300)}`);
    });
  }
});
