// Who took part in a campaign, counted once per member however many actions it took: the figures
// of the dashboard, the public results page, the API and the CSV all come from here.
import type { Kysely } from "kysely";
import type { ActionKind, DB } from "../../db/index.js";
import { type JurisdictionRef, jurisdictionsByIds } from "../../members/index.js";
import { actionsOf } from "../actions.queries.js";
import { todayIn } from "../campaign.status.js";
import { chooseText } from "../campaign.text.js";
import type { CampaignWithTexts } from "../campaigns.queries.js";
import { countingParticipations } from "../participation.queries.js";

export interface ActionTally {
  id: string;
  kind: ActionKind;
  title: string;
  titleLocale: string;
  count: number;
}

export interface Participant {
  jurisdiction: JurisdictionRef;
  /** The actions it took part in, by id. */
  actionIds: string[];
  /** When it first took part (ISO). */
  firstAt: string;
  isDemo: boolean;
}

export interface CampaignResults {
  /** Members that took part in at least one action. */
  members: number;
  goal: number | null;
  actions: ActionTally[];
  /** Members taking part, by state, most first. */
  byState: { state: string; count: number }[];
  /** Members taking part so far at the end of each day (the campaign's time zone) with any. */
  overTime: { day: string; count: number }[];
  participants: Participant[];
  /** Whether any counted participation is demo data. */
  demo: boolean;
}

export async function campaignResults(
  db: Kysely<DB>,
  campaign: CampaignWithTexts,
  locale: string,
): Promise<CampaignResults> {
  const actions = await actionsOf(db, campaign.id);
  const rows = await countingParticipations(
    db,
    actions.map((a) => a.id),
  );
  const places = new Map(
    (
      await jurisdictionsByIds(
        db,
        rows.map((r) => r.jurisdiction_id),
      )
    ).map((j) => [j.id, j]),
  );
  const byMember = new Map<string, Participant>();
  for (const row of rows) {
    const jurisdiction = places.get(row.jurisdiction_id);
    if (!jurisdiction) continue;
    const known = byMember.get(row.jurisdiction_id);
    if (known) {
      known.actionIds.push(row.action_id);
      if (row.created_at < known.firstAt) known.firstAt = row.created_at;
      known.isDemo ||= row.is_demo === 1;
    } else {
      byMember.set(row.jurisdiction_id, {
        jurisdiction,
        actionIds: [row.action_id],
        firstAt: row.created_at,
        isDemo: row.is_demo === 1,
      });
    }
  }
  const participants = [...byMember.values()].sort((a, b) =>
    a.jurisdiction.name.localeCompare(b.jurisdiction.name, "en"),
  );
  const states = new Map<string, number>();
  for (const p of participants)
    states.set(p.jurisdiction.state, (states.get(p.jurisdiction.state) ?? 0) + 1);
  const days = new Map<string, number>();
  for (const p of participants) {
    const day = todayIn(campaign.time_zone, new Date(p.firstAt));
    days.set(day, (days.get(day) ?? 0) + 1);
  }
  let running = 0;
  const overTime = [...days.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, count]) => {
      running += count;
      return { day, count: running };
    });
  return {
    members: participants.length,
    goal: campaign.goal_members,
    actions: actions.map((a) => {
      const text = chooseText(a.texts, locale)?.text;
      return {
        id: a.id,
        kind: a.kind,
        title: text?.title ?? a.kind,
        titleLocale: text?.locale ?? "en",
        count: participants.filter((p) => p.actionIds.includes(a.id)).length,
      };
    }),
    byState: [...states.entries()]
      .map(([state, count]) => ({ state, count }))
      .sort((a, b) => b.count - a.count || a.state.localeCompare(b.state)),
    overTime,
    participants,
    demo: participants.some((p) => p.isDemo),
  };
}
