// Who may do what: every POST route and every GET route behind a sign-in, with who may use it,
// read by test/authorization.test.ts, which checks both tables against the app's own route list.
import { randomUUID } from "node:crypto";
import { TEST_PASSWORD } from "./accounts.js";
import {
  CAMPAIGN_READ_ROUTES,
  CAMPAIGN_WRITE_ROUTES,
  COMMENT_WRITE_ROUTES,
} from "./authorization-campaigns.js";
import {
  RESOURCE_READ_ROUTES,
  RESOURCE_WRITE_ROUTES,
  type ResourceFixture,
} from "./authorization-resources.js";
import type { CampaignFixture } from "./campaign-fixture.js";

export type Principal =
  | "anonymous"
  | "signed_in"
  | "member_staff"
  | "member_admin"
  | "other_member_admin"
  | "coalition_editor"
  | "coalition_admin";

export const PRINCIPALS: Principal[] = [
  "anonymous",
  "signed_in",
  "member_staff",
  "member_admin",
  "other_member_admin",
  "coalition_editor",
  "coalition_admin",
];

export interface Fixture {
  applicationId: string;
  /** The jurisdiction each member principal works for. */
  jurisdictionOf: Partial<Record<Principal, string>>;
  /** The id of each signed-in principal. */
  userOf: Partial<Record<Principal, string>>;
  /** A member jurisdiction none of the member principals works for. */
  memberSlug: string;
  /** An open campaign with an action of each kind. */
  campaign: CampaignFixture;
  /** A draft library item on a draft issue page. */
  resources: ResourceFixture;
}

export interface WriteRoute {
  /** The route as registered, unprefixed (e.g. "/admin/members/applications/:id/accept"). */
  route: string;
  /** Who may post; "public" routes take anyone (they are rate-limited and CSRF-checked). */
  allowed: Principal[] | "public";
  /** The URL to post to (params filled in), and a body that would be accepted. */
  url?: (f: Fixture) => string;
  body?: (f: Fixture, as: Principal) => Record<string, string>;
}

/** The jurisdiction a member principal acts for (a refused principal posts the member admin's). */
export const own = (f: Fixture, as: Principal) =>
  f.jurisdictionOf[as] ?? f.jurisdictionOf.member_admin ?? "";

export const EVERYONE_SIGNED_IN: Principal[] = PRINCIPALS.filter((p) => p !== "anonymous");

export const WRITE_ROUTES: WriteRoute[] = [
  { route: "/join", allowed: "public" },
  { route: "/account/sign-in", allowed: "public" },
  { route: "/account/sign-out", allowed: "public" },
  { route: "/account/sign-in/code", allowed: "public" },
  { route: "/account/sign-in/link", allowed: "public" },
  { route: "/account/sign-in/link/verify", allowed: "public" },
  { route: "/account/reset", allowed: "public" },
  { route: "/account/reset/new", allowed: "public" },
  { route: "/language-offer/dismiss", allowed: "public" },
  { route: "/accessibility/report", allowed: "public" },
  { route: "/account/sign-out-everywhere", allowed: EVERYONE_SIGNED_IN },
  {
    // Only people who work for a member have a jurisdiction to choose.
    route: "/account/jurisdiction",
    allowed: ["member_staff", "member_admin", "other_member_admin"],
    body: () => ({ jurisdiction: "none" }),
  },
  // Early: the allowed posts run in this order, and later rows change memberships.
  ...CAMPAIGN_WRITE_ROUTES,
  ...COMMENT_WRITE_ROUTES,
  ...RESOURCE_WRITE_ROUTES,
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
    body: () => ({ key: "home.mission", body_es: "Texto nuevo." }),
  },
  {
    // A number of the wrong form: refused at its field (422), the Federal Register never asked.
    route: "/rules",
    allowed: ["coalition_admin", "coalition_editor"],
    body: () => ({ number: "not-a-number" }),
  },
  {
    route: "/rules/unwatch",
    allowed: ["coalition_admin", "coalition_editor"],
    body: () => ({ rule: randomUUID() }),
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
export interface ReadRoute {
  route: string;
  allowed: Principal[] | "public";
  url?: (f: Fixture) => string;
}

export const STAFF: Principal[] = ["coalition_admin", "coalition_editor"];
export const ADMIN: Principal[] = ["coalition_admin"];
export const MEMBER_ADMINS: Principal[] = ["member_admin", "other_member_admin"];

export const READ_ROUTES: ReadRoute[] = [
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
    url: () => "/admin/content/edit?key=home.mission&locale=es",
  },
  ...CAMPAIGN_READ_ROUTES,
  ...RESOURCE_READ_ROUTES,
];
