// Staff's changes to the watch list, each audited in its own transaction: a rule added by its
// document number (read from the Federal Register first), put back, or taken off.
import type { Kysely } from "kysely";
import { recordAudit } from "../../audit/index.js";
import { type DB, isUniqueViolation } from "../../db/index.js";
import { type FederalRegisterClient, FederalRegisterError } from "../federal-register/fr.client.js";
import {
  type FederalRule,
  insertRule,
  ruleById,
  ruleByNumber,
  setWatched,
} from "../rules.queries.js";
import { reindexRules } from "../search.source.js";

export type Actor = { id: string; email: string };

export type AddOutcome =
  | { kind: "added" | "rewatched" | "watched"; rule: FederalRule }
  /** The Federal Register has no such document (404). */
  | { kind: "unknown" }
  /** It could not be asked, or its answer could not be used: nothing was written. */
  | { kind: "unavailable" };

/**
 * Puts a rule on the watch list by its number. A rule we already have is put back as it is (the
 * refresh job keeps it current); a new one is read from the Federal Register and stored whole.
 */
export async function addRuleByNumber(
  db: Kysely<DB>,
  client: FederalRegisterClient,
  actor: Actor,
  number: string,
  now: Date,
): Promise<AddOutcome> {
  const existing = await ruleByNumber(db, number);
  if (existing) return rewatch(db, actor, existing, now);
  let data: Awaited<ReturnType<FederalRegisterClient["document"]>>;
  try {
    data = await client.document(number);
  } catch (error) {
    if (!(error instanceof FederalRegisterError)) throw error;
    return error.kind === "not_found" ? { kind: "unknown" } : { kind: "unavailable" };
  }
  try {
    const id = await db.transaction().execute(async (trx) => {
      const id = await insertRule(trx, data, { now: now.toISOString(), addedBy: actor.id });
      await reindexRules(trx, [id]);
      await recordAudit(
        trx,
        { actor, action: "rule.add", entity: "federal_rule", entityId: id, after: data },
        now,
      );
      return id;
    });
    const rule = await ruleById(db, id);
    if (!rule) throw new Error(`rule ${id} vanished`);
    return { kind: "added", rule };
  } catch (error) {
    // Added a moment ago by someone else (or by the refresh job): it is there.
    const added = isUniqueViolation(error) ? await ruleByNumber(db, number) : undefined;
    if (!added) throw error;
    return rewatch(db, actor, added, now);
  }
}

async function rewatch(
  db: Kysely<DB>,
  actor: Actor,
  rule: FederalRule,
  now: Date,
): Promise<AddOutcome> {
  if (rule.watched) return { kind: "watched", rule };
  await db.transaction().execute(async (trx) => {
    await setWatched(trx, rule.id, true, now.toISOString());
    await reindexRules(trx, [rule.id]);
    await recordAudit(
      trx,
      {
        actor,
        action: "rule.watch",
        entity: "federal_rule",
        entityId: rule.id,
        before: { watched: false },
        after: { watched: true },
      },
      now,
    );
  });
  return { kind: "rewatched", rule: { ...rule, watched: true } };
}

/** Takes a rule off the watch list (it stays, for the campaigns that comment on it). */
export async function unwatchRule(
  db: Kysely<DB>,
  actor: Actor,
  rule: FederalRule,
  now: Date,
): Promise<void> {
  if (!rule.watched) return;
  await db.transaction().execute(async (trx) => {
    await setWatched(trx, rule.id, false, now.toISOString());
    await reindexRules(trx, [rule.id]);
    await recordAudit(
      trx,
      {
        actor,
        action: "rule.unwatch",
        entity: "federal_rule",
        entityId: rule.id,
        before: { watched: true },
        after: { watched: false },
      },
      now,
    );
  });
}
