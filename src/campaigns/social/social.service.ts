// A social push: staff's messages, each checked by its platform's counting rule before it is
// saved; and the posts members report, each an address on its platform, recorded while the
// campaign is open and counting the member as taking part (once, however many posts).
import type { Kysely } from "kysely";
import { recordAudit } from "../../audit/index.js";
import type { DB } from "../../db/index.js";
import { appError } from "../../http/errors.js";
import { LOCALE_TAGS } from "../manage/manage.schema.js";
import { upsertParticipation } from "../participation.queries.js";
import { whileOpen } from "../participation.service.js";
import { countFor } from "./count.js";
import { isPostUrl, PLATFORMS, type Platform } from "./platforms.js";
import { insertPost, type MessageText, messagesOf, replaceMessages } from "./social.queries.js";
import { messageField } from "./social.schema.js";

export interface OverLimit {
  field: string;
  platform: Platform;
  length: number;
  limit: number;
}

/** The messages a form holds (empty ones left out), and those over their platform's limit. */
export function checkMessages(values: Readonly<Record<string, unknown>>): {
  messages: MessageText[];
  over: OverLimit[];
} {
  const messages: MessageText[] = [];
  const over: OverLimit[] = [];
  for (const platform of PLATFORMS) {
    for (const locale of LOCALE_TAGS) {
      const field = messageField(platform, locale);
      const body = values[field];
      if (typeof body !== "string" || body === "") continue;
      const count = countFor(platform, body);
      if (!count.ok) over.push({ field, platform, length: count.length, limit: count.limit });
      messages.push({ platform, locale, body });
    }
  }
  return { messages, over };
}

export interface Actor {
  id: string;
  email: string;
}

/** Replaces an action's messages, with an audit entry of before and after. */
export async function saveMessages(
  db: Kysely<DB>,
  actor: Actor,
  campaign: { status: string },
  actionId: string,
  messages: readonly MessageText[],
  now = new Date(),
): Promise<void> {
  // An archived campaign is the record of what was done: nothing in it changes any more.
  if (campaign.status === "archived") throw appError("campaign_closed");
  await db.transaction().execute(async (trx) => {
    const before = (await messagesOf(trx, actionId)).map(({ platform, locale, body }) => ({
      platform,
      locale,
      body,
    }));
    await replaceMessages(trx, actionId, messages, now.toISOString());
    await recordAudit(
      trx,
      {
        actor,
        action: "campaign.social.messages",
        entity: "campaign_action",
        entityId: actionId,
        before,
        after: messages,
      },
      now,
    );
  });
}

/**
 * The address a post is kept under, so that one post is one row: the fragment and the query
 * (share trackers such as ?s=20) dropped, and a trailing slash; Facebook's permalink.php and
 * story.php keep their query, which names the post. Null when it is not a post of `platform`.
 */
export function postAddress(platform: Platform, value: string): string | null {
  if (!isPostUrl(platform, value)) return null;
  const url = new URL(value);
  url.hash = "";
  const named = platform === "facebook" && /^\/(?:permalink|story)\.php$/.test(url.pathname);
  if (named) {
    const story = url.searchParams.get("story_fbid") ?? "";
    const id = url.searchParams.get("id");
    url.search = "";
    url.searchParams.set("story_fbid", story);
    if (id) url.searchParams.set("id", id);
  } else {
    url.search = "";
  }
  if (url.pathname.length > 1) url.pathname = url.pathname.replace(/\/+$/, "");
  return url.href;
}

export interface Report {
  campaignId: string;
  actionId: string;
  jurisdictionId: string;
  userId: string;
  platform: Platform;
  /** As postAddress gives it. */
  url: string;
}

/**
 * Records a reported post while the campaign is open (409 otherwise) and counts the member as
 * taking part. "taken" when another member had reported that address: nothing is recorded.
 */
export async function reportPost(
  db: Kysely<DB>,
  report: Report,
  now = new Date(),
): Promise<"recorded" | "taken"> {
  return whileOpen(
    db,
    report.campaignId,
    async (trx) => {
      const at = now.toISOString();
      const row = await insertPost(trx, {
        actionId: report.actionId,
        jurisdictionId: report.jurisdictionId,
        platform: report.platform,
        url: report.url,
        userId: report.userId,
        now: at,
      });
      if (row.jurisdiction_id !== report.jurisdictionId) return "taken";
      await upsertParticipation(trx, {
        actionId: report.actionId,
        jurisdictionId: report.jurisdictionId,
        userId: report.userId,
        now: at,
      });
      return "recorded";
    },
    now,
  );
}
