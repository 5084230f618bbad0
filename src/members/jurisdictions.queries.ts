// The jurisdictions table: its one owner. Every read and write of the roster is a function here,
// built from the small fragments below; other modules of members/ call these (or use the
// fragments inside their own queries), and other features go through members/index.ts.
import { expressionBuilder, type Kysely } from "kysely";
import type {
  DB,
  Jurisdiction,
  JurisdictionKind,
  JurisdictionStatus,
  NewJurisdiction,
} from "../db/index.js";

// ---- Fragments ------------------------------------------------------------------------------

/** Jurisdictions on the roster as members (not applicants, not former members). */
export const members = (db: Kysely<DB>) =>
  db.selectFrom("jurisdictions").where("jurisdictions.status", "=", "member");

/**
 * The GEOIDs of the members, as a subquery: `.where("geoid", "in", memberGeoids())` (built
 * apart from any database, so it is compiled as part of the query that uses it).
 */
export const memberGeoids = () =>
  expressionBuilder<DB>()
    .selectFrom("jurisdictions")
    .select("jurisdictions.geoid")
    .where("jurisdictions.status", "=", "member");

// ---- For other features (members/index.ts) --------------------------------------------------

/** A jurisdiction as other features see it: who it is, and whether it is a (demo) member. */
export interface JurisdictionRef {
  id: string;
  slug: string;
  name: string;
  state: string;
  status: JurisdictionStatus;
  isDemo: boolean;
}

const REF_COLUMNS = ["id", "slug", "name", "state", "status", "is_demo"] as const;

function toRef(row: Pick<Jurisdiction, (typeof REF_COLUMNS)[number]>): JurisdictionRef {
  const { id, slug, name, state, status } = row;
  return { id, slug, name, state, status, isDemo: row.is_demo === 1 };
}

/** The jurisdictions with these ids (any status), by name; unknown ids are left out. */
export async function jurisdictionsByIds(
  db: Kysely<DB>,
  ids: readonly string[],
): Promise<JurisdictionRef[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("jurisdictions")
    .select(REF_COLUMNS)
    .where("id", "in", [...new Set(ids)])
    .orderBy("name")
    .orderBy("state")
    .execute();
  return rows.map(toRef);
}

/** The jurisdiction with this id if it is a member now (one people may be invited to). */
export async function activeJurisdiction(
  db: Kysely<DB>,
  id: string,
): Promise<JurisdictionRef | undefined> {
  const row = await members(db).select(REF_COLUMNS).where("id", "=", id).executeTakeFirst();
  return row ? toRef(row) : undefined;
}

/** A member's executive as its profile names them (to sign for it, by default). */
export async function jurisdictionExecutive(
  db: Kysely<DB>,
  id: string,
): Promise<{ name: string | null; title: string | null } | undefined> {
  const row = await db
    .selectFrom("jurisdictions")
    .select(["executive_name", "executive_title"])
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? { name: row.executive_name, title: row.executive_title } : undefined;
}

/** Every member, by name then state (e.g. to choose where to invite someone). */
export async function memberJurisdictions(db: Kysely<DB>): Promise<JurisdictionRef[]> {
  const rows = await members(db).select(REF_COLUMNS).orderBy("name").orderBy("state").execute();
  return rows.map(toRef);
}

/** The jurisdictions of the demo roster (any status), by name. */
export async function demoJurisdictions(db: Kysely<DB>): Promise<JurisdictionRef[]> {
  const rows = await db
    .selectFrom("jurisdictions")
    .select(REF_COLUMNS)
    .where("is_demo", "=", 1)
    .orderBy("name")
    .execute();
  return rows.map(toRef);
}

