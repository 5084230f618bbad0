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

/**
 * Stores an application. The submission key is unique: a second POST of the same form finds the
 * first application (created: false) instead of making another.
 */
export async function createApplication(
  db: Kysely<DB>,
  a: NewApplication,
): Promise<{ id: string; created: boolean }> {
  const existing = await applicationIdBySubmissionKey(db, a.submissionKey);
  if (existing) return { id: existing, created: false };
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

/** Records a decision on an application. */
export async function recordDecision(
  db: Kysely<DB>,
  id: string,
  decision: { status: Exclude<ApplicationStatus, "pending">; reason: string | null; at: string },
): Promise<void> {
  await db
    .updateTable("membership_applications")
    .set({ status: decision.status, decided_at: decision.at, decision_reason: decision.reason })
    .where("id", "=", id)
    .execute();
}
