// The watch list's refresh (the "rules.refresh" job, index.ts): new open proposed rules from the
// agencies we follow are added, and every watched rule still taking comments is read again by
// its number, so an extension, a new title or docket, or a withdrawal reaches the site and what
// depends on the deadline (a campaign's last day) in one transaction.
import type { Kysely } from "kysely";
import type { DB } from "../db/index.js";
import {
  type FederalRegisterClient,
  type FederalRuleData,
  IMMIGRATION_AGENCIES,
  IMMIGRATION_TERM,
} from "./federal-register/fr.client.js";
import { easternToday } from "./rule.dates.js";
import {
  type FederalRule,
  insertRule,
  knownNumbers,
  lockRule,
  markWithdrawn,
  rulesToRefresh,
  touchFetched,
  updateRuleData,
} from "./rules.queries.js";
import { reindexRules } from "./search.source.js";

/** A rule's comment deadline moved (`before` → `after`), or the rule was withdrawn. */
export interface DeadlineChange {
  ruleId: string;
  documentNumber: string;
  before: string | null;
  after: string | null;
  withdrawn: boolean;
}

/**
 * Called inside the transaction that changes the rule: whatever it writes commits with the rule,
 * and if it throws, the rule is left as it was (and tried again on the next refresh).
 */
export type DeadlineListener = (trx: Kysely<DB>, change: DeadlineChange) => Promise<void>;

export interface RefreshReport {
  /** New rules added from the search. */
  found: number;
  /** Watched rules whose stored data changed (extensions and withdrawals included). */
  updated: number;
  /** Rules whose comment period now ends later. */
  extended: number;
  withdrawn: number;
  /** Searches and documents that could not be read or saved (tried again next time). */
  failed: number;
}

export interface RefreshOptions {
  now: Date;
  onDeadlineChange?: readonly DeadlineListener[];
  log?: { warn(details: object, message: string): void };
}

/** The searches of the watch list (fr.client.ts says why two). */
export const WATCH_SEARCHES = [
  { agencies: IMMIGRATION_AGENCIES.immigration },
  { agencies: IMMIGRATION_AGENCIES.departments, term: IMMIGRATION_TERM },
] as const;

/**
 * Withdrawal, read defensively (the Federal Register publishes a withdrawal as a new document and
 * the contract says nothing of the old one): a rule is withdrawn when an answer that read its
 * number fine for others no longer holds it (the API no longer has the document), or when the
 * document's own action says it is withdrawn. A failed request (timeout, 5xx) never withdraws
 * anything: it says nothing about the rule.
 */
const saysWithdrawn = (data: FederalRuleData) => /withdraw/i.test(data.action ?? "");

const LIST_FIELDS = ["agencies", "docketIds", "rins"] as const;
const PLAIN_FIELDS = [
  "title",
  "abstract",
  "type",
  "action",
  "citation",
  "publicationDate",
  "commentsCloseOn",
  "regulationsDocumentId",
  "commentsCount",
  "htmlUrl",
  "pdfUrl",
  "commentUrl",
] as const;

function differs(rule: FederalRule, data: FederalRuleData): boolean {
  return (
    PLAIN_FIELDS.some((f) => rule[f] !== data[f]) ||
    LIST_FIELDS.some((f) => JSON.stringify(rule[f]) !== JSON.stringify(data[f]))
  );
}

