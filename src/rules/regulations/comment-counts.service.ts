// The docket's own count, so a campaign can set the comments its members filed beside what the
// agency received: Regulations.gov's count of comments on each watched rule's document, asked a
// few times a day (reading costs one of the key's ~1,000 requests an hour per rule: a handful).
import type { Kysely } from "kysely";
import type { DB } from "../../db/index.js";
import { addDays, easternToday } from "../rule.dates.js";
import { rulesToCount, setCommentsCount } from "../rules.queries.js";
import type { RegulationsClient } from "./regulations.client.js";

/** Closed rules are still counted this long: the agency posts what it received for weeks. */
const COUNT_AFTER_CLOSE_DAYS = 90;

export interface CountReport {
  counted: number;
  unknown: number;
  failed: number;
}

export async function refreshCommentCounts(
  db: Kysely<DB>,
  client: Pick<RegulationsClient, "commentCount">,
  now = new Date(),
): Promise<CountReport> {
  const report: CountReport = { counted: 0, unknown: 0, failed: 0 };
  const since = addDays(easternToday(now), -COUNT_AFTER_CLOSE_DAYS);
  for (const rule of await rulesToCount(db, since)) {
    try {
      const count = await client.commentCount(rule.regulationsDocumentId ?? "");
      // Unknown (no such document, or no answer): its last count stays.
      if (count === null) {
        report.unknown++;
        continue;
      }
      await setCommentsCount(db, rule.id, count, now.toISOString());
      report.counted++;
    } catch {
      // One document's failure (a 429, the API down) leaves its last count; the next round asks.
      report.failed++;
    }
  }
  return report;
}
