// What the search index holds of campaigns (issue 14): a campaign is found exactly when the
// public can open its page (the policy's `view` for a visitor: published, closed or archived, and
// public, not members only), once per language whose text staff marked ready. Every write that
// changes any of it calls `reindexCampaigns` in its own transaction (manage.service.ts, the seed).
import type { Kysely } from "kysely";
import type { DB } from "../db/index.js";
import { reindexSearch, type SearchDocument, type SearchSource, topicId } from "../search/index.js";
import { markdownText } from "../views/markdown.js";
import { shownStatus } from "./campaign.status.js";
import { can } from "./campaigns.policy.js";
import { type CampaignWithTexts, campaignIds, campaignsByIds } from "./campaigns.queries.js";

/** Whether a visitor who is not signed in may open the campaign's page. */
function publicCanSee(campaign: CampaignWithTexts): boolean {
  // Any instant will do: only a draft is hidden, and the dates never make a campaign a draft.
  const status = shownStatus(campaign, new Date());
  return can(null, "view", { status, visibility: campaign.visibility }) === true;
}

/** "public charge, Flores" → ["public_charge", "flores"]. */
export function campaignTopics(topics: string): string[] {
  return [
    ...new Set(
      topics
        .split(",")
        .map((t) => t.trim())
        .filter(Boolean)
        .map(topicId),
    ),
  ];
}

function documentsOf(campaign: CampaignWithTexts): SearchDocument[] {
  if (!publicCanSee(campaign)) return [];
  const topics = campaignTopics(campaign.topics);
  return campaign.texts
    .filter((text) => text.status === "ready")
    .map((text) => ({
      refId: campaign.id,
      locale: text.locale,
      type: "campaign",
      slug: campaign.slug,
      path: `/campaigns/${campaign.slug}`,
      title: text.title,
      // The summary is plain text on the page; the body is Markdown.
      summary: text.summary,
      body: markdownText(text.body),
      topics,
      dated: campaign.starts_on,
      visibleFrom: null,
      isDemo: campaign.is_demo === 1,
    }));
}

export const campaignSearchSource: SearchSource = {
  name: "campaigns",
  ids: campaignIds,
  async documents(db, ids) {
    return (await campaignsByIds(db, ids)).flatMap(documentsOf);
  },
};

/** The index made to hold what the public may find of these campaigns: in the change's transaction. */
export function reindexCampaigns(trx: Kysely<DB>, ids: readonly string[]): Promise<void> {
  return reindexSearch(trx, campaignSearchSource, ids);
}
