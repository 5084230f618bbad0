import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from "kysely";
import * as foundation from "./migrations/0001-foundation.js";
import * as dataRevision from "./migrations/0002-data-revision.js";
import * as censusGeography from "./migrations/0003-census-geography.js";
import * as applicationsAndOutbox from "./migrations/0004-applications-and-outbox.js";
import * as accounts from "./migrations/0005-accounts.js";
import * as auditLog from "./migrations/0006-audit-log.js";
import * as invitations from "./migrations/0007-invitations.js";
import * as signInFailures from "./migrations/0008-sign-in-failures.js";
import * as demoUsers from "./migrations/0009-demo-users.js";
import * as rateLimits from "./migrations/0010-rate-limits.js";
import * as jobs from "./migrations/0011-jobs.js";
import * as onePending from "./migrations/0012-one-pending.js";
import * as signInThrottle from "./migrations/0013-sign-in-throttle.js";
import * as mailSecrets from "./migrations/0014-mail-secrets.js";
import * as memberOffice from "./migrations/0015-member-office.js";
import * as campaigns from "./migrations/0016-campaigns.js";
import * as socialGraphics from "./migrations/0017-social-graphics.js";
import * as federalRules from "./migrations/0018-federal-rules.js";
import * as resources from "./migrations/0020-resources.js";
import * as search from "./migrations/0022-search.js";
import * as searchVocab from "./migrations/0023-search-vocab.js";
import type { DB } from "./types.js";

// Listed by hand, not read from disk, so migrations work the same from source, a bundle or a test.
const migrations: Record<string, Migration> = {
  "0001-foundation": foundation,
  "0002-data-revision": dataRevision,
  "0003-census-geography": censusGeography,
  "0004-applications-and-outbox": applicationsAndOutbox,
  "0005-accounts": accounts,
  "0006-audit-log": auditLog,
  "0007-invitations": invitations,
  "0008-sign-in-failures": signInFailures,
  "0009-demo-users": demoUsers,
  "0010-rate-limits": rateLimits,
  "0011-jobs": jobs,
  "0012-one-pending": onePending,
  "0013-sign-in-throttle": signInThrottle,
  "0014-mail-secrets": mailSecrets,
  "0015-member-office": memberOffice,
  "0016-campaigns": campaigns,
  "0017-social-graphics": socialGraphics,
  "0018-federal-rules": federalRules,
  "0020-resources": resources,
  "0022-search": search,
  "0023-search-vocab": searchVocab,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export interface MigrationOutcome {
  applied: string[];
}

/** Brings the schema to the latest migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<DB>): Promise<MigrationOutcome> {
  // Every start but the first finds nothing to do: one query instead of the Migrator's tables,
  // lock and introspection (40 ms of a start of under a second).
  if (await upToDate(db)) return { applied: [] };
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new Error(`Migration ${failed} failed: ${(error as Error).message}`, { cause: error });
  }
  return { applied: (results ?? []).map((r) => r.migrationName) };
}

/** The migrations not applied yet, oldest first (all of them on an empty database). Writes nothing. */
export async function pendingMigrations(db: Kysely<DB>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  return (await migrator.getMigrations()).filter((m) => !m.executedAt).map((m) => m.name);
}

/** Whether the database has applied exactly our migrations (false where it has no table yet). */
async function upToDate(db: Kysely<DB>): Promise<boolean> {
  try {
    const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
    const names = Object.keys(migrations);
    const applied = new Set(rows.map((row) => row.name));
    return rows.length === names.length && names.every((name) => applied.has(name));
  } catch {
    return false;
  }
}
