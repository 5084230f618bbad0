import type { Kysely } from "kysely";
import { createRevisionCounter, trackRevisions } from "../revision.js";

// Tables whose content shows on public pages. A table added later that pages show must be
// tracked in its own migration.
const TRACKED = ["jurisdictions", "census_figures", "content_blocks"];

export async function up(db: Kysely<unknown>): Promise<void> {
  await createRevisionCounter(db);
  for (const table of TRACKED) await trackRevisions(db, table);
}
