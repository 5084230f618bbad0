// One open, published campaign with an action of each kind: what the authorization and
// hostile-input tables post to.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { eventSettings } from "../../src/campaigns/event/event.fixtures.js";
import { saveEvent } from "../../src/campaigns/event/event.queries.js";
import { insertGraphic, replaceAlts } from "../../src/campaigns/graphics/graphics.queries.js";
import type { DB } from "../../src/db/index.js";
import { buildAction, buildCampaign } from "./campaigns.js";
import { buildCommentAction, buildRule } from "./comments.js";

export interface CampaignFixture {
  slug: string;
  actionOf: { letter: string; event: string; social: string; comment: string };
  /** The federal rule the comment action is on. */
  rule: string;
  /** A graphic of the social push (its row only: no file is needed to edit or delete it). */
  graphic: string;
}

/** The placeholders of the routes as registered ("/campaigns/:slug/actions/:action/sign"). */
export const CAMPAIGN_ROUTE_PARAMS: CampaignFixture = {
  slug: ":slug",
  actionOf: { letter: ":action", event: ":action", social: ":action", comment: ":action" },
  rule: ":rule",
  graphic: ":graphic",
};

export async function buildCampaignFixture(db: Kysely<DB>): Promise<CampaignFixture> {
  const campaign = await buildCampaign(db);
  const letter = await buildAction(db, campaign, "letter");
  const event = await buildAction(db, campaign, "event");
  // Its details, open to the public's RSVPs, so every event route has an event to act on.
  await saveEvent(db, event.id, eventSettings({ public_rsvp: 1 }), 0);
  const social = await buildAction(db, campaign, "social");
  const graphic = randomUUID();
  await insertGraphic(db, {
    id: graphic,
    action_id: social.id,
    sha256: "0".repeat(64),
    media_type: "image/png",
    bytes: 100,
    width: 10,
    height: 10,
    created_at: new Date().toISOString(),
  });
  await replaceAlts(db, graphic, { en: "A map of member cities" });
  const rule = await buildRule(db);
  const comment = await buildCommentAction(db, campaign, rule);
  return {
    slug: campaign.slug,
    rule: rule.id,
    actionOf: { letter: letter.id, event: event.id, social: social.id, comment: comment.id },
    graphic,
  };
}
