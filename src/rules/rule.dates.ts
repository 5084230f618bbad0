// A comment period ends at the end of its last day in Eastern time (regulations.gov closes at
// 11:59 p.m. ET), so "today" and "days left" are counted on the calendar of America/New_York,
// whatever the server's or the reader's zone.
import type { FederalRule } from "./rules.queries.js";

export const DEADLINE_ZONE = "America/New_York";

const eastern = new Intl.DateTimeFormat("en-CA", {
  timeZone: DEADLINE_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The day it is in Eastern time at `now`, as YYYY-MM-DD. */
export function easternToday(now: Date): string {
  return eastern.format(now);
}

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

/** `day` moved by `days` calendar days. */
export function addDays(day: string, days: number): string {
  return new Date((dayNumber(day) + days) * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Whole days left to comment at `now`: 0 on the last day ("closes today"), negative once it has
 * passed.
 */
export function daysLeft(closesOn: string, now: Date): number {
  return Math.round(dayNumber(closesOn) - dayNumber(easternToday(now)));
}

/** Where a person comments: the API's comment_url, else Regulations.gov's page for the document. */
export function commentPageUrl(
  rule: Pick<FederalRule, "commentUrl" | "regulationsDocumentId">,
): string | null {
  if (rule.commentUrl) return rule.commentUrl;
  if (rule.regulationsDocumentId) {
    return `https://www.regulations.gov/commenton/${encodeURIComponent(rule.regulationsDocumentId)}`;
  }
  return null;
}
