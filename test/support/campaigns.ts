// Builders for campaigns: a campaign with its English text (and others when given), and its
// actions. Each inserts rows with unique defaults, overridden by what the test is about.
import { randomUUID } from "node:crypto";
import type { Insertable, Selectable } from "kysely";
import type { ActionKind, CampaignsTable } from "../../src/db/index.js";
import { dbOf, type Target } from "./builders.js";

export type Campaign = Selectable<CampaignsTable>;

let n = 0;

/** A YYYY-MM-DD day `days` from today (UTC). */
export function dayFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

export interface CampaignOptions extends Partial<Insertable<CampaignsTable>> {
  /** Texts by locale; English gets a default title and summary. */
  texts?: Record<
    string,
    { title: string; summary?: string; body?: string; status?: "draft" | "ready" }
  >;
}

/** A published campaign open today (a week either side), unless overridden. */
export async function buildCampaign(
  target: Target,
  options: CampaignOptions = {},
): Promise<Campaign> {
  const db = dbOf(target);
  n += 1;
  const { texts, ...overrides } = options;
  const now = new Date().toISOString();
  const row: Insertable<CampaignsTable> = {
    id: randomUUID(),
    slug: `campaign-${n}-${randomUUID().slice(0, 6)}`,
    status: "published",
    starts_on: dayFromNow(-7),
    ends_on: dayFromNow(7),
    time_zone: "America/New_York",
    topics: "public charge",
    goal_members: 60,
    visibility: "public",
    created_by: null,
    created_at: now,
    updated_at: now,
    published_at: now,
    closed_at: null,
    results_published_at: null,
    ...overrides,
  };
  await db.insertInto("campaigns").values(row).execute();
  const all: NonNullable<CampaignOptions["texts"]> = {
    en: { title: `Campaign ${n}`, summary: `Summary ${n}` },
    ...texts,
  };
  for (const [locale, text] of Object.entries(all)) {
    await db
      .insertInto("campaign_texts")
      .values({
        campaign_id: row.id,
        locale,
        title: text.title,
        summary: text.summary ?? `Summary ${n}`,
        body: text.body ?? "",
        status: text.status ?? "ready",
        updated_at: now,
      })
      .execute();
  }
  return db.selectFrom("campaigns").selectAll().where("id", "=", row.id).executeTakeFirstOrThrow();
}

/** An action of `campaign` with an English title (and body). */
export async function buildAction(
  target: Target,
  campaign: { id: string },
  kind: ActionKind = "letter",
  text: { title?: string; body?: string } = {},
): Promise<{ id: string; kind: ActionKind }> {
  const db = dbOf(target);
  n += 1;
  const id = randomUUID();
  const now = new Date().toISOString();
  await db
    .insertInto("campaign_actions")
    .values({ id, campaign_id: campaign.id, kind, position: n, created_at: now, updated_at: now })
    .execute();
  await db
    .insertInto("action_texts")
    .values({
      action_id: id,
      locale: "en",
      title: text.title ?? `Action ${n}`,
      body: text.body ?? "",
      updated_at: now,
    })
    .execute();
  return { id, kind };
}
