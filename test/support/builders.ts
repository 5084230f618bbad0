// Builders of test data: each inserts one row (and what it needs) with unique defaults, and
// returns it as read back; a test overrides only what it is about. The first argument is the
// database: a Kysely instance (`ctx.database.db`, a transaction) or the app (`ctx.app`).
//
//   const houston = await buildMember(db, { state: "TX", population: 2_300_000 });
//   const admin = await buildPerson(app, { jurisdiction: houston, membershipRole: "member_admin" });
//   const cookie = await signIn(app, admin.email, admin.password);
import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { Kysely, Selectable } from "kysely";
import { newToken } from "../../src/accounts/index.js";
import type {
  CensusFigure,
  CensusFiguresTable,
  CensusMeasure,
  DB,
  InvitationsTable,
  Jurisdiction,
  JurisdictionKind,
  MembershipApplicationsTable,
  MembershipRole,
  MembershipsTable,
  NewJurisdiction,
  User,
  UserRole,
} from "../../src/db/index.js";
import { createUser, TEST_PASSWORD, totpSecretOf } from "./accounts.js";

/** Where a builder writes: a database (or transaction), or an app and so its database. */
export type Target = Kysely<DB> | FastifyInstance;

export function dbOf(target: Target): Kysely<DB> {
  return "inject" in target ? target.db : target;
}

/** Numbers for unique defaults: one sequence per test process (each suite has its own database). */
let sequence = 0;
function next(): number {
  sequence += 1;
  return sequence;
}

const NOW = "2026-01-15T12:00:00.000Z";

// ---- Members (jurisdictions) and their Census figures -------------------------------------

export interface MemberOverrides extends Partial<NewJurisdiction> {
  /** Adds a population figure (census_figures), the newest unless `year` says otherwise. */
  population?: number;
  /** Adds a foreign-born figure of the same vintage. */
  foreignBorn?: number;
  /** Adds a "language other than English" figure of the same vintage. */
  languageOtherThanEnglish?: number;
  /** Vintage, year and source of the figures added (default "Test ACS 2019-2023", 2023). */
  vintage?: string;
  year?: number;
  source?: string;
}

/**
 * A GEOID that no Census geography, figure or jurisdiction uses, in the state's FIPS code (read
 * from the loaded geographies): 7 digits for a place, 5 for a county. Census figures of the
 * member are then exactly those the builder writes.
 */
async function freshGeoid(db: Kysely<DB>, state: string, kind: JurisdictionKind): Promise<string> {
  const sample = await db
    .selectFrom("census_geographies")
    .select("geoid")
    .where("state", "=", state)
    .limit(1)
    .executeTakeFirst();
  const prefix = sample?.geoid.slice(0, 2) ?? "99";
  const digits = kind === "county" ? 3 : 5;
  const top = 10 ** digits;
  for (let tries = 0; tries < 1000; tries++) {
    // Counting down from the top: real place codes and county codes are mostly lower.
    const code = String(top - 1 - ((next() * 7) % (top - 1))).padStart(digits, "0");
    const geoid = `${prefix}${code}`;
    const [geography, figure, jurisdiction] = await Promise.all([
      db
        .selectFrom("census_geographies")
        .select("geoid")
        .where("geoid", "=", geoid)
        .executeTakeFirst(),
      db.selectFrom("census_figures").select("geoid").where("geoid", "=", geoid).executeTakeFirst(),
      db.selectFrom("jurisdictions").select("geoid").where("geoid", "=", geoid).executeTakeFirst(),
    ]);
    if (!geography && !figure && !jurisdiction) return geoid;
  }
  throw new Error(`buildMember: no free GEOID in ${state}`);
}

/**
 * Inserts a jurisdiction on the roster (a member of New York state unless told otherwise), as
 * the demo seed does, with a GEOID of its state that no Census geography uses, and the Census
 * figures given (`population`, `foreignBorn`, `languageOtherThanEnglish`). A `geoid` given may be
 * a real one (e.g. "4835000", Houston): the loaded snapshots' figures for it then apply too.
 */
