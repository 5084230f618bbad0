import { type ColumnDataType, type Kysely, PostgresAdapter, sql } from "kysely";

/** A CHECK (column IN (...)) clause with literal values, valid on both engines. */
function sqlIn(column: string, values: string[]) {
  return sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
}

// better-auth (docs/decisions/0004) owns users, sessions, accounts, verifications and
// two_factors. Its schema check wants timestamptz and boolean on PostgreSQL, date and integer
// on SQLite, so these tables (unlike ours) use engine types: the one exception to "ISO text, 0/1".
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const time: ColumnDataType = postgres ? "timestamptz" : "date";
  const flag: ColumnDataType = postgres ? "boolean" : "integer";
  const no = postgres ? sql.lit(false) : sql.lit(0);

  // Rebuilt (not altered) so SQLite and PostgreSQL follow the same path; ids are kept.
  await db.schema
    .createTable("users_new")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("email_verified", flag, (c) => c.notNull().defaultTo(no))
    .addColumn("image", "text")
    .addColumn("coalition_role", "text", (c) =>
      c.check(sqlIn("coalition_role", ["coalition_admin", "coalition_editor"])),
    )
    .addColumn("two_factor_enabled", flag, (c) => c.defaultTo(no))
    .addColumn("created_at", time, (c) => c.notNull())
    .addColumn("updated_at", time, (c) => c.notNull())
    .execute();
  // Our created_at was ISO text; PostgreSQL casts it, SQLite keeps the text (a valid date).
  const created = postgres ? sql`cast(created_at as timestamptz)` : sql`created_at`;
  await sql`insert into users_new (id, email, name, email_verified, coalition_role, two_factor_enabled, created_at, updated_at)
    select id, lower(email), name, ${no}, role, ${no}, ${created}, ${created} from users`.execute(
    db,
  );

  await db.schema
    .createTable("accounts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("provider_id", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("users_new.id").onDelete("cascade"))
    .addColumn("access_token", "text")
    .addColumn("refresh_token", "text")
    .addColumn("id_token", "text")
    .addColumn("access_token_expires_at", time)
    .addColumn("refresh_token_expires_at", time)
    .addColumn("scope", "text")
    .addColumn("password", "text")
    .addColumn("created_at", time, (c) => c.notNull())
    .addColumn("updated_at", time, (c) => c.notNull())
    .execute();
  // Each password hash (already in better-auth's format, src/cli/password.ts) becomes a
  // credential account whose account id is the user id, as better-auth writes it on sign-up.
  await sql`insert into accounts (id, account_id, provider_id, user_id, password, created_at, updated_at)
    select id, id, 'credential', id, password_hash, ${created}, ${created} from users`.execute(db);

  await db.schema.dropTable("users").execute();
  await db.schema.alterTable("users_new").renameTo("users").execute();
  await db.schema.createIndex("accounts_user_id").on("accounts").column("user_id").execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("expires_at", time, (c) => c.notNull())
    .addColumn("token", "text", (c) => c.notNull().unique())
    .addColumn("created_at", time, (c) => c.notNull())
    .addColumn("updated_at", time, (c) => c.notNull())
    .addColumn("ip_address", "text")
    .addColumn("user_agent", "text")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("active_jurisdiction_id", "text", (c) =>
      c.references("jurisdictions.id").onDelete("set null"),
    )
    .execute();
  await db.schema.createIndex("sessions_user_id").on("sessions").column("user_id").execute();

  await db.schema
    .createTable("verifications")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("identifier", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("expires_at", time, (c) => c.notNull())
    .addColumn("created_at", time, (c) => c.notNull())
    .addColumn("updated_at", time, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("verifications_identifier")
    .on("verifications")
    .column("identifier")
    .execute();

  await db.schema
    .createTable("two_factors")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("secret", "text", (c) => c.notNull())
    .addColumn("backup_codes", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("verified", flag, (c) => c.defaultTo(postgres ? sql.lit(true) : sql.lit(1)))
    .addColumn("failed_verification_count", "integer", (c) => c.defaultTo(0))
    .addColumn("locked_until", time)
    .execute();
  await db.schema.createIndex("two_factors_secret").on("two_factors").column("secret").execute();
  await db.schema.createIndex("two_factors_user_id").on("two_factors").column("user_id").execute();

  // Ours: who works for which member jurisdiction. Coalition roles stay on users.
  await db.schema
    .createTable("memberships")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("jurisdiction_id", "text", (c) =>
      c.notNull().references("jurisdictions.id").onDelete("cascade"),
    )
    .addColumn("role", "text", (c) =>
      c.notNull().check(sqlIn("role", ["member_admin", "member_staff"])),
    )
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("memberships_pk", ["user_id", "jurisdiction_id"])
    .execute();
  await db.schema
    .createIndex("memberships_jurisdiction_id")
    .on("memberships")
    .column("jurisdiction_id")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // Data is not moved back: passwords live in accounts from here on.
  for (const table of ["memberships", "two_factors", "verifications", "sessions", "accounts"]) {
    await db.schema.dropTable(table).execute();
  }
}
