// The campaign forms of the hostile-input table (test/hostile-input.test.ts spreads them in):
// each form's URL, who posts it, a body it accepts, and the fields people type.
import { randomUUID } from "node:crypto";
import type { CampaignFixture } from "./campaign-fixture.js";
import { dayFromNow } from "./campaigns.js";

export interface CampaignForm {
  url: (f: { campaign: CampaignFixture; jurisdictionId: string }) => string;
  who: "anonymous" | "member_admin" | "coalition_admin";
  body: (f: { campaign: CampaignFixture; jurisdictionId: string }) => Record<string, string>;
  fields: string[];
  markup?: string[];
}

const campaignBody = (slug: string) => ({
  slug,
  // Open today: the fixture campaign is saved with this body and must stay open for the rows after.
  starts_on: dayFromNow(-7),
  ends_on: dayFromNow(7),
  time_zone: "America/New_York",
  topics: "public charge",
  goal_members: "60",
  visibility: "public",
  signatories_public: "yes",
  title_en: "Week of action",
  summary_en: "Members act together.",
  body_en: "We **act**.",
  title_es: "Semana de acción",
  summary_es: "Los miembros actúan juntos.",
  body_es: "",
  ready_es: "yes",
});

const CAMPAIGN_FIELDS = [
  "slug",
  "starts_on",
  "ends_on",
  "topics",
  "goal_members",
  "title_en",
  "summary_en",
  "body_en",
  "title_es",
  "summary_es",
];

export const CAMPAIGN_FORMS: CampaignForm[] = [
  {
    url: (f) => `/campaigns/${f.campaign.slug}/actions/${f.campaign.actionOf.comment}/comment`,
    who: "member_admin",
    body: (f) => ({ jurisdiction: f.jurisdictionId, version: "0", locale: "en", body: "Ours." }),
    fields: ["body"],
  },
  {
    url: (f) =>
      `/admin/campaigns/${f.campaign.slug}/actions/${f.campaign.actionOf.comment}/comment`,
    who: "coalition_admin",
    body: (f) => ({
      rule: f.campaign.rule,
      template_en: "On behalf of {{member.name}}: we oppose it.",
      template_es: "",
      "template_zh-Hans": "",
    }),
    fields: ["template_en", "template_es", "template_zh-Hans"],
  },
  {
    url: () => "/admin/campaigns/new",
    who: "coalition_admin",
    body: () => campaignBody(`hostile-${randomUUID().slice(0, 8)}`),
    fields: CAMPAIGN_FIELDS,
    markup: ["body_en"],
  },
  {
    url: (f) => `/admin/campaigns/${f.campaign.slug}`,
    who: "coalition_admin",
    body: (f) => campaignBody(f.campaign.slug),
    fields: CAMPAIGN_FIELDS,
    markup: ["body_en"],
  },
  {
    url: (f) => `/admin/campaigns/${f.campaign.slug}/actions/new`,
    who: "coalition_admin",
    body: () => ({ kind: "letter", title_en: "A letter", body_en: "Dear Secretary," }),
    fields: ["title_en", "body_en", "title_es"],
    markup: ["body_en"],
  },
  {
    url: (f) => `/admin/campaigns/${f.campaign.slug}/actions/${f.campaign.actionOf.letter}`,
    who: "coalition_admin",
    body: () => ({ kind: "letter", title_en: "The letter", body_en: "Dear Secretary," }),
    fields: ["title_en", "body_en", "title_zh-Hans"],
    markup: ["body_en"],
  },
  {
    url: (f) => `/campaigns/${f.campaign.slug}/actions/${f.campaign.actionOf.letter}/sign`,
    who: "member_admin",
    body: (f) => ({
      jurisdiction: f.jurisdictionId,
      signer_name: "Ana Pérez",
      signer_title: "Mayor",
    }),
    fields: ["signer_name", "signer_title"],
  },
  {
    url: (f) => `/admin/campaigns/${f.campaign.slug}/actions/${f.campaign.actionOf.event}/event`,
    who: "coalition_admin",
    body: () => ({
      time_zone: "America/Chicago",
      starts_at: "2030-01-15 13:00",
      ends_at: "2030-01-15 14:30",
      join_url: "https://meet.example.org/call",
      dial_in: "+1 555 0100, code 4242",
      capacity: "100",
      public_rsvp: "yes",
    }),
    fields: ["starts_at", "ends_at", "join_url", "dial_in", "capacity"],
  },
  {
    url: (f) => `/campaigns/${f.campaign.slug}/actions/${f.campaign.actionOf.event}/public-rsvp`,
    who: "anonymous",
    body: () => ({ name: "Ana Pérez", email: "ana.rsvp@example.org" }),
    fields: ["name", "email"],
  },
  // social push (src/campaigns/social): the long string is over the schema's bound of these
  // platforms (Facebook's is above it, so it is counted and accepted: not attacked with it).
  {
    url: (f) =>
      `/admin/campaigns/${f.campaign.slug}/actions/${f.campaign.actionOf.social}/messages`,
    who: "coalition_admin",
    body: () => ({ msg_x_en: "Cities stand together.", "msg_threads_zh-Hans": "城市团结一致。" }),
    fields: ["msg_x_en", "msg_linkedin_es", "msg_bluesky_zh-Hans"],
  },
  {
    url: (f) => `/campaigns/${f.campaign.slug}/actions/${f.campaign.actionOf.social}/report`,
    who: "member_admin",
    body: (f) => ({
      jurisdiction: f.jurisdictionId,
      platform: "bluesky",
      url: `https://bsky.app/profile/cityhall.bsky.social/post/${randomUUID().slice(0, 13).replace("-", "")}`,
    }),
    fields: ["url"],
  },
  // social push graphics (src/campaigns/graphics): the alt texts; the upload's are checked by
  // the same schema (AltForm).
  {
    url: (f) =>
      `/admin/campaigns/${f.campaign.slug}/actions/${f.campaign.actionOf.social}/graphics/${f.campaign.graphic}/alt`,
    who: "coalition_admin",
    body: () => ({ alt_en: "A map of member cities", "alt_zh-Hans": "成员城市地图" }),
    fields: ["alt_en", "alt_es", "alt_zh-Hans"],
  },
];

