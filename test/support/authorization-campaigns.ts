// The campaign rows of the authorization tables (authorization-table.ts spreads them in): every
// campaign POST route, and every campaign GET route behind /admin, with who may use it.
import { randomUUID } from "node:crypto";
import type { Fixture, Principal, ReadRoute, WriteRoute } from "./authorization-table.js";
import { dayFromNow } from "./campaigns.js";

const STAFF: Principal[] = ["coalition_admin", "coalition_editor"];
const ADMIN: Principal[] = ["coalition_admin"];
/** Member admins sign letters, each for the jurisdiction they act for. */
const MEMBER_ADMINS: Principal[] = ["member_admin", "other_member_admin"];
/** Any member's staff RSVP to an event and report their posts, each for the jurisdiction they act for. */
const MEMBER_STAFF: Principal[] = ["member_staff", "member_admin", "other_member_admin"];

/** The jurisdiction a member principal acts for (a refused principal posts the member admin's). */
const ownOf = (f: Fixture, as: Principal) =>
  f.jurisdictionOf[as] ?? f.jurisdictionOf.member_admin ?? "";

const campaign = (f: Fixture) => `/admin/campaigns/${f.campaign.slug}`;
const action = (f: Fixture, kind: keyof Fixture["campaign"]["actionOf"]) =>
  `/campaigns/${f.campaign.slug}/actions/${f.campaign.actionOf[kind]}`;
/** Staff's page of the fixture's social push's graphics. */
const graphics = (f: Fixture) => `${campaign(f)}/actions/${f.campaign.actionOf.social}/graphics`;
/** Staff's pages of the fixture's event. */
const eventAdmin = (f: Fixture) => `${campaign(f)}/actions/${f.campaign.actionOf.event}/event`;

/** A new campaign's form, valid (a fresh address each time). */
const newCampaign = () => ({
  slug: `auth-${randomUUID().slice(0, 8)}`,
  // Open today: the fixture campaign is saved with this body and must stay open.
  starts_on: dayFromNow(-7),
  ends_on: dayFromNow(7),
  time_zone: "America/New_York",
  topics: "",
  goal_members: "",
  visibility: "public",
  signatories_public: "yes",
  title_en: "Week of action",
  summary_en: "Members act together.",
  body_en: "",
});

