// The demo campaigns, written by the first-start seed (seed-demo.ts) in its transaction, after
// the demo roster: the coalition's own "public charge" week of action and Flores comments
// (closed, results published), and one campaign open around today so a member's way of taking
// part can be tried on a fresh start. Everything is labelled demo (campaigns and
// participations); participation comes from the demo roster, which is far smaller than the
// real coalition, so the counts are the roster's, never the overview's "over 50".
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { ActionKind, DB, SocialPlatform } from "../db/index.js";
import { findLocale, translator } from "../i18n/index.js";
import { demoJurisdictions, type JurisdictionRef } from "../members/index.js";
import { ruleByNumber } from "../rules/index.js";
import { insertAction, saveActionText } from "./actions.queries.js";
import { findCampaignBySlug, insertCampaign, saveCampaignText } from "./campaigns.queries.js";
import {
  FLORES,
  PUBLIC_CHARGE,
  type SeedCampaignWords,
  type SeedLocale,
  TPS_DED,
} from "./campaigns.seed.texts.js";
import { insertDraft, saveTemplate, setCommentActionRule } from "./comment/comment.queries.js";
import { insertEventDetails, putRsvp } from "./event/event.queries.js";
import { upsertParticipation } from "./participation.queries.js";
import { reindexCampaigns } from "./search.source.js";
import { insertPost, insertSocialMessage } from "./social/social.queries.js";
import { zonedToInstant } from "./zoned-time.js";

export const DEMO_CAMPAIGN_SLUGS = {
  publicCharge: "public-charge-week-of-action",
  flores: "flores-comments",
  open: "tps-ded-immigrant-youth-demo",
} as const;

const ZONE = "America/New_York";
const LOCALES: SeedLocale[] = ["en", "es", "zh-Hans"];
const DAY = 86_400_000;

/** The calendar day `days` from `now`, YYYY-MM-DD, in the campaign's zone. */
function dayIn(now: Date, days: number): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date(now.getTime() + days * DAY));
}

interface DemoEvent {
  /** Wall time in ZONE, YYYY-MM-DDTHH:mm. */
  local: string;
  minutes: number;
}

interface DemoCampaign {
  slug: string;
  words: SeedCampaignWords;
  startsOn: string;
  endsOn: string;
  topics: string;
  goal: number | null;
  closed: boolean;
  /** The actions in order, each with which demo members (by index on the roster) took part. */
  actions: {
    kind: ActionKind;
    takesPart: (index: number) => boolean;
    /** A comment action's rule, by its Federal Register document number (rules' demo seed). */
    rule?: string;
  }[];
  event?: DemoEvent;
}

/**
 * The real campaigns' dates are not in the overview: these are approximate (the proposed
 * rules' comment periods closed on 2018-12-10 and 2018-11-06), stated as demo like the rest.
 */
function demoCampaigns(now: Date): DemoCampaign[] {
  const eventDay = dayIn(now, 5);
  return [
    {
      slug: DEMO_CAMPAIGN_SLUGS.flores,
      words: FLORES,
      startsOn: "2018-10-22",
      endsOn: "2018-11-06",
      topics: "family separation, Flores, children",
      goal: null,
      closed: true,
      actions: [{ kind: "comment", rule: "2018-19052", takesPart: (i) => i % 2 === 1 }],
    },
    {
      slug: DEMO_CAMPAIGN_SLUGS.publicCharge,
      words: PUBLIC_CHARGE,
      startsOn: "2018-12-03",
      endsOn: "2018-12-07",
      topics: "public charge",
      goal: 50,
      closed: true,
      actions: [
        { kind: "letter", takesPart: (i) => i % 5 !== 4 },
        { kind: "event", takesPart: (i) => i % 3 !== 2 },
        { kind: "social", takesPart: (i) => i % 2 === 0 },
      ],
      event: { local: "2018-12-05T14:00", minutes: 60 },
    },
    {
      slug: DEMO_CAMPAIGN_SLUGS.open,
      words: TPS_DED,
      startsOn: dayIn(now, -2),
      endsOn: dayIn(now, 12),
      topics: "TPS, DED, immigrant youth",
      goal: 15,
      closed: false,
      // Nobody has signed the letter yet, so every demo member admin can try signing it.
      actions: [
        { kind: "letter", takesPart: () => false },
        { kind: "event", takesPart: (i) => i % 4 === 0 },
        { kind: "social", takesPart: (i) => i % 3 === 0 },
        { kind: "comment", rule: "DEMO-2026-001", takesPart: () => false },
      ],
      event: { local: `${eventDay}T14:00`, minutes: 60 },
    },
  ];
}

