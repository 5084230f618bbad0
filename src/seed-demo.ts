// First-start content: the Census snapshots (real data, loaded if not yet), then the coalition's
// texts (in every language), a demo roster, (when asked) demo accounts, the demo campaigns and the demo resource library, written in one transaction so a failed seed
// leaves nothing behind.
import type { Kysely } from "kysely";
import { type DemoAccount, seedDemoAccounts } from "./accounts/index.js";
import { seedDemoCampaigns } from "./campaigns/index.js";
import { anyContent, seedContent } from "./content/index.js";
import { type DB, lockRevision } from "./db/index.js";
import { anyJurisdiction, loadCensusSnapshots, seedDemoMembers } from "./members/index.js";
import { seedDemoResources } from "./resources/index.js";
import { seedDemoRules } from "./rules/index.js";

export interface SeedOutcome {
  seeded: boolean;
  members: number;
  blocks: number;
  /** The demo campaigns written. */
  campaigns: number;
  /** The demo people written (only when `accounts` is given). */
  accounts: DemoAccount[];
}

export interface SeedOptions {
  now?: Date;
  /**
   * Also write the demo accounts, with the auth secret their two-step keys are encrypted with
   * (the server and `cfa seed` do; most tests need none).
   */
  accounts?: { authSecret: string };
}

/** Seeds an empty database; does nothing (seeded: false) when content is already there. */
export async function seedDemo(db: Kysely<DB>, options: SeedOptions = {}): Promise<SeedOutcome> {
  const date = options.now ?? new Date();
  const now = date.toISOString();
  await loadCensusSnapshots(db);
  return db.transaction().execute(async (trx) => {
    // Two processes starting at once on one empty database: the second waits here, then sees
    // the first one's content and seeds nothing.
    await lockRevision(trx);
    if ((await anyContent(trx)) || (await anyJurisdiction(trx)))
      return { seeded: false, members: 0, blocks: 0, campaigns: 0, accounts: [] };
    const blocks = await seedContent(trx, now);
    const members = await seedDemoMembers(trx, now);
    const accounts = options.accounts
      ? await seedDemoAccounts(trx, date, options.accounts.authSecret)
      : [];
    // Before the campaigns: a comment action names its rule.
    await seedDemoRules(trx, date);
    const campaigns = await seedDemoCampaigns(trx, date);
    // After the roster: case studies feature its members.
    await seedDemoResources(trx, date);
    return { seeded: true, members, blocks, campaigns, accounts };
  });
}
