import { type Kysely, sql } from "kysely";

// One pending membership application per place, enforced by the database: two applications sent
// at the same moment both passed the service's "is one under review?" check on PostgreSQL
// (issue 9, item 6). Pending invitations already have theirs (0007, `invitations_pending`).
export async function up(db: Kysely<unknown>): Promise<void> {
  // Duplicates made before this index existed would make it fail: the oldest pending application
  // of a place stays under review, the later ones are declined as duplicates (the only settled
  // status the table allows). Their applicants are not mailed: staff see them, with this reason,
  // among the decided applications.
  const at = new Date().toISOString();
  await sql`
    update membership_applications
    set status = 'declined',
        decided_at = ${at},
        decision_reason = 'Duplicate: an earlier application for this place is under review.'
    where status = 'pending'
      and exists (
        select 1 from membership_applications earlier
        where earlier.geoid = membership_applications.geoid
          and earlier.status = 'pending'
          and (earlier.created_at < membership_applications.created_at
            or (earlier.created_at = membership_applications.created_at
              and earlier.id < membership_applications.id)))`.execute(db);
  await sql`create unique index membership_applications_one_pending
    on membership_applications (geoid) where status = 'pending'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("membership_applications_one_pending").execute();
}