export async function buildMember(
  target: Target,
  overrides: MemberOverrides = {},
): Promise<Jurisdiction> {
  const db = dbOf(target);
  const {
    population,
    foreignBorn,
    languageOtherThanEnglish,
    vintage = "Test ACS 2019-2023",
    year = 2023,
    source = "test builder",
    ...columns
  } = overrides;
  const kind = columns.kind ?? "city";
  const state = columns.state ?? "NY";
  const geoid = columns.geoid ?? (await freshGeoid(db, state, kind));
  const n = next();
  const name = columns.name ?? (kind === "county" ? `Test County ${n}` : `Testville ${n}`);
  const row: NewJurisdiction = {
    id: randomUUID(),
    slug: `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${state.toLowerCase()}-${geoid}`,
    name,
    kind,
    state,
    geoid,
    executive_name: null,
    executive_title: kind === "county" ? "County Executive" : "Mayor",
    website: null,
    status: "member",
    joined_on: "2015-01-01",
    is_demo: 0,
    created_at: NOW,
    updated_at: NOW,
    ...columns,
  };
  await db.insertInto("jurisdictions").values(row).execute();
  const figures: [CensusMeasure, number | undefined][] = [
    ["population", population],
    ["foreign_born", foreignBorn],
    ["language_other_than_english", languageOtherThanEnglish],
  ];
  for (const [measure, value] of figures) {
    if (value !== undefined) {
      await buildCensusFigure(db, { geoid: row.geoid, measure, value, vintage, year, source });
    }
  }
  return db
    .selectFrom("jurisdictions")
    .selectAll()
    .where("id", "=", row.id as string)
    .executeTakeFirstOrThrow();
}

/** Inserts one Census figure (a population of 1,000 by default) for `geoid`. */
export async function buildCensusFigure(
  target: Target,
  overrides: Partial<CensusFiguresTable> & Pick<CensusFiguresTable, "geoid">,
): Promise<CensusFigure> {
  const db = dbOf(target);
  const row: CensusFiguresTable = {
    measure: "population",
    value: 1000,
    vintage: "Test ACS 2019-2023",
    year: 2023,
    source: "test builder",
    is_estimate: 0,
    ...overrides,
  };
  await db.insertInto("census_figures").values(row).execute();
  const stored = await db
    .selectFrom("census_figures")
    .selectAll()
    .where("geoid", "=", row.geoid)
    .where("measure", "=", row.measure)
    .where("vintage", "=", row.vintage)
    .executeTakeFirstOrThrow();
  // bigint comes back from PostgreSQL as a string.
  return { ...stored, value: Number(stored.value) };
}

// ---- Membership applications ------------------------------------------------------------

export type Application = Selectable<MembershipApplicationsTable>;

/**
 * Inserts a pending membership application, as the /join form does, for a real Census
 * geography (of `state`, when given) that is neither on the roster nor applying already; or for
 * the `geoid` given.
 */
