import { type Kysely, sql } from "kysely";

/** A CHECK (column IN (...)) clause with literal values, valid on both engines. */
function sqlIn(column: string, values: string[]) {
  return sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
}

// Invitations to a coalition role or to a member jurisdiction (src/accounts/invitations.ts).
// Ours, not better-auth's: ISO-text timestamps. Only the SHA-256 of the token is kept.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("invitations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("email", "text", (c) => c.notNull().check(sql`email = lower(email)`))
    .addColumn("name", "text")
    .addColumn("coalition_role", "text", (c) =>
      c.check(sqlIn("coalition_role", ["coalition_admin", "coalition_editor"])),
    )
    .addColumn("jurisdiction_id", "text", (c) =>
      c.references("jurisdictions.id").onDelete("cascade"),
    )
    .addColumn("membership_role", "text", (c) =>
      c.check(sqlIn("membership_role", ["member_admin", "member_staff"])),
    )
    .addColumn("locale", "text", (c) => c.notNull().check(sqlIn("locale", ["en", "es", "zh-Hans"])))
    .addColumn("invited_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("accepted_at", "text")
    .addColumn("revoked_at", "text")
    // Either a coalition role, or a jurisdiction with a role there: never both, never neither.
    .addCheckConstraint(
      "invitations_target",
      sql`(coalition_role is not null and jurisdiction_id is null and membership_role is null)
        or (coalition_role is null and jurisdiction_id is not null and membership_role is not null)`,
    )
    .addCheckConstraint("invitations_settled_once", sql`accepted_at is null or revoked_at is null`)
    .execute();
  // One pending invitation per address and place (the coalition, or one jurisdiction).
  await sql`create unique index invitations_pending on invitations
    (email, coalesce(jurisdiction_id, '')) where accepted_at is null and revoked_at is null`.execute(
    db,
  );
  await db.schema
    .createIndex("invitations_jurisdiction_id")
    .on("invitations")
    .column("jurisdiction_id")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("invitations").execute();
}
