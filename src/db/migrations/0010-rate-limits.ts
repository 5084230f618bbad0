import type { Kysely } from "kysely";

// Rate-limit counters, shared by every process on this database (http/rate-limit-store.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("rate_limits")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("hits", "integer", (c) => c.notNull())
    // Milliseconds since the epoch: past 2^31, so bigint on PostgreSQL.
    .addColumn("reset_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("rate_limits_reset_at")
    .on("rate_limits")
    .column("reset_at")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("rate_limits").execute();
}