export async function buildApplication(
  target: Target,
  overrides: Partial<Application> = {},
): Promise<Application> {
  const db = dbOf(target);
  let geography = overrides.geoid
    ? await db
        .selectFrom("census_geographies")
        .selectAll()
        .where("geoid", "=", overrides.geoid)
        .executeTakeFirst()
    : undefined;
  if (!overrides.geoid) {
    let free = db
      .selectFrom("census_geographies")
      .selectAll()
      .where("geoid", "not in", db.selectFrom("jurisdictions").select("geoid"))
      .where("geoid", "not in", db.selectFrom("membership_applications").select("geoid"))
      .orderBy("population_2020", "desc")
      .orderBy("geoid")
      .limit(1);
    if (overrides.state) free = free.where("state", "=", overrides.state);
    geography = await free.executeTakeFirst();
    if (!geography) throw new Error("buildApplication: no free Census geography");
  }
  const n = next();
  const geoid = overrides.geoid ?? geography?.geoid ?? "";
  const row: Application = {
    id: randomUUID(),
    geoid,
    name: geography?.name ?? `Testville ${n} city`,
    kind: geography?.kind === "county" ? "county" : "city",
    state: geography?.state ?? "NY",
    executive_name: `Executive ${n}`,
    executive_title: geography?.kind === "county" ? "County Executive" : "Mayor",
    contact_name: `Contact ${n}`,
    contact_title: null,
    contact_email: `applicant${n}@example.org`,
    contact_phone: null,
    message: null,
    locale: "en",
    status: "pending",
    decision_reason: null,
    submission_key: randomUUID(),
    created_at: new Date().toISOString(),
    decided_at: null,
    ...overrides,
  };
  await db.insertInto("membership_applications").values(row).execute();
  return db
    .selectFrom("membership_applications")
    .selectAll()
    .where("id", "=", row.id)
    .executeTakeFirstOrThrow();
}

// ---- People, memberships, invitations ---------------------------------------------------

export type Membership = Selectable<MembershipsTable>;

/**
 * Makes a person work for a jurisdiction in `role` (member_staff by default), as an accepted
 * invitation writes it; builds the person or the member when not given.
 */
export async function buildMembership(
  target: Target,
  options: {
    user?: { id: string } | string;
    jurisdiction?: { id: string } | string;
    role?: MembershipRole;
  } = {},
): Promise<Membership> {
  const db = dbOf(target);
  const idOf = (x: { id: string } | string) => (typeof x === "string" ? x : x.id);
  const user = options.user ? idOf(options.user) : (await buildPerson(target)).id;
  const jurisdiction = options.jurisdiction
    ? idOf(options.jurisdiction)
    : (await buildMember(db)).id;
  await db
    .insertInto("memberships")
    .values({
      user_id: user,
      jurisdiction_id: jurisdiction,
      role: options.role ?? "member_staff",
      created_at: new Date().toISOString(),
    })
    .execute();
  return db
    .selectFrom("memberships")
    .selectAll()
    .where("user_id", "=", user)
    .where("jurisdiction_id", "=", jurisdiction)
    .executeTakeFirstOrThrow();
}

export interface PersonOptions {
  email?: string;
  name?: string;
  password?: string;
  /** A coalition role; coalition admins get two-step verification unless `twoFactor` is false. */
  role?: UserRole;
  /** A jurisdiction the person works for, in `membershipRole`. */
  jurisdiction?: { id: string };
  /** Default member_staff. */
  membershipRole?: MembershipRole;
  /** TOTP two-step verification; default on for coalition admins only. */
  twoFactor?: boolean;
  emailVerified?: boolean;
}

/** A person who can sign in: the users row, the password, and the TOTP secret if enrolled. */
export type Person = User & { password: string; totpSecret: string | undefined };

/**
 * Creates a person through better-auth (see `createUser`) who can sign in with `signIn(app,
 * person.email, person.password)` (which answers the code step for two-step verification), with
 * a coalition role and a membership when asked.
 */
export async function buildPerson(target: Target, options: PersonOptions = {}): Promise<Person> {
  const db = dbOf(target);
  const n = next();
  const email = options.email ?? `person${n}.${randomUUID().slice(0, 8)}@example.org`;
  const password = options.password ?? TEST_PASSWORD;
  const id = await createUser(target, {
    email,
    password,
    name: options.name ?? `Test Person ${n}`,
    coalitionRole: options.role ?? null,
    twoFactor: options.twoFactor,
    emailVerified: options.emailVerified,
  });
  if (options.jurisdiction) {
    await buildMembership(db, {
      user: id,
      jurisdiction: options.jurisdiction,
      role: options.membershipRole ?? "member_staff",
    });
  }
  const user = await db
    .selectFrom("users")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  return { ...user, password, totpSecret: totpSecretOf(email) };
}