export const CAMPAIGN_WRITE_ROUTES: WriteRoute[] = [
  { route: "/admin/campaigns/new", allowed: STAFF, body: newCampaign },
  {
    route: "/admin/campaigns/:slug",
    allowed: STAFF,
    url: campaign,
    // The fixture campaign keeps its address: saving it must not move it from under other rows.
    body: (f) => ({ ...newCampaign(), slug: f.campaign.slug }),
  },
  {
    // "results" only moves a closed campaign: an admin is told it changed (409), the fixture
    // stays open for the other rows.
    route: "/admin/campaigns/:slug/status",
    allowed: ADMIN,
    url: (f) => `${campaign(f)}/status`,
    body: () => ({ to: "results" }),
  },
  {
    route: "/admin/campaigns/:slug/actions/new",
    allowed: STAFF,
    url: (f) => `${campaign(f)}/actions/new`,
    body: () => ({ kind: "letter", title_en: "Another letter", body_en: "" }),
  },
  {
    route: "/admin/campaigns/:slug/actions/:action",
    allowed: STAFF,
    url: (f) => `${campaign(f)}/actions/${f.campaign.actionOf.letter}`,
    body: () => ({ kind: "letter", title_en: "The letter", body_en: "We ask..." }),
  },
  {
    // Reminds the staff of the members that have not acted (the fixture's campaign is open).
    route: "/admin/campaigns/:slug/remind",
    allowed: ADMIN,
    url: (f) => `${campaign(f)}/remind`,
    body: () => ({}),
  },
  {
    route: "/campaigns/:slug/actions/:action/sign",
    allowed: MEMBER_ADMINS,
    url: (f) => `${action(f, "letter")}/sign`,
    body: (f, as) => ({ jurisdiction: ownOf(f, as), signer_name: "Ana", signer_title: "Mayor" }),
  },
  {
    route: "/campaigns/:slug/actions/:action/withdraw",
    allowed: MEMBER_ADMINS,
    url: (f) => `${action(f, "letter")}/withdraw`,
    body: (f, as) => ({ jurisdiction: ownOf(f, as) }),
  },
  // events
  {
    route: "/admin/campaigns/:slug/actions/:action/event",
    allowed: STAFF,
    url: eventAdmin,
    body: () => ({
      time_zone: "America/New_York",
      starts_at: "2030-01-15 14:00",
      ends_at: "2030-01-15 15:00",
      join_url: "https://meet.example.org/call",
      dial_in: "",
      capacity: "",
      public_rsvp: "yes",
    }),
  },
  {
    route: "/admin/campaigns/:slug/actions/:action/event/rsvps",
    allowed: STAFF,
    url: (f) => `${eventAdmin(f)}/rsvps`,
    body: () => ({ shown: "", attended: "" }),
  },
  {
    route: "/campaigns/:slug/actions/:action/rsvp",
    allowed: MEMBER_STAFF,
    url: (f) => `${action(f, "event")}/rsvp`,
    body: (f, as) => ({ jurisdiction: ownOf(f, as), person: "" }),
  },
  {
    route: "/campaigns/:slug/actions/:action/rsvp/cancel",
    allowed: MEMBER_STAFF,
    url: (f) => `${action(f, "event")}/rsvp/cancel`,
    body: (f, as) => ({ jurisdiction: ownOf(f, as), person: "" }),
  },
  { route: "/campaigns/:slug/actions/:action/public-rsvp", allowed: "public" },
  {
    // Last of the event's rows: an allowed post cancels the fixture's event.
    route: "/admin/campaigns/:slug/actions/:action/event/cancel",
    allowed: STAFF,
    url: (f) => `${eventAdmin(f)}/cancel`,
    body: () => ({}),
  },
  // social push (src/campaigns/social)
  {
    route: "/admin/campaigns/:slug/actions/:action/messages",
    allowed: STAFF,
    url: (f) => `${campaign(f)}/actions/${f.campaign.actionOf.social}/messages`,
    body: () => ({ msg_x_en: "Cities stand together.", msg_bluesky_es: "Las ciudades, unidas." }),
  },
  // social push graphics (src/campaigns/graphics)
  {
    // Multipart in the browser; this table posts a form without a file, which the allowed are
    // told to choose (422), past the guard and the CSRF check.
    route: "/admin/campaigns/:slug/actions/:action/graphics",
    allowed: STAFF,
    url: graphics,
    body: () => ({ alt_en: "A map of member cities" }),
  },
  {
    route: "/admin/campaigns/:slug/actions/:action/graphics/:graphic/alt",
    allowed: STAFF,
    url: (f) => `${graphics(f)}/${f.campaign.graphic}/alt`,
    body: () => ({ alt_en: "A map of member cities", alt_es: "Un mapa de las ciudades miembro" }),
  },
  {
    // Last of the graphics' rows: an allowed post deletes the fixture's graphic.
    route: "/admin/campaigns/:slug/actions/:action/graphics/:graphic/delete",
    allowed: STAFF,
    url: (f) => `${graphics(f)}/${f.campaign.graphic}/delete`,
    body: () => ({}),
  },
  {
    route: "/campaigns/:slug/actions/:action/report",
    allowed: MEMBER_STAFF,
    url: (f) => `${action(f, "social")}/report`,
    // A new post each time: the same address from another member is refused as taken (422).
    body: (f, as) => ({
      jurisdiction: ownOf(f, as),
      platform: "x",
      url: `https://x.com/cityhall/status/${Date.now()}${Math.floor(Math.random() * 1e6)}`,
    }),
  },
];

/** A member's comment on the fixture's rule (src/campaigns/comment). */
const comment = (f: Fixture) => `${action(f, "comment")}/comment`;
const commentAdmin = (f: Fixture) =>
  `${campaign(f)}/actions/${f.campaign.actionOf.comment}/comment`;

