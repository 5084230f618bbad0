import type { FastifyInstance } from "fastify";
import { registerAdminEntry } from "../http/admin-home.js";
import { campaignsApi } from "./api/campaigns.api.js";
import { CAMPAIGN_EDITORS } from "./campaigns.policy.js";
import { commentFeature } from "./comment/comment.plugin.js";
import { eventFeature } from "./event/event.plugin.js";
import { graphicsRoutes } from "./graphics/graphics.routes.js";
import { letterRoutes } from "./letter/letter.routes.js";
import { actionRoutes } from "./manage/actions.routes.js";
import { manageRoutes } from "./manage/manage.routes.js";
import { campaignsRoutes } from "./public/campaigns.routes.js";
import { letterPdfRoutes } from "./results/letter-pdf.routes.js";
import { resultsRoutes } from "./results/results.routes.js";
import { socialRoutes } from "./social/social.routes.js";

export { CampaignDates, StatusTag } from "./campaign.view.js";
export { DEMO_CAMPAIGN_SLUGS, seedDemoCampaigns } from "./campaigns.seed.js";
// For app.ts to hand to rules/: a campaign ending with its rule's comment period follows it.
export { followRuleDeadline } from "./comment/comment.admin.service.js";
// For app.ts to hand to searchFeature: what the search index holds of campaigns.
export { campaignSearchSource } from "./search.source.js";
// The resource library's message sets use the one implementation of counts, copy and share links.
export { shownMessage } from "./social/social.panel.js";
export { Message as SocialMessage, type ShownMessage } from "./social/social.view.js";
export { type RecentCampaign, recentCampaigns } from "./timeline/timeline.service.js";

/** Campaigns: staff prepare and run them, members take part, everyone sees the results. */
export async function campaignsFeature(app: FastifyInstance) {
  registerAdminEntry(app, {
    id: "campaigns",
    title: "campaigns.admin.title",
    description: "campaigns.admin.entry",
    href: "/admin/campaigns",
    roles: CAMPAIGN_EDITORS,
    order: 15,
  });
  await app.register(campaignsRoutes);
  await app.register(letterRoutes);
  await app.register(manageRoutes);
  await app.register(actionRoutes);
  await app.register(eventFeature);
  await app.register(socialRoutes);
  await app.register(graphicsRoutes);
  await app.register(resultsRoutes);
  await app.register(campaignsApi);
  await app.register(letterPdfRoutes);
  await app.register(commentFeature);
}
// For resources/: a library's social messages are checked, counted and shown by the same rules
// (shownMessage, SocialMessage above).
export { MessageFields, messageId } from "./social/messages.view.js";
export { PLATFORM_INFO, PLATFORMS, type Platform } from "./social/platforms.js";
export { MessagesForm, messageField } from "./social/social.schema.js";
export { checkMessages } from "./social/social.service.js";
export { instantToZoned, zonedToInstant } from "./zoned-time.js";