export type InvitationRow = Selectable<InvitationsTable>;

/**
 * Inserts a pending invitation (valid for 7 days) without mailing it: to `jurisdiction` in
 * `membershipRole` (default member_staff) when given, else to `coalitionRole` (default
 * coalition_editor). Returns the row and the link's token.
 */
export async function buildInvitation(
  target: Target,
  options: {
    email?: string;
    name?: string | null;
    jurisdiction?: { id: string };
    membershipRole?: MembershipRole;
    coalitionRole?: UserRole;
    invitedBy?: { id: string } | null;
    locale?: "en" | "es" | "zh-Hans";
    createdAt?: Date;
    expiresAt?: Date;
    acceptedAt?: Date | null;
    revokedAt?: Date | null;
  } = {},
): Promise<InvitationRow & { token: string }> {
  const db = dbOf(target);
  const n = next();
  const { token, hash } = newToken();
  const created = options.createdAt ?? new Date();
  const expires = options.expiresAt ?? new Date(created.getTime() + 7 * 24 * 3600 * 1000);
  const row: InvitationRow = {
    id: randomUUID(),
    token_hash: hash,
    email: (options.email ?? `invitee${n}.${randomUUID().slice(0, 8)}@example.org`).toLowerCase(),
    name: options.name === undefined ? `Invitee ${n}` : options.name,
    coalition_role: options.jurisdiction ? null : (options.coalitionRole ?? "coalition_editor"),
    jurisdiction_id: options.jurisdiction?.id ?? null,
    membership_role: options.jurisdiction ? (options.membershipRole ?? "member_staff") : null,
    locale: options.locale ?? "en",
    invited_by: options.invitedBy?.id ?? null,
    created_at: created.toISOString(),
    expires_at: expires.toISOString(),
    accepted_at: options.acceptedAt?.toISOString() ?? null,
    revoked_at: options.revokedAt?.toISOString() ?? null,
  };
  await db.insertInto("invitations").values(row).execute();
  const stored = await db
    .selectFrom("invitations")
    .selectAll()
    .where("id", "=", row.id)
    .executeTakeFirstOrThrow();
  return { ...stored, token };
}

// ---- Row objects, not inserted: for bulk and raw inserts ---------------------------------

/**
 * A jurisdiction row object, not inserted: for bulk inserts (hundreds of members in one
 * statement, an import's batches) and raw inserts (a trigger under test). To put one member on
 * the roster, use `buildMember`. A GEOID of 5 digits makes a county, else a city.
 */
export function jurisdictionRow(overrides: Partial<NewJurisdiction> = {}): NewJurisdiction {
  const geoid = overrides.geoid ?? String(1000000 + Math.floor(Math.random() * 8999999));
  return {
    id: randomUUID(),
    slug: `jurisdiction-${geoid}`,
    name: `Jurisdiction ${geoid}`,
    kind: geoid.length === 5 ? "county" : "city",
    state: "NY",
    geoid,
    executive_name: null,
    executive_title: "Mayor",
    website: null,
    // Every column, so a row is also a complete `cfa export` row (migration 0015's office).
    office_name: null,
    office_address: null,
    office_phone: null,
    office_email: null,
    office_languages: null,
    office_description: null,
    status: "member",
    joined_on: "2015-01-01",
    is_demo: 0,
    created_at: NOW,
    updated_at: NOW,
    ...overrides,
  };
}

/**
 * A Census figure row object (a population of 1,000, "ACS 2015", source "test"), not inserted:
 * for bulk and raw inserts. To add one figure, use `buildCensusFigure`.
 */
export function figureRow(
  overrides: Partial<CensusFiguresTable> & Pick<CensusFiguresTable, "geoid">,
): CensusFiguresTable {
  return {
    measure: "population",
    value: 1000,
    vintage: "ACS 2015",
    year: 2015,
    source: "test",
    is_estimate: 0,
    ...overrides,
  };
}
