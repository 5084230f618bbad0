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
];

/** Campaign POST routes not attacked above, each with the reason. */
export const CAMPAIGN_NOT_ATTACKED: Record<string, string> = {
  "/admin/campaigns/:slug/status": "a status from a fixed list (the buttons' values)",
  "/campaigns/:slug/actions/:action/withdraw": "the jurisdiction's id (a hidden field), matched",
};
