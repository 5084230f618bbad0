// First-start content: the Census snapshots (real data, loaded if not yet), then the coalition's
// texts (in every language) and a demo roster, written in one transaction so a failed seed
// leaves nothing behind.
import type { Kysely } from "kysely";
import { seedContent } from "./content/index.js";
import { type DB, lockRevision } from "./db/index.js";
import { loadCensusSnapshots, seedDemoMembers } from "./members/index.js";

export interface SeedOutcome {
  seeded: boolean;
  members: number;
  blocks: number;
}

/** Seeds an empty database; does nothing (seeded: false) when content is already there. */
export async function seedDemo(
  db: Kysely<DB>,
  now = new Date().toISOString(),
): Promise<SeedOutcome> {
  await loadCensusSnapshots(db);
  return db.transaction().execute(async (trx) => {
    // Two processes starting at once on one empty database: the second waits here, then sees
    // the first one's content and seeds nothing.
    await lockRevision(trx);
    const existing = await trx
      .selectFrom("content_blocks")
      .select("key")
      .limit(1)
      .executeTakeFirst();
    const anyMember = await trx
      .selectFrom("jurisdictions")
      .select("id")
      .limit(1)
      .executeTakeFirst();
    if (existing || anyMember) return { seeded: false, members: 0, blocks: 0 };
    const blocks = await seedContent(trx, now);
    const members = await seedDemoMembers(trx, now);
    return { seeded: true, members, blocks };
  });
}