export async function refreshWatchList(
  db: Kysely<DB>,
  client: FederalRegisterClient,
  options: RefreshOptions,
): Promise<RefreshReport> {
  const report: RefreshReport = { found: 0, updated: 0, extended: 0, withdrawn: 0, failed: 0 };
  const listeners = options.onDeadlineChange ?? [];
  const now = options.now.toISOString();
  const today = easternToday(options.now);
  const fail = (details: object, error: unknown) => {
    report.failed++;
    options.log?.warn(
      { ...details, err: error instanceof Error ? error.message : String(error) },
      "rules.refresh: could not refresh",
    );
  };

  const fresh = new Map<string, FederalRuleData>();
  for (const search of WATCH_SEARCHES) {
    try {
      const rules = await client.openProposedRules({ ...search, closesOnOrAfter: today });
      for (const rule of rules) fresh.set(rule.documentNumber, rule);
    } catch (error) {
      fail({ search: search.agencies.join(",") }, error);
    }
  }

  const known = await knownNumbers(db);
  const added = new Set<string>();
  for (const [number, data] of fresh) {
    if (known.has(number)) continue;
    try {
      await db.transaction().execute(async (trx) => {
        await reindexRules(trx, [await insertRule(trx, data, { now })]);
      });
      added.add(number);
      report.found++;
    } catch (error) {
      // Another process added it a moment ago: it is there, which is all we wanted.
      if ((await knownNumbers(db)).has(number)) continue;
      fail({ documentNumber: number }, error);
    }
  }

  const watched = (await rulesToRefresh(db, today)).filter((r) => !added.has(r.documentNumber));
  const toRead = watched.filter((r) => !fresh.has(r.documentNumber)).map((r) => r.documentNumber);
  const missing = new Set<string>();
  const unreadable = new Set<string>();
  if (toRead.length) {
    try {
      const answer = await client.documents(toRead);
      for (const data of answer.found) fresh.set(data.documentNumber, data);
      for (const number of answer.missing) missing.add(number);
      for (const { documentNumber, reason } of answer.malformed) {
        unreadable.add(documentNumber);
        fail({ documentNumber }, reason);
      }
    } catch (error) {
      for (const number of toRead) unreadable.add(number);
      fail({ documents: toRead.length }, error);
    }
  }

  for (const rule of watched) {
    if (unreadable.has(rule.documentNumber)) continue;
    const fetched = fresh.get(rule.documentNumber);
    const withdrawn =
      missing.has(rule.documentNumber) || (fetched !== undefined && saysWithdrawn(fetched));
    if (!withdrawn && !fetched) continue;
    try {
      const outcome = await db.transaction().execute(async (trx) => {
        const current = await lockRule(trx, rule.id);
        if (!current || current.withdrawnAt !== null || !current.watched) return "unchanged";
        if (withdrawn) {
          if (fetched) await updateRuleData(trx, current.id, fetched, now);
          await markWithdrawn(trx, current.id, now);
          // Still found, as the list and its page show it: withdrawn, with what it said last.
          await reindexRules(trx, [current.id]);
          for (const listener of listeners) {
            await listener(trx, {
              ruleId: current.id,
              documentNumber: current.documentNumber,
              before: current.commentsCloseOn,
              after: fetched ? fetched.commentsCloseOn : current.commentsCloseOn,
              withdrawn: true,
            });
          }
          return "withdrawn";
        }
        if (!fetched) return "unchanged";
        // The Federal Register often leaves the count out; Regulations.gov's own count (the
        // comment-count job) then stays.
        const data = { ...fetched, commentsCount: fetched.commentsCount ?? current.commentsCount };
        if (!differs(current, data)) {
          await touchFetched(trx, current.id, now);
          return "unchanged";
        }
        await updateRuleData(trx, current.id, data, now);
        await reindexRules(trx, [current.id]);
        const before = current.commentsCloseOn;
        const after = data.commentsCloseOn;
        if (before === after) return "updated";
        for (const listener of listeners) {
          await listener(trx, {
            ruleId: current.id,
            documentNumber: current.documentNumber,
            before,
            after,
            withdrawn: false,
          });
        }
        return before !== null && after !== null && after > before ? "extended" : "updated";
      });
      if (outcome === "withdrawn") {
        report.withdrawn++;
        report.updated++;
      } else if (outcome === "extended") {
        report.extended++;
        report.updated++;
      } else if (outcome === "updated") {
        report.updated++;
      }
    } catch (error) {
      fail({ documentNumber: rule.documentNumber }, error);
    }
  }
  return report;
}
