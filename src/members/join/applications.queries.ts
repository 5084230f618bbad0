// The membership_applications table: its one owner.
import { randomUUID } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import type {
  ApplicationStatus,
  DB,
  JurisdictionKind,
  MembershipApplicationsTable,
} from "../../db/index.js";
import type { Geography } from "../census/census.queries.js";
import { isMemberGeoid } from "../jurisdictions.queries.js";

/** Whether the geography is already a member, or has an application under review. */
export async function membershipState(
  db: Kysely<DB>,
  geoid: string,
): Promise<"member" | "pending" | "none"> {
  if (await isMemberGeoid(db, geoid)) return "member";
  const pending = await db
    .selectFrom("membership_applications")
    .select("id")
    .where("geoid", "=", geoid)
    .where("status", "=", "pending")
    .executeTakeFirst();
  return pending ? "pending" : "none";
}

/** Applications waiting for review: what the admin front page counts as needing attention. */
export async function countPendingApplications(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom("membership_applications")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("status", "=", "pending")
    .executeTakeFirstOrThrow();
  return Number(row.n);
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

/** What storing an application did, and the application that stands. */
export interface StoredApplication {
  /** Ours (`created`), the one this form made before (`resent`), or the place's (`pending`). */
  id: string;
  state: "created" | "resent" | "pending";
}

/**
 * Stores an application, unless the same form (its submission key) made one already or another
 * application for the place is under review. Both are unique in the database (the key; one
 * pending application per place, migration 0012), so two posts at the same moment cannot both
 * pass: the loser's insert does nothing (PostgreSQL first waits for the winner's commit) and it
 * answers with the application that won.
 */
export async function createApplication(
  db: Kysely<DB>,
  a: NewApplication,
): Promise<StoredApplication> {
  const earlier = await applicationIdBySubmissionKey(db, a.submissionKey);
  if (earlier) return { id: earlier, state: "resent" };
  const id = randomUUID();
  const row = {
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
    status: "pending" as const,
    decision_reason: null,
    submission_key: a.submissionKey,
    created_at: new Date().toISOString(),
    decided_at: null,
  };
  // A second try only if the application that blocked ours was decided in between.
  for (let attempt = 0; attempt < 2; attempt++) {
    const inserted = await db
      .insertInto("membership_applications")
      .values(row)
      // No conflict target: either unique index (the key, or the place's pending application).
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return { id, state: "created" };
    const resent = await applicationIdBySubmissionKey(db, a.submissionKey);
    if (resent) return { id: resent, state: "resent" };
    const pending = await db
      .selectFrom("membership_applications")
      .select("id")
      .where("geoid", "=", a.geography.geoid)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (pending) return { id: pending.id, state: "pending" };
  }
  throw new Error(`application for ${a.geography.geoid} neither stored nor blocked`);
}

/** The application a form with this submission key created, if any. */
export async function applicationIdBySubmissionKey(
  db: Kysely<DB>,
  submissionKey: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom("membership_applications")
    .select("id")
    .where("submission_key", "=", submissionKey)
    .executeTakeFirst();
  return row?.id;
}

export type Application = Selectable<MembershipApplicationsTable>;

/** The newest 200 applications: those pending (oldest first), and the last 50 decided. */
export async function listApplications(db: Kysely<DB>) {
  const rows = await db
    .selectFrom("membership_applications")
    .selectAll()
    .orderBy("created_at", "desc")
    .limit(200)
    .execute();
  return {
    pending: rows.filter((r) => r.status === "pending").reverse(),
    decided: rows.filter((r) => r.status !== "pending").slice(0, 50),
  };
}

export async function findApplication(
  db: Kysely<DB>,
  id: string,
): Promise<Application | undefined> {
  return db
    .selectFrom("membership_applications")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
}

/**
 * Records a decision on an application that is still pending (compare-and-set): false when it
 * was decided already, by another reviewer or an earlier click.
 */
export async function recordDecision(
  db: Kysely<DB>,
  id: string,
  decision: { status: Exclude<ApplicationStatus, "pending">; reason: string | null; at: string },
): Promise<boolean> {
  const updated = await db
    .updateTable("membership_applications")
    .set({ status: decision.status, decided_at: decision.at, decision_reason: decision.reason })
    .where("id", "=", id)
    .where("status", "=", "pending")
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}
