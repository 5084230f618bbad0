// Member jurisdictions people work for: membership rows written directly, as an accepted
// invitation would, and the demo roster's jurisdictions looked up by slug.
import type { Kysely } from "kysely";
import type { DB, Jurisdiction, MembershipRole } from "../../src/db/index.js";

/** A jurisdiction of the (seeded) roster by its slug; fails the test when it is missing. */
export async function jurisdictionBySlug(db: Kysely<DB>, slug: string): Promise<Jurisdiction> {
  return db
    .selectFrom("jurisdictions")
    .selectAll()
    .where("slug", "=", slug)
    .executeTakeFirstOrThrow(() => new Error(`no jurisdiction with slug ${slug}`));
}

/** Makes `userId` work for the jurisdiction with this slug, in `role`; returns its id. */
export async function addMembership(
  db: Kysely<DB>,
  userId: string,
  slug: string,
  role: MembershipRole,
): Promise<string> {
  const { id } = await jurisdictionBySlug(db, slug);
  await db
    .insertInto("memberships")
    .values({ user_id: userId, jurisdiction_id: id, role, created_at: new Date().toISOString() })
    .execute();
  return id;
}