export const COMMENT_WRITE_ROUTES: WriteRoute[] = [
  {
    route: "/admin/campaigns/:slug/actions/:action/comment",
    allowed: STAFF,
    url: commentAdmin,
    body: (f) => ({
      rule: f.campaign.rule,
      template_en: "On behalf of {{member.name}}: we oppose it.",
      template_es: "",
      "template_zh-Hans": "",
    }),
  },
  {
    // Each allowed post starts another draft campaign on the rule.
    route: "/admin/campaigns/from-rule",
    allowed: STAFF,
    body: (f) => ({ rule: f.campaign.rule }),
  },
  {
    // The first allowed post saves version 1; the next ones, from version 0, are told it changed.
    route: "/campaigns/:slug/actions/:action/comment",
    allowed: MEMBER_STAFF,
    url: comment,
    body: (f, as) => ({ jurisdiction: ownOf(f, as), version: "0", locale: "en", body: "Ours." }),
  },
  {
    route: "/campaigns/:slug/actions/:action/comment/approve",
    allowed: MEMBER_ADMINS,
    url: (f) => `${comment(f)}/approve`,
    body: (f, as) => ({ jurisdiction: ownOf(f, as), version: "1" }),
  },
  {
    route: "/campaigns/:slug/actions/:action/comment/approver",
    allowed: MEMBER_ADMINS,
    url: (f) => `${comment(f)}/approver`,
    body: (f, as) => ({ jurisdiction: ownOf(f, as), approver: "" }),
  },
  {
    route: "/campaigns/:slug/actions/:action/comment/file",
    allowed: MEMBER_STAFF,
    url: (f) => `${comment(f)}/file`,
    body: (f, as) => ({ jurisdiction: ownOf(f, as), version: "1" }),
  },
  {
    route: "/campaigns/:slug/actions/:action/comment/filed",
    allowed: MEMBER_STAFF,
    url: (f) => `${comment(f)}/filed`,
    body: (f, as) => ({ jurisdiction: ownOf(f, as), tracking_number: "m2x-abcd-1234" }),
  },
  {
    route: "/campaigns/:slug/actions/:action/comment/checked",
    allowed: MEMBER_STAFF,
    url: (f) => `${comment(f)}/checked`,
    body: (f, as) => ({ jurisdiction: ownOf(f, as), outcome: "not_received", tracking_number: "" }),
  },
];

export const CAMPAIGN_READ_ROUTES: ReadRoute[] = [
  { route: "/admin/campaigns/:slug/actions/:action/comment", allowed: STAFF, url: commentAdmin },
  { route: "/admin/campaigns", allowed: STAFF },
  {
    route: "/admin/campaigns/:slug/dashboard",
    allowed: STAFF,
    url: (f) => `${campaign(f)}/dashboard`,
  },
  {
    route: "/admin/campaigns/:slug/participation.csv",
    allowed: STAFF,
    url: (f) => `${campaign(f)}/participation.csv`,
  },
  { route: "/admin/campaigns/new", allowed: STAFF },
  { route: "/admin/campaigns/:slug", allowed: STAFF, url: campaign },
  {
    route: "/admin/campaigns/:slug/actions/new",
    allowed: STAFF,
    url: (f) => `${campaign(f)}/actions/new`,
  },
  {
    route: "/admin/campaigns/:slug/actions/:action",
    allowed: STAFF,
    url: (f) => `${campaign(f)}/actions/${f.campaign.actionOf.letter}`,
  },
  { route: "/admin/campaigns/:slug/actions/:action/event", allowed: STAFF, url: eventAdmin },
  {
    route: "/admin/campaigns/:slug/actions/:action/event/rsvps",
    allowed: STAFF,
    url: (f) => `${eventAdmin(f)}/rsvps`,
  },
  {
    route: "/admin/campaigns/:slug/actions/:action/messages",
    allowed: STAFF,
    url: (f) => `${campaign(f)}/actions/${f.campaign.actionOf.social}/messages`,
  },
  { route: "/admin/campaigns/:slug/actions/:action/graphics", allowed: STAFF, url: graphics },
];
