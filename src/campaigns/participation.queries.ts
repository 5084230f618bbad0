// The participations table: its one owner. One row per member and action, whatever the action's
// kind: written by an upsert on (action_id, jurisdiction_id), so a double click, a retry or two
// staff of one city acting at once leave one row. A withdrawn row stays, marked, and counts no
// more; acting again takes it back.
import { randomUUID } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import { compiledOnce, type DB, type ParticipationsTable } from "../db/index.js";

export type ParticipationRow = Selectable<ParticipationsTable>;

export interface TakePart {
  actionId: string;
  jurisdictionId: string;
  userId: string | null;
  /** A letter's signer; null for other kinds. */
  signerName?: string | null;
  signerTitle?: string | null;
  isDemo?: boolean;
  now: string;
}

/**
 * Records that a member took part in an action (or updates its signer), counted once. Returns
 * whether the member had not been counted before (a new row, or a withdrawn one taken back).
 */
export async function upsertParticipation(trx: Kysely<DB>, part: TakePart): Promise<boolean> {
  const before = await findParticipation(trx, part.actionId, part.jurisdictionId);
  const row = [
    randomUUID(),
    part.actionId,
    part.jurisdictionId,
    part.userId,
    part.signerName ?? null,
    part.signerTitle ?? null,
    part.isDemo ? 1 : 0,
    part.now,
  ] as const;
  // A signer given now replaces the old one; a kind without one keeps what was there.
  await (part.signerName ? upsertWithSigner(trx, ...row) : upsertKeepingSigner(trx, ...row));
  return before === undefined || before.withdrawn_at !== null;
}

/** The upsert, built once (db/compiled-once.ts); `signer` says whether a conflict sets the signer. */
function upsert(signer: boolean) {
  return compiledOnce(
    (
      trx: Kysely<DB>,
      id: string,
      actionId: string,
      jurisdictionId: string,
      userId: string | null,
      signerName: string | null,
      signerTitle: string | null,
      isDemo: number,
      now: string,
    ) =>
      trx
        .insertInto("participations")
        .values({
          id,
          action_id: actionId,
          jurisdiction_id: jurisdictionId,
          acted_by: userId,
          signer_name: signerName,
          signer_title: signerTitle,
          is_demo: isDemo,
          created_at: now,
          updated_at: now,
          withdrawn_at: null,
        })
        .onConflict((oc) =>
          oc.columns(["action_id", "jurisdiction_id"]).doUpdateSet({
            ...(signer ? { signer_name: signerName, signer_title: signerTitle } : {}),
            acted_by: userId,
            updated_at: now,
            withdrawn_at: null,
          }),
        ),
  );
}
const upsertWithSigner = upsert(true);
const upsertKeepingSigner = upsert(false);

/** Marks a member's participation withdrawn. True if it counted until now. */
export async function withdrawParticipation(
  trx: Kysely<DB>,
  actionId: string,
  jurisdictionId: string,
  userId: string | null,
  now: string,
): Promise<boolean> {
  const result = await trx
    .updateTable("participations")
    .set({ withdrawn_at: now, updated_at: now, acted_by: userId })
    .where("action_id", "=", actionId)
    .where("jurisdiction_id", "=", jurisdictionId)
    .where("withdrawn_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

const participationQuery = compiledOnce(
  (db: Kysely<DB>, actionId: string, jurisdictionId: string) =>
    db
      .selectFrom("participations")
      .selectAll()
      .where("action_id", "=", actionId)
      .where("jurisdiction_id", "=", jurisdictionId),
);

export async function findParticipation(
  db: Kysely<DB>,
  actionId: string,
  jurisdictionId: string,
): Promise<ParticipationRow | undefined> {
  const [row] = await participationQuery(db, actionId, jurisdictionId);
  return row;
}

/** What one member has done in a campaign: the participations that count, by action id. */
export async function participationsOfMember(
  db: Kysely<DB>,
  actionIds: readonly string[],
  jurisdictionId: string,
): Promise<ParticipationRow[]> {
  if (actionIds.length === 0) return [];
  return db
    .selectFrom("participations")
    .selectAll()
    .where("action_id", "in", [...actionIds])
    .where("jurisdiction_id", "=", jurisdictionId)
    .where("withdrawn_at", "is", null)
    .execute();
}

/** Every participation that counts in these actions, oldest first. */
export async function countingParticipations(
  db: Kysely<DB>,
  actionIds: readonly string[],
): Promise<ParticipationRow[]> {
  if (actionIds.length === 0) return [];
  return db
    .selectFrom("participations")
    .selectAll()
    .where("action_id", "in", [...actionIds])
    .where("withdrawn_at", "is", null)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/** How many members take part in each action (withdrawn rows left out), by action id. */
export async function countsByAction(
  db: Kysely<DB>,
  actionIds: readonly string[],
): Promise<Map<string, number>> {
  if (actionIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("participations")
    .select(["action_id", (eb) => eb.fn.countAll<number | string>().as("count")])
    .where("action_id", "in", [...actionIds])
    .where("withdrawn_at", "is", null)
    .groupBy("action_id")
    .execute();
  return new Map(rows.map((r) => [r.action_id, Number(r.count)]));
}
