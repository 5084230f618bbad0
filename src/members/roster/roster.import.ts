// Writing a previewed roster: all of its valid rows in one transaction, or none.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { recordAudit } from "../../audit/index.js";
import { type DB, lockRevision } from "../../db/index.js";
import { insertJurisdictions, updateJurisdiction } from "../jurisdictions.queries.js";
import { reindexMembers } from "../search.source.js";
import { COMPARED, readRoster } from "./roster.preview.js";
import {
  type ApplyOptions,
  type ApplyOutcome,
  type ExistingRow,
  RosterImportError,
  type RosterPreview,
  type ValidRow,
} from "./roster.schema.js";

function countRows(n: number): string {
  return n === 1 ? "1 row has" : `${n} rows have`;
}

/**
 * Writes a preview's valid rows in one transaction: all of them or, on any error, none. Refuses
 * (throwing RosterImportError, writing nothing) a file with problems unless skipBadRows, and a
 * roster that changed since the preview. Unchanged rows are not written.
 */
export async function applyRosterImport(
  db: Kysely<DB>,
  preview: RosterPreview,
  options: ApplyOptions = {},
): Promise<ApplyOutcome> {
  if (preview.fileProblem) {
    throw new RosterImportError(
      "the file cannot be imported; nothing was written",
      preview.problems,
    );
  }
  if (preview.problems.length > 0 && !options.skipBadRows) {
    throw new RosterImportError(
      `${countRows(preview.badLines.length)} problems; nothing was written`,
      preview.problems,
    );
  }
  const inserts = preview.rows.filter((r) => r.action === "insert");
  const updates = preview.rows.filter((r) => r.action === "update");
  const outcome: ApplyOutcome = {
    inserted: inserts.length,
    updated: updates.length,
    unchanged: preview.rows.length - inserts.length - updates.length,
    skipped: preview.badLines.length,
  };
  const total = inserts.length + updates.length;
  if (total === 0) return outcome;
  const now = (options.now ?? new Date()).toISOString();

  try {
    await db.transaction().execute(async (trx) => {
      // Serialises with other writers that start this way, so the check below stays true.
      await lockRevision(trx);
      assertUnchangedSince(preview, await readRoster(trx));
      let done = 0;
      for (const row of updates) {
        const changes = { ...row.values, is_demo: 0, updated_at: now };
        if (!(await updateJurisdiction(trx, row.existing?.id ?? "", changes))) throw stale(row);
        options.onProgress?.(++done, total);
      }
      const rows = inserts.map((row) => ({
        id: randomUUID(),
        ...row.values,
        is_demo: 0,
        created_at: now,
        updated_at: now,
      }));
      await insertJurisdictions(trx, rows, (written) =>
        options.onProgress?.(done + written, total),
      );
      // A member joined, left (former members stay public) or was renamed: found as it is now.
      await reindexMembers(trx, [
        ...updates.flatMap((row) => (row.existing ? [row.existing.id] : [])),
        ...rows.map((row) => row.id),
      ]);
      await recordAudit(trx, {
        actor: options.actor ?? null,
        action: "roster.import",
        entity: "roster",
        entityId: "csv",
        before: updates.map((row) => row.existing),
        after: { ...outcome, rows: [...updates, ...inserts].map((row) => row.values) },
      });
    });
  } catch (error) {
    if (error instanceof RosterImportError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new RosterImportError(
      `could not write the roster (${message}); nothing was written`,
      [],
      {
        cause: error,
      },
    );
  }
  return outcome;
}

function stale(row: ValidRow): RosterImportError {
  return new RosterImportError(
    `the roster changed since the file was checked (line ${row.line}, GEOID ${row.values.geoid}); nothing was written, check the file again`,
  );
}

/** Refuses to write over changes made by someone else between the preview and the import. */
function assertUnchangedSince(preview: RosterPreview, roster: ExistingRow[]): void {
  const byGeoid = new Map(roster.map((j) => [j.geoid, j]));
  const bySlug = new Map(roster.map((j) => [j.slug, j]));
  for (const row of preview.rows) {
    const now = byGeoid.get(row.values.geoid);
    if (row.action === "insert") {
      if (now || bySlug.has(row.values.slug)) throw stale(row);
      continue;
    }
    const then = row.existing;
    if (!now || !then || now.id !== then.id || now.is_demo !== then.is_demo) throw stale(row);
    if (COMPARED.some((c) => (now[c] ?? null) !== (then[c] ?? null))) throw stale(row);
    const holder = bySlug.get(row.values.slug);
    if (holder && holder.id !== now.id) throw stale(row);
  }
}