async function seedOne(
  trx: Kysely<DB>,
  demo: DemoCampaign,
  roster: JurisdictionRef[],
  now: Date,
): Promise<string> {
  const stamp = now.toISOString();
  const id = randomUUID();
  // The closed ones were published, closed and had their results published after their end.
  const after = (day: string) => `${day}T23:00:00.000Z`;
  await insertCampaign(trx, {
    id,
    slug: demo.slug,
    status: demo.closed ? "closed" : "published",
    starts_on: demo.startsOn,
    ends_on: demo.endsOn,
    time_zone: ZONE,
    topics: demo.topics,
    goal_members: demo.goal,
    visibility: "public",
    signatories_public: 1,
    is_demo: 1,
    created_by: null,
    created_at: stamp,
    updated_at: stamp,
    published_at: demo.closed ? `${demo.startsOn}T12:00:00.000Z` : stamp,
    closed_at: demo.closed ? after(demo.endsOn) : null,
    results_published_at: demo.closed ? after(demo.endsOn) : null,
  });
  for (const locale of LOCALES) {
    await saveCampaignText(trx, {
      campaign_id: id,
      locale,
      ...demo.words.campaign[locale],
      status: "ready",
      updated_at: stamp,
    });
  }
  for (const action of demo.actions) {
    const actionId = randomUUID();
    await insertAction(trx, { id: actionId, campaignId: id, kind: action.kind, now: stamp });
    for (const locale of LOCALES) {
      const text = demo.words.actions[action.kind]?.[locale];
      if (text)
        await saveActionText(trx, { action_id: actionId, locale, ...text, updated_at: stamp });
    }
    if (action.kind === "event" && demo.event) {
      const starts = zonedToInstant(demo.event.local, ZONE);
      await insertEventDetails(trx, {
        action_id: actionId,
        starts_at: starts.toISOString(),
        ends_at: new Date(starts.getTime() + demo.event.minutes * 60_000).toISOString(),
        time_zone: ZONE,
        // The real link and dial-in are the organisers' to fill in; none is made up here.
        join_url: null,
        dial_in: null,
        capacity: null,
        cancelled_at: null,
      });
    }
    if (action.kind === "social" && demo.words.social) {
      for (const locale of LOCALES) {
        const messages = Object.entries(demo.words.social[locale]) as [SocialPlatform, string][];
        for (const [platform, body] of messages) {
          await insertSocialMessage(trx, {
            id: randomUUID(),
            action_id: actionId,
            platform,
            locale,
            body,
            updated_at: stamp,
          });
        }
      }
    }
    const rule = action.rule ? await ruleByNumber(trx, action.rule) : undefined;
    if (rule) await seedCommentAction(trx, actionId, rule.id, stamp);
    // Closed campaigns: members took part during the campaign; the open one: today.
    const actedAt = demo.closed ? `${demo.startsOn}T16:00:00.000Z` : stamp;
    for (const [index, member] of roster.entries()) {
      if (!action.takesPart(index)) continue;
      // What the kind itself keeps goes with the count, so pages that list RSVPs or posts agree
      // with it: a demo staff RSVP (attended, once the campaign is over), a demo post address.
      if (action.kind === "event") {
        await putRsvp(trx, {
          actionId,
          jurisdictionId: member.id,
          userId: null,
          name: `Demo staff, ${member.name}`,
          email: `demo.rsvp.${member.slug}@example.org`,
          locale: "en",
          status: "going",
          tokenHash: null,
          now: actedAt,
        });
      }
      if (action.kind === "social") {
        await insertPost(trx, {
          actionId,
          jurisdictionId: member.id,
          platform: "x",
          url: `https://x.com/demo_${member.slug.replaceAll("-", "_")}/status/${1_000_000 + index}`,
          userId: null,
          now: actedAt,
        });
      }
      if (action.kind === "comment" && rule) {
        await insertDraft(trx, {
          actionId,
          jurisdictionId: member.id,
          locale: "en",
          body: `${member.name}: a demo comment on "${rule.title}", made up for the demo.`,
          userId: null,
          isDemo: true,
          now: actedAt,
          // Tracking numbers that cannot be mistaken for Regulations.gov's.
          filed: { trackingNumber: `demo-${String(index + 1).padStart(4, "0")}`, at: actedAt },
        });
      }
      await upsertParticipation(trx, {
        actionId,
        jurisdictionId: member.id,
        userId: null,
        signerName: action.kind === "letter" ? "Demo signer" : null,
        signerTitle: action.kind === "letter" ? "Mayor or County Executive" : null,
        isDemo: true,
        now: actedAt,
      });
    }
  }
  return id;
}

/** A demo comment action: its rule, and the coalition's template in every language. */
async function seedCommentAction(trx: Kysely<DB>, actionId: string, ruleId: string, now: string) {
  await setCommentActionRule(trx, actionId, ruleId, now);
  for (const locale of LOCALES) {
    const found = findLocale(locale);
    if (!found) continue;
    const body = translator(found)("campaign-comments.from_rule.template");
    await saveTemplate(trx, { actionId, locale, body, now });
  }
}

/**
 * Writes the demo campaigns, with the demo roster's participation. Run inside the first-start
 * seed's transaction, after the demo members. Writes nothing when they are already there, so
 * running it twice adds nothing. Returns how many campaigns it wrote.
 */
export async function seedDemoCampaigns(trx: Kysely<DB>, now = new Date()): Promise<number> {
  if (await findCampaignBySlug(trx, DEMO_CAMPAIGN_SLUGS.publicCharge)) return 0;
  const roster = await demoJurisdictions(trx);
  const campaigns = demoCampaigns(now);
  const ids: string[] = [];
  for (const demo of campaigns) ids.push(await seedOne(trx, demo, roster, now));
  // Found at once, even where the index was built before the seed (`cfa seed` later).
  await reindexCampaigns(trx, ids);
  return campaigns.length;
}
