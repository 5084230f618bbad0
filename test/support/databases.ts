// A fresh database per test suite (per dialect), copied from a template that is migrated and
// holds the Census snapshots: an SQLite file copy, or PostgreSQL's CREATE DATABASE ... TEMPLATE.
// scripts/test.ts makes the templates once per run; a test file run on its own migrates and
// loads its databases itself (slower, same result).
import { randomBytes } from "node:crypto";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Kysely } from "kysely";
import pg from "pg";
import type { Config } from "../../src/config/config.js";
import { type DatabaseKind, type DB, migrateToLatest, openDatabase } from "../../src/db/index.js";
import { loadCensusSnapshots } from "../../src/members/index.js";

export const isCI = process.env.CI === "true";
const pgUrl = process.env.TEST_DATABASE_URL;
const SQLITE_TEMPLATE = "CFA_TEST_SQLITE_TEMPLATE";
const PG_TEMPLATE = "CFA_TEST_PG_TEMPLATE";

/** The dialects to run on, each with a reason when it must be skipped. */
export function testDialects(): { kind: DatabaseKind; skip: string | false }[] {
  if (!pgUrl && isCI) {
    throw new Error(
      "CI=true but TEST_DATABASE_URL is not set: PostgreSQL tests cannot be skipped in CI",
    );
  }
  return [
    { kind: "sqlite", skip: false },
    {
      kind: "postgres",
      skip: pgUrl ? false : "PostgreSQL tests skipped: TEST_DATABASE_URL is not set",
    },
  ];
}

export interface TestDatabase {
  settings: Config["database"];
  drop(): Promise<void>;
}

/** Migrates a database and loads the Census snapshots into it (unless census is false). */
async function prepare(settings: Config["database"], census = true): Promise<void> {
  const database = openDatabase(settings);
  try {
    await migrateToLatest(database.db);
    if (census) await loadCensusSnapshots(database.db);
  } finally {
    await database.close();
  }
}

// Named after the database TEST_DATABASE_URL names, so whoever made that one can find and drop
// what an interrupted run leaves behind (.ci/run does).
function pgName(suffix: string): { name: string; url: string } {
  if (!pgUrl) throw new Error("TEST_DATABASE_URL is not set");
  const url = new URL(pgUrl);
  const base =
    decodeURIComponent(url.pathname.slice(1))
      .replace(/[^a-z0-9_]/gi, "")
      .slice(0, 30) || "cfa";
  const name = `${base}_${suffix}`.toLowerCase();
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

export interface TestDatabaseOptions {
  /**
   * Load the Census snapshots (default true); false gives a database only migrated, as a new one
   * is before the server first starts.
   */
  census?: boolean;
}

/** Creates a migrated database of the given kind holding the Census snapshots and nothing else. */
export async function createTestDatabase(
  kind: DatabaseKind,
  { census = true }: TestDatabaseOptions = {},
): Promise<TestDatabase> {
  if (kind === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "cfa-test-"));
    const path = join(dir, "test.sqlite");
    const template = census ? process.env[SQLITE_TEMPLATE] : undefined;
    if (template) copyFileSync(template, path);
    else await prepare({ kind: "sqlite", path }, census);
    return {
      settings: { kind: "sqlite", path },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const { name, url } = pgName(`t${process.pid}_${randomBytes(4).toString("hex")}`);
  const template = census ? process.env[PG_TEMPLATE] : undefined;
  await adminQuery(`create database ${name}${template ? ` template ${template}` : ""}`);
  if (!template) await prepare({ kind: "postgres", url }, census);
  return {
    settings: { kind: "postgres", url },
    drop: () => adminQuery(`drop database if exists ${name} with (force)`),
  };
}

/**
 * Makes the templates for a whole run; returns the environment that points test processes at
 * them, and a function that removes them.
 */
export async function createTemplates(): Promise<{
  env: Record<string, string>;
  drop(): Promise<void>;
}> {
  const dir = mkdtempSync(join(tmpdir(), "cfa-template-"));
  const path = join(dir, "template.sqlite");
  await prepare({ kind: "sqlite", path });
  const env: Record<string, string> = { [SQLITE_TEMPLATE]: path };
  let pgTemplate: string | undefined;
  if (pgUrl) {
    const { name, url } = pgName(`tpl${process.pid}`);
    await adminQuery(`drop database if exists ${name} with (force)`);
    await adminQuery(`create database ${name}`);
    await prepare({ kind: "postgres", url });
    env[PG_TEMPLATE] = name;
    pgTemplate = name;
  }
  return {
    env,
    drop: async () => {
      rmSync(dir, { recursive: true, force: true });
      if (pgTemplate) await adminQuery(`drop database if exists ${pgTemplate} with (force)`);
    },
  };
}

async function adminQuery(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * Every row a staff or public form could write, as one string: equal before and after a
 * request, and that request changed nothing.
 */
export async function dataFingerprint(db: Kysely<DB>): Promise<string> {
  const tables = [
    "jurisdictions",
    "memberships",
    "users",
    "accounts",
    "two_factors",
    "content_blocks",
    "membership_applications",
    "invitations",
    "audit_log",
    "outbox",
    "campaigns",
    "campaign_texts",
    "campaign_actions",
    "action_texts",
    "event_details",
    "event_rsvps",
    "social_messages",
    "participations",
    "social_posts",
    "social_graphics",
    "social_graphic_alts",
    "federal_rules",
    "comment_actions",
    "comment_templates",
    "comment_drafts",
    "comment_draft_versions",
    "resources",
    "resource_versions",
    "resource_topics",
    "resource_members",
    "resource_files",
    "resource_file_alts",
    "resource_sections",
    "resource_messages",
    "issue_pages",
    "issue_page_versions",
    "issue_page_items",
  ] as const;
  // All at once: on PostgreSQL the pool's connections answer side by side (the hostile-input and
  // authorization suites take hundreds of fingerprints).
  const parts = await Promise.all(
    tables.map(async (table) => {
      const rows = await db.selectFrom(table).selectAll().execute();
      return [table, ...rows.map((r) => JSON.stringify(r)).sort()].join("\n");
    }),
  );
  return parts.join("\n");
}
