// People who work for member jurisdictions, invitations and their mails, for the tests of
// invitations, /account/team and /admin/users. Memberships are written directly, as an
// accepted invitation would write them.
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import type { Kysely } from "kysely";
import type { DB, Jurisdiction, MembershipRole, NewJurisdiction } from "../../src/db/index.js";
import { createUser, deliveredTo, type NewUser } from "./accounts.js";
import { buildMember, buildMembership } from "./builders.js";
import type { SmtpTestServer } from "./smtp.js";

/** @deprecated Use `buildMember` (test/support/builders.ts), which this calls. */
export async function addJurisdiction(
  db: Kysely<DB>,
  overrides: Partial<NewJurisdiction> = {},
): Promise<Jurisdiction> {
  return buildMember(db, overrides);
}

/**
 * Makes `userId` work for a jurisdiction in `role`. A shorthand for `buildMembership`
 * (test/support/builders.ts), which new tests use.
 */
export async function addMembership(
  db: Kysely<DB>,
  userId: string,
  jurisdictionId: string,
  role: MembershipRole,
): Promise<void> {
  await buildMembership(db, { user: userId, jurisdiction: jurisdictionId, role });
}

/** A jurisdiction of the (seeded) roster by its slug; fails the test when it is missing. */
export async function jurisdictionBySlug(db: Kysely<DB>, slug: string): Promise<Jurisdiction> {
  return db
    .selectFrom("jurisdictions")
    .selectAll()
    .where("slug", "=", slug)
    .executeTakeFirstOrThrow(() => new Error(`no jurisdiction with slug ${slug}`));
}

/** Makes `userId` work for the jurisdiction with this slug, in `role`; returns its id. */
export async function addMembershipBySlug(
  db: Kysely<DB>,
  userId: string,
  slug: string,
  role: MembershipRole,
): Promise<string> {
  const { id } = await jurisdictionBySlug(db, slug);
  await addMembership(db, userId, id, role);
  return id;
}

/**
 * Creates a person who works for `jurisdictionId` in `role`; returns their id. New tests use
 * `buildPerson(app, { jurisdiction, membershipRole })` (test/support/builders.ts).
 */
export async function createMember(
  app: FastifyInstance,
  user: NewUser,
  jurisdictionId: string,
  role: MembershipRole,
): Promise<string> {
  const id = await createUser(app, user);
  await addMembership(app.db, id, jurisdictionId, role);
  return id;
}

/** The role someone has at a jurisdiction, or undefined. */
export async function membershipRole(
  db: Kysely<DB>,
  userId: string,
  jurisdictionId: string,
): Promise<MembershipRole | undefined> {
  const row = await db
    .selectFrom("memberships")
    .select("role")
    .where("user_id", "=", userId)
    .where("jurisdiction_id", "=", jurisdictionId)
    .executeTakeFirst();
  return row?.role;
}

/** The newest mail to an address, from the outbox. */
export async function lastMailTo(db: Kysely<DB>, to: string) {
  const mails = await db
    .selectFrom("outbox")
    .selectAll()
    .where("to_address", "=", to)
    .orderBy("created_at", "desc")
    .execute();
  const mail = mails[0];
  assert.ok(mail, `a mail to ${to}`);
  return mail;
}

/**
 * The invitation link of the newest mail delivered to an address (through the test SMTP server
 * the app's SMTP_URL names): its path (with ?token=), token and the mail.
 */
export async function invitationLinkFor(
  app: FastifyInstance,
  smtp: SmtpTestServer,
  to: string,
  publicUrl = "https://cfa.test",
) {
  const mail = (await deliveredTo(app, smtp, to)).at(-1);
  assert.ok(mail, `a mail delivered to ${to}`);
  const url = mail.text.match(/https:\/\/\S+\/account\/invitation\?token=[A-Za-z0-9_-]+/)?.[0];
  assert.ok(url, `an invitation link in: ${mail.text}`);
  const path = url.slice(publicUrl.length);
  const token = new URL(url).searchParams.get("token") ?? "";
  return { path, token, mail };
}

/** How many rows a table has (to show a refused request wrote nothing). */
export async function countRows(
  db: Kysely<DB>,
  table: "users" | "memberships" | "invitations" | "outbox" | "audit_log" | "accounts",
): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