/** Campaign POST routes not attacked above, each with the reason. */
export const CAMPAIGN_NOT_ATTACKED: Record<string, string> = {
  "/admin/campaigns/from-rule": "a rule's id (a hidden field), looked up",
  "/campaigns/:slug/actions/:action/comment/approve":
    "the jurisdiction's id and a version number (hidden fields), matched",
  "/campaigns/:slug/actions/:action/comment/approver":
    "a colleague's id (a select), matched against the member's staff",
  "/campaigns/:slug/actions/:action/comment/file": "hidden fields only, matched",
  "/campaigns/:slug/actions/:action/comment/filed":
    "a tracking number, which needs an approved comment first: attacked in comment.test.ts",
  "/campaigns/:slug/actions/:action/comment/checked":
    "an outcome from a fixed list and a tracking number of the same schema as /filed's, which needs an unclear filing first",
  "/admin/campaigns/:slug/status": "a status from a fixed list (the buttons' values)",
  "/campaigns/:slug/actions/:action/withdraw": "the jurisdiction's id (a hidden field), matched",
  "/campaigns/:slug/actions/:action/rsvp":
    "the jurisdiction's id (hidden) and a colleague's id (a select), matched against the team",
  "/campaigns/:slug/actions/:action/rsvp/cancel":
    "the jurisdiction's id and a person's id (hidden fields), matched against the team",
  "/admin/campaigns/:slug/actions/:action/event/cancel": "no fields",
  "/admin/campaigns/:slug/actions/:action/event/rsvps":
    "ids of the listed RSVPs (a hidden field and checkboxes), matched against the event's",
  "/admin/campaigns/:slug/remind": "no fields (the campaign is in the path)",
  "/admin/campaigns/:slug/actions/:action/graphics":
    "a file (multipart), its type read from its bytes (graphics.test.ts); its alt texts share the alt-text form's schema, attacked above",
  "/admin/campaigns/:slug/actions/:action/graphics/:graphic/delete": "no fields",
};
