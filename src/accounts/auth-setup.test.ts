// Beside the sign-in tests: the auth secret, the `next` addresses followed after signing in, and
// the migration that brought accounts to an existing database.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { hashPassword } from "better-auth/crypto";
import type { FastifyInstance } from "fastify";
import { type Kysely, type Migration, Migrator } from "kysely";
import pg from "pg";
import {
  newTotpSecret,
  postSignIn,
  rememberTotp,
  signIn,
  TEST_PASSWORD,
} from "../../test/support/accounts.js";
import { testConfig } from "../../test/support/app.js";
import { testDialects } from "../../test/support/databases.js";
import { buildApp } from "../app.js";
import { ConfigError, DEV_AUTH_SECRET, loadConfig } from "../config/config.js";
import {
  type Database,
  type DatabaseKind,
  type DB,
  migrateToLatest,
  openDatabase,
} from "../db/index.js";
import * as foundation from "../db/migrations/0001-foundation.js";
import * as dataRevision from "../db/migrations/0002-data-revision.js";
import * as censusGeography from "../db/migrations/0003-census-geography.js";
import * as applicationsAndOutbox from "../db/migrations/0004-applications-and-outbox.js";
import { LOCALES, type Locale } from "../i18n/index.js";
import { requireCoalitionRole } from "./guards.js";
import { enrollTotp } from "./index.js";
import { safeNext } from "./session.js";

const _es = LOCALES.find((l) => l.tag === "es") as Locale;

describe("safeNext", () => {
  it("keeps paths of this site and refuses everything else", () => {
    for (const good of ["/", "/account", "/es/admin?x=1&y=%2F"]) assert.equal(safeNext(good), good);
    for (const bad of [
      undefined,
      3,
      "",
      "account",
      "//evil.example",
      "/\\evil.example",
      "https://evil.example",
      "/a b",
      "/a\nb",
      `/${"x".repeat(600)}`,
    ]) {
      assert.equal(safeNext(bad), undefined, String(bad));
    }
  });
});

describe("AUTH_SECRET", () => {
  it("is required in production, at least 32 characters, and never echoed", () => {
    assert.throws(
      () => loadConfig({ NODE_ENV: "production" }),
      (e: Error) =>
        e instanceof ConfigError && /AUTH_SECRET is required in production/.test(e.message),
    );
    assert.throws(
      () => loadConfig({ NODE_ENV: "production", AUTH_SECRET: "short-secret" }),
      (e: Error) =>
        e instanceof ConfigError &&
        /AUTH_SECRET/.test(e.message) &&
        !e.message.includes("short-secret"),
    );
    const secret = randomBytes(32).toString("base64");
    assert.equal(
      loadConfig({ NODE_ENV: "production", AUTH_SECRET: secret, CONTACT_EMAIL: "a11y@cfa.test" })
        .authSecret,
      secret,
    );
    assert.equal(loadConfig({ NODE_ENV: "development" }).authSecret, DEV_AUTH_SECRET);
  });
});

/** An empty database of the kind, for migrating step by step. */
async function emptyDatabase(
  kind: DatabaseKind,
): Promise<{ database: Database; drop(): Promise<void> }> {
  if (kind === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "cfa-accounts-"));
    const database = openDatabase({ kind: "sqlite", path: join(dir, "m.sqlite") });
    return {
      database,
      drop: async () => {
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const admin = process.env.TEST_DATABASE_URL ?? "";
  const url = new URL(admin);
  const name =
    `${url.pathname.slice(1).replace(/[^a-z0-9_]/gi, "") || "cfa"}_m${process.pid}_${randomBytes(4).toString("hex")}`.toLowerCase();
  const query = async (statement: string) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await query(`create database ${name}`);
  url.pathname = `/${name}`;
  const database = openDatabase({ kind: "postgres", url: url.toString() });
  return {
    database,
    drop: async () => {
      await database.close();
      await query(`drop database if exists ${name} with (force)`);
    },
  };
}

for (const { kind, skip } of testDialects()) {
  describe(`migration 0005-accounts [${kind}]`, { skip }, () => {
    it("keeps an existing admin, who signs in with the old password", async () => {
      const { database, drop } = await emptyDatabase(kind);
      let app: FastifyInstance | undefined;
      try {
        const before: Record<string, Migration> = {
          "0001-foundation": foundation,
          "0002-data-revision": dataRevision,
          "0003-census-geography": censusGeography,
          "0004-applications-and-outbox": applicationsAndOutbox,
        };
        const old = await new Migrator({
          db: database.db,
          provider: { getMigrations: async () => before },
        }).migrateToLatest();
        assert.equal(old.error, undefined);
        const id = "6f2a1c3e-0000-4000-8000-000000000001";
        // As `cfa create-admin` wrote it before 0005: the hash in users.password_hash.
        await (database.db as unknown as Kysely<Record<string, Record<string, unknown>>>)
          .insertInto("users")
          .values({
            id,
            email: "old@example.org",
            name: "Olga Old",
            password_hash: await hashPassword(TEST_PASSWORD),
            role: "coalition_admin",
            created_at: "2026-01-02T03:04:05.000Z",
          })
          .execute();
        await migrateToLatest(database.db as Kysely<DB>);
        const user = await database.db
          .selectFrom("users")
          .selectAll()
          .where("id", "=", id)
          .executeTakeFirstOrThrow();
        assert.equal(user.coalition_role, "coalition_admin");
        assert.equal(new Date(user.created_at).toISOString(), "2026-01-02T03:04:05.000Z");

        const config = testConfig();
        app = await buildApp(config, { database });
        const guard = { preHandler: requireCoalitionRole("coalition_admin") };
        app.get("/admin/test-guard", guard, async () => ({ ok: true }));
        await app.ready();
        const cookie = await signIn(app, "old@example.org", TEST_PASSWORD, undefined, "10.2.0.1");
        // Signed in, but an admin without two-step verification is sent to turn it on first.
        const unenrolled = await app.inject({ url: "/admin/test-guard", headers: { cookie } });
        assert.equal(unenrolled.statusCode, 303);
        assert.equal(unenrolled.headers.location, "/account/two-factor?next=%2Fadmin%2Ftest-guard");
        const secret = newTotpSecret();
        await enrollTotp(app.auth, database.db, id, secret);
        rememberTotp("old@example.org", secret);
        const enrolled = await signIn(app, "old@example.org", TEST_PASSWORD, undefined, "10.2.0.1");
        const res = await app.inject({ url: "/admin/test-guard", headers: { cookie: enrolled } });
        assert.equal(res.statusCode, 200);
        const wrong = await postSignIn(app, "old@example.org", "not the old password", {
          remoteAddress: "10.2.0.1",
        });
        assert.equal(wrong.res.statusCode, 401);
      } finally {
        await app?.close();
        await drop();
      }
    });
  });
}
