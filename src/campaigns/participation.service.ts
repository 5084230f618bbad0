// Taking part, for every kind of action: the campaign must be open when the change is written,
// not only when the form was shown, so each act runs in a transaction that reads the campaign's
// status first. A campaign closed a moment before refuses, with the same message as the form.
// On SQLite the transaction may share its commit with other acts made at the same moment
// (db/group-commit.ts): one wait for the disk for all of them.
import type { Kysely } from "kysely";
import { type DB, groupedTransaction } from "../db/index.js";
import { appError } from "../http/errors.js";
import { shownStatus } from "./campaign.status.js";
import { campaignDates } from "./campaigns.queries.js";

/**
 * Runs `act` in a transaction once the campaign is open (409 `campaign_not_started` or
 * `campaign_closed` otherwise), and returns what it returns.
 */
export async function whileOpen<T>(
  db: Kysely<DB>,
  campaignId: string,
  act: (trx: Kysely<DB>) => Promise<T>,
  now = new Date(),
): Promise<T> {
  return groupedTransaction(db, async (trx) => {
    const campaign = await campaignDates(trx, campaignId);
    if (!campaign) throw appError("not_found");
    const shown = shownStatus(campaign, now);
    if (shown === "scheduled") throw appError("campaign_not_started");
    if (shown !== "open") throw appError("campaign_closed");
    return act(trx);
  });
}
