// Every read accounts makes of the `jurisdictions` table, which members/ owns. Nothing else in
// accounts/ names that table (except the one join in memberships.queries.ts, which says why):
// when members/index.ts exports its jurisdiction reads, this file points at them, in one place.
import type { Kysely } from "kysely";
import type { DB, JurisdictionStatus } from "../db/index.js";

/** What accounts shows of a jurisdiction: its name and slug, and whether it is a member. */
export interface JurisdictionRef {
  id: string;
  name: string;
  slug: string;
  state: string;
  status: JurisdictionStatus;
}

/** The jurisdictions with these ids, by id (unknown ids are left out). */
export async function jurisdictionsByIds(
  db: Kysely<DB>,
  ids: readonly string[],
): Promise<Map<string, JurisdictionRef>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom("jurisdictions")
    .select(["id", "name", "slug", "state", "status"])
    .where("id", "in", unique)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** One jurisdiction by id, or undefined. */
export async function jurisdictionById(
  db: Kysely<DB>,
  id: string,
): Promise<JurisdictionRef | undefined> {
  return (await jurisdictionsByIds(db, [id])).get(id);
}

/** The member jurisdictions, by name, for choosing where to invite someone. */
export async function memberJurisdictions(
  db: Kysely<DB>,
): Promise<{ id: string; name: string; state: string }[]> {
  return db
    .selectFrom("jurisdictions")
    .select(["id", "name", "state"])
    .where("status", "=", "member")
    .orderBy("name")
    .orderBy("state")
    .execute();
}

/** The jurisdictions of the demo roster (`is_demo`), by name, for the demo accounts. */
export async function demoJurisdictions(
  db: Kysely<DB>,
): Promise<{ id: string; slug: string; name: string }[]> {
  return db
    .selectFrom("jurisdictions")
    .select(["id", "slug", "name"])
    .where("is_demo", "=", 1)
    .orderBy("name")
    .execute();
}
