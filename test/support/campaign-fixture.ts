// One open, published campaign with an action of each kind: what the authorization and
// hostile-input tables post to.
import type { Kysely } from "kysely";
import type { DB } from "../../src/db/index.js";
import { buildAction, buildCampaign } from "./campaigns.js";

export interface CampaignFixture {
  slug: string;
  actionOf: { letter: string; event: string; social: string };
}

/** The placeholders of the routes as registered ("/campaigns/:slug/actions/:action/sign"). */
export const CAMPAIGN_ROUTE_PARAMS: CampaignFixture = {
  slug: ":slug",
  actionOf: { letter: ":action", event: ":action", social: ":action" },
};

export async function buildCampaignFixture(db: Kysely<DB>): Promise<CampaignFixture> {
  const campaign = await buildCampaign(db);
  const letter = await buildAction(db, campaign, "letter");
  const event = await buildAction(db, campaign, "event");
  const social = await buildAction(db, campaign, "social");
  return {
    slug: campaign.slug,
    actionOf: { letter: letter.id, event: event.id, social: social.id },
  };
}
