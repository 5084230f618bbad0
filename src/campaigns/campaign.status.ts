// What a campaign is now, as people see it: the stored status says whether staff published or
// closed it; the dates (days in the campaign's own time zone) say whether it has begun or ended.
import type { CampaignStatus } from "../db/index.js";

export type ShownStatus = "draft" | "scheduled" | "open" | "closed" | "archived";

export interface Dated {
  status: CampaignStatus;
  starts_on: string;
  ends_on: string;
  time_zone: string;
}

// Making an Intl.DateTimeFormat costs far more than formatting with one (about a millisecond:
// the write bench's profile found it on every signature), so one is kept per zone.
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** Today's date, YYYY-MM-DD, in `timeZone` ("en-CA" writes dates that way). */
export function todayIn(timeZone: string, now: Date): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    dayFormats.set(timeZone, format);
  }
  return format.format(now);
}

/**
 * A published campaign is scheduled until its first day begins in its time zone, open through
 * its last day, and closed after it even before staff close it by hand.
 */
export function shownStatus(campaign: Dated, now: Date): ShownStatus {
  if (campaign.status !== "published") return campaign.status;
  const today = todayIn(campaign.time_zone, now);
  if (today < campaign.starts_on) return "scheduled";
  if (today > campaign.ends_on) return "closed";
  return "open";
}

/** Whether a closed campaign's figures can no longer change. */
export const isSettled = (shown: ShownStatus) => shown === "closed" || shown === "archived";
