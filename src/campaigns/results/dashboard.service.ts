// What the staff's dashboard shows beyond the results: the members that have not taken part yet
// (the ones "Remind them" writes to), the day-by-day series the chart draws, and when members
// were last reminded.
import type { Kysely } from "kysely";
import { latestAuditAt } from "../../audit/index.js";
import type { DB } from "../../db/index.js";
import { type JurisdictionRef, memberJurisdictions } from "../../members/index.js";
import { todayIn } from "../campaign.status.js";
import type { CampaignWithTexts } from "../campaigns.queries.js";
import { type CampaignResults, campaignResults } from "./results.service.js";

/** The audit action of a reminder: the log says when the last one went, and by whom. */
export const REMIND_ACTION = "campaign.remind";

export interface Dashboard {
  results: CampaignResults;
  /** Current members that took part in no action yet, by name. */
  notActed: JurisdictionRef[];
  /** Members taking part by the end of each day of the campaign so far. */
  daily: { day: string; count: number }[];
  /** When members were last reminded (ISO), if ever. */
  lastReminder?: string;
}

/** The members that have not taken part in any of the campaign's actions. */
export async function membersNotActed(
  db: Kysely<DB>,
  results: Pick<CampaignResults, "participants">,
): Promise<JurisdictionRef[]> {
  const acted = new Set(results.participants.map((p) => p.jurisdiction.id));
  return (await memberJurisdictions(db)).filter((j) => !acted.has(j.id));
}

const addDay = (day: string) => {
  const next = new Date(`${day}T00:00:00.000Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
};

/**
 * Every day from `from` to `to` (YYYY-MM-DD) with the running total at its end: days without a
 * new member carry the total before them. Days of `overTime` outside the range are counted in
 * the first or last day shown.
 */
export function dailySeries(
  overTime: readonly { day: string; count: number }[],
  from: string,
  to: string,
): { day: string; count: number }[] {
  const series: { day: string; count: number }[] = [];
  let i = 0;
  let running = 0;
  for (let day = from; day <= to && series.length < 400; day = addDay(day)) {
    while (i < overTime.length && (overTime[i]?.day ?? "") <= day) {
      running = overTime[i]?.count ?? running;
      i++;
    }
    series.push({ day, count: running });
  }
  const last = series.at(-1);
  if (last && overTime.length) last.count = overTime.at(-1)?.count ?? last.count;
  return series;
}

export async function campaignDashboard(
  db: Kysely<DB>,
  campaign: CampaignWithTexts,
  locale: string,
  now = new Date(),
): Promise<Dashboard> {
  const results = await campaignResults(db, campaign, locale);
  const today = todayIn(campaign.time_zone, now);
  const firstDay = results.overTime[0]?.day;
  const from = firstDay && firstDay < campaign.starts_on ? firstDay : campaign.starts_on;
  const lastDay = results.overTime.at(-1)?.day ?? from;
  // Dates as YYYY-MM-DD text: the earliest and latest sort first and last.
  const end = [today, campaign.ends_on].sort()[0] ?? today;
  const to = [lastDay, end].sort().at(-1) ?? end;
  return {
    results,
    notActed: await membersNotActed(db, results),
    daily: to < from ? [] : dailySeries(results.overTime, from, to),
    lastReminder: await latestAuditAt(db, REMIND_ACTION, campaign.id),
  };
}
