// Every read accounts makes of the `jurisdictions` table, which members/ owns, through
// members/index.ts (the one exception is the per-request memberships join in
// memberships.queries.ts, which says why). Here only the shapes accounts wants are made.
import type { Kysely } from "kysely";
import type { DB } from "../db/index.js";
import { type JurisdictionRef, jurisdictionsByIds as refsByIds } from "../members/index.js";

export {
  activeJurisdiction,
  demoJurisdictions,
  type JurisdictionRef,
  memberJurisdictions,
  placeName,
} from "../members/index.js";

/** The jurisdictions with these ids (any status), by id; unknown ids are left out. */
export async function jurisdictionsByIds(
  db: Kysely<DB>,
  ids: readonly string[],
): Promise<Map<string, JurisdictionRef>> {
  return new Map((await refsByIds(db, ids)).map((ref) => [ref.id, ref]));
}
