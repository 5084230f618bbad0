// The coalition's timeline of actions, newest first, as other features show it (the home page's
// "Recent actions"): public campaigns that are published or closed, each with its title in the
// reader's language (or English, marked), its dates and status, and once staff published its
// results, how many members took part.
import type { Kysely } from "kysely";
import type { DB } from "../../db/index.js";
import { actionsOfCampaigns } from "../actions.queries.js";
import { type ShownStatus, shownStatus } from "../campaign.status.js";
import { chooseText } from "../campaign.text.js";
import { publishedCampaigns } from "../campaigns.queries.js";
import { countingParticipations } from "../participation.queries.js";

export interface RecentCampaign {
  slug: string;
  title: string;
  summary: string;
  /** The language the title and summary are in. */
  textLocale: string;
  /** True when that is not the language asked for (its translation is missing or a draft). */
  fallback: boolean;
  startsOn: string;
  endsOn: string;
  timeZone: string;
  shown: ShownStatus;
  /** Members that took part, counted once however many actions: only once results are published. */
  members?: number;
  isDemo: boolean;
}

/** Members that took part in any of a campaign's actions. */
async function membersOf(db: Kysely<DB>, campaignId: string): Promise<number> {
  const actions = await actionsOfCampaigns(db, [campaignId]);
  const rows = await countingParticipations(
    db,
    actions.map((a) => a.id),
  );
  return new Set(rows.map((r) => r.jurisdiction_id)).size;
}

/**
 * The latest `limit` public campaigns that are published (scheduled or open) or closed, newest
 * first by their first day. Members-only campaigns, drafts and archived ones are left out: this
 * is shown to everyone.
 */
export async function recentCampaigns(
  db: Kysely<DB>,
  locale: string,
  limit = 3,
  now = new Date(),
): Promise<RecentCampaign[]> {
  const shownOnes = (await publishedCampaigns(db))
    .filter((c) => c.visibility === "public" && c.status !== "archived")
    .slice(0, limit);
  const recent: RecentCampaign[] = [];
  for (const campaign of shownOnes) {
    const chosen = chooseText(campaign.texts, locale);
    const resultsPublished = campaign.results_published_at !== null;
    recent.push({
      slug: campaign.slug,
      title: chosen?.text.title ?? campaign.slug,
      summary: chosen?.text.summary ?? "",
      textLocale: chosen?.text.locale ?? "en",
      fallback: chosen?.fallback ?? locale !== "en",
      startsOn: campaign.starts_on,
      endsOn: campaign.ends_on,
      timeZone: campaign.time_zone,
      shown: shownStatus(campaign, now),
      members: resultsPublished ? await membersOf(db, campaign.id) : undefined,
      isDemo: campaign.is_demo === 1,
    });
  }
  return recent;
}
