import { randomUUID } from "node:crypto";
import { type Kysely, sql } from "kysely";
import type { CensusGeographiesTable, DB, JurisdictionKind } from "../../db/index.js";

export type Geography = CensusGeographiesTable;

export const SEARCH_LIMIT = 20;

/**
 * Census places and counties whose name contains `q` (case-insensitive), largest first. Names
 * carry their kind ("Prattville city"), so "montgomery county" finds the counties.
 */
export async function searchGeographies(
  db: Kysely<DB>,
  q: string,
  state: string,
): Promise<Geography[]> {
  const pattern = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  let query = db
    .selectFrom("census_geographies")
    .selectAll()
    .where(sql<boolean>`lower(name) like ${pattern} escape '\\'`)
    .orderBy("population_2020", "desc")
    .orderBy("geoid")
    .limit(SEARCH_LIMIT + 1);
  if (state) query = query.where("state", "=", state);
  return query.execute();
}

export async function findGeography(db: Kysely<DB>, geoid: string): Promise<Geography | undefined> {
  return db
    .selectFrom("census_geographies")
    .selectAll()
    .where("geoid", "=", geoid)
    .executeTakeFirst();
}

/** Whether the geography is already a member, or has an application under review. */
export async function membershipState(
  db: Kysely<DB>,
  geoid: string,
): Promise<"member" | "pending" | "none"> {
  const member = await db
    .selectFrom("jurisdictions")
    .select("id")
    .where("geoid", "=", geoid)
    .where("status", "=", "member")
    .executeTakeFirst();
  if (member) return "member";
  const pending = await db
    .selectFrom("membership_applications")
    .select("id")
    .where("geoid", "=", geoid)
    .where("status", "=", "pending")
    .executeTakeFirst();
  return pending ? "pending" : "none";
}

export interface NewApplication {
  geography: Geography;
  kind: JurisdictionKind;
  executiveName: string;
  executiveTitle: string;
  contactName: string;
  contactTitle: string;
  contactEmail: string;
  contactPhone: string;
  message: string;
  locale: string;
  submissionKey: string;
}

/**
 * Stores an application. The submission key is unique: a second POST of the same form finds the
 * first application (created: false) instead of making another.
 */
export async function createApplication(
  db: Kysely<DB>,
  a: NewApplication,
): Promise<{ id: string; created: boolean }> {
  const existing = await db
    .selectFrom("membership_applications")
    .select("id")
    .where("submission_key", "=", a.submissionKey)
    .executeTakeFirst();
  if (existing) return { id: existing.id, created: false };
  const id = randomUUID();
  const inserted = await db
    .insertInto("membership_applications")
    .values({
      id,
      geoid: a.geography.geoid,
      name: a.geography.name,
      kind: a.kind,
      state: a.geography.state,
      executive_name: a.executiveName,
      executive_title: a.executiveTitle,
      contact_name: a.contactName,
      contact_title: a.contactTitle || null,
      contact_email: a.contactEmail,
      contact_phone: a.contactPhone || null,
      message: a.message || null,
      locale: a.locale,
      status: "pending",
      decision_reason: null,
      submission_key: a.submissionKey,
      created_at: new Date().toISOString(),
      decided_at: null,
    })
    .onConflict((oc) => oc.column("submission_key").doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
    // A concurrent duplicate won the race: answer with its application.
    const winner = await db
      .selectFrom("membership_applications")
      .select("id")
      .where("submission_key", "=", a.submissionKey)
      .executeTakeFirstOrThrow();
    return { id: winner.id, created: false };
  }
  return { id, created: true };
}