/** Whether any jurisdiction (of any status, demo or not) is on the roster yet. */
export async function anyJurisdiction(db: Kysely<DB>): Promise<boolean> {
  const row = await db.selectFrom("jurisdictions").select("id").limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * The slug and GEOID of the jurisdictions with these slugs (any status), or of every member when
 * no slug is given, by slug: whose Census figures to refresh.
 */
export async function censusTargets(
  db: Kysely<DB>,
  slugs: readonly string[],
): Promise<{ slug: string; geoid: string }[]> {
  const query = db.selectFrom("jurisdictions").select(["slug", "geoid"]).orderBy("slug");
  return (
    slugs.length ? query.where("slug", "in", [...slugs]) : query.where("status", "=", "member")
  ).execute();
}

// ---- Reads of members/ ----------------------------------------------------------------------

/** Every member with what the directory lists (in no particular order). */
export async function directoryRows(db: Kysely<DB>) {
  return members(db)
    .select(["slug", "name", "kind", "state", "geoid", "joined_on", "is_demo"])
    .execute();
}

/** Every member as the map places it, by slug. */
export async function mapRows(db: Kysely<DB>) {
  return members(db).select(["slug", "name", "kind", "geoid", "state"]).orderBy("slug").execute();
}

/** Every member with what the coalition totals count. */
export async function totalsRows(db: Kysely<DB>) {
  return members(db).select(["geoid", "name", "is_demo", "updated_at"]).execute();
}

/** Whose profile is public: members and former members; applicants are not public. */
const PUBLIC_STATUSES: JurisdictionStatus[] = ["member", "former"];

/** A member's or former member's public row by slug; applicants are not public. */
export async function publicJurisdiction(
  db: Kysely<DB>,
  slug: string,
): Promise<Jurisdiction | undefined> {
  return db
    .selectFrom("jurisdictions")
    .selectAll()
    .where("slug", "=", slug)
    .where("status", "in", PUBLIC_STATUSES)
    .executeTakeFirst();
}

/** The public rows (as `publicJurisdiction`) among these ids, by id. */
export async function publicJurisdictionsByIds(
  db: Kysely<DB>,
  ids: readonly string[],
): Promise<Jurisdiction[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom("jurisdictions")
    .selectAll()
    .where("id", "in", [...new Set(ids)])
    .where("status", "in", PUBLIC_STATUSES)
    .orderBy("id")
    .execute();
}

/** Every jurisdiction's id, any status (the search index's rebuild asks each what is public). */
export async function jurisdictionIds(db: Kysely<DB>): Promise<string[]> {
  const rows = await db.selectFrom("jurisdictions").select("id").orderBy("id").execute();
  return rows.map((r) => r.id);
}

/** A jurisdiction by id, whatever its status. */
export async function jurisdictionById(
  db: Kysely<DB>,
  id: string,
): Promise<Jurisdiction | undefined> {
  return db.selectFrom("jurisdictions").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Whether a member has this GEOID. */
export async function isMemberGeoid(db: Kysely<DB>, geoid: string): Promise<boolean> {
  const row = await members(db).select("id").where("geoid", "=", geoid).executeTakeFirst();
  return row !== undefined;
}

/** The jurisdiction with this GEOID, whatever its status. */
export async function jurisdictionByGeoid(
  db: Kysely<DB>,
  geoid: string,
): Promise<Jurisdiction | undefined> {
  return db.selectFrom("jurisdictions").selectAll().where("geoid", "=", geoid).executeTakeFirst();
}

/** The slugs in use that start with `prefix`, a slug (for `uniqueSlug`: no LIKE wildcards). */
export async function slugsStartingWith(db: Kysely<DB>, prefix: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom("jurisdictions")
    .select("slug")
    .where("slug", "like", `${prefix}%`)
    .execute();
  return new Set(rows.map((r) => r.slug));
}

/** The columns a profile editor changes. */
export const PROFILE_COLUMNS = [
  "executive_name",
  "executive_title",
  "website",
  "office_name",
  "office_address",
  "office_phone",
  "office_email",
  "office_languages",
  "office_description",
] as const;

/** A jurisdiction with its editable profile columns, by id or by slug. */
export async function editableJurisdiction(
  db: Kysely<DB>,
  where: { id: string } | { slug: string },
) {
  const query = db
    .selectFrom("jurisdictions")
    .select(["id", "slug", "name", "state", "status", ...PROFILE_COLUMNS]);
  return (
    "id" in where ? query.where("id", "=", where.id) : query.where("slug", "=", where.slug)
  ).executeTakeFirst();
}

/** Every jurisdiction (any status) for the staff's list of profiles, by state and name. */
export async function profileListRows(db: Kysely<DB>) {
  return db
    .selectFrom("jurisdictions")
    .select(["slug", "name", "state", "status"])
    .orderBy("state")
    .orderBy("name")
    .orderBy("slug")
    .execute();
}

/** The roster's CSV columns of every jurisdiction, with its id and demo flag. */
export const ROSTER_FIELDS = [
  "geoid",
  "name",
  "kind",
  "state",
  "executive_name",
  "executive_title",
  "website",
  "status",
  "joined_on",
  "slug",
] as const;

export async function rosterRows(db: Kysely<DB>) {
  return db
    .selectFrom("jurisdictions")
    .select(["id", "is_demo", ...ROSTER_FIELDS])
    .execute();
}

/** The roster's CSV columns of every jurisdiction, by state, name and GEOID (the export). */
export async function rosterExportRows(db: Kysely<DB>) {
  return db
    .selectFrom("jurisdictions")
    .select([...ROSTER_FIELDS])
    .orderBy("state")
    .orderBy("name")
    .orderBy("geoid")
    .execute();
}

// ---- Writes ---------------------------------------------------------------------------------

// Rows per INSERT: PostgreSQL takes at most 65,535 parameters a statement, SQLite 32,766.
const INSERT_BATCH = 200;

/** Inserts jurisdictions, in batches; `onBatch` is told how many were written so far. */
export async function insertJurisdictions(
  db: Kysely<DB>,
  rows: readonly NewJurisdiction[],
  onBatch?: (written: number) => void,
): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_BATCH) {
    const batch = rows.slice(i, i + INSERT_BATCH);
    await db.insertInto("jurisdictions").values(batch).execute();
    onBatch?.(i + batch.length);
  }
}

export type JurisdictionChanges = Partial<
  Omit<NewJurisdiction, "id" | "created_at"> & { kind: JurisdictionKind }
>;

/** Updates one jurisdiction; true when it was there. */
export async function updateJurisdiction(
  db: Kysely<DB>,
  id: string,
  changes: JurisdictionChanges,
): Promise<boolean> {
  const result = await db
    .updateTable("jurisdictions")
    .set(changes)
    .where("id", "=", id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
