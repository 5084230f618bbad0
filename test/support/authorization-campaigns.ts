// The campaign rows of the authorization tables (authorization-table.ts spreads them in): every
// campaign POST route, and every campaign GET route behind /admin, with who may use it.
import { randomUUID } from "node:crypto";
import type { Fixture, Principal, ReadRoute, WriteRoute } from "./authorization-table.js";
import { dayFromNow } from "./campaigns.js";

const STAFF: Principal[] = ["coalition_admin", "coalition_editor"];
const ADMIN: Principal[] = ["coalition_admin"];
/** Member admins sign letters, each for the jurisdiction they act for. */
const MEMBER_ADMINS: Principal[] = ["member_admin", "other_member_admin"];

/** The jurisdiction a member principal acts for (a refused principal posts the member admin's). */
const ownOf = (f: Fixture, as: Principal) =>
  f.jurisdictionOf[as] ?? f.jurisdictionOf.member_admin ?? "";

const campaign = (f: Fixture) => `/admin/campaigns/${f.campaign.slug}`;
const action = (f: Fixture, kind: keyof Fixture["campaign"]["actionOf"]) =>
  `/campaigns/${f.campaign.slug}/actions/${f.campaign.actionOf[kind]}`;

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
];

export const CAMPAIGN_READ_ROUTES: ReadRoute[] = [
  { route: "/admin/campaigns", allowed: STAFF },
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
];
