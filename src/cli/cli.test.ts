import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, describe, it } from "node:test";
import { verifyPassword } from "better-auth/crypto";
import type { Kysely } from "kysely";
import { describeEachDatabase } from "../../test/support/app.js";
import { buildMember, jurisdictionRow } from "../../test/support/builders.js";
import { createTestDatabase } from "../../test/support/databases.js";
import { seedContent } from "../content/index.js";
import { type DatabaseKind, type DB, openDatabase } from "../db/index.js";
import { createAdmin } from "./create-admin.js";
import { CliError } from "./errors.js";
import {
  EXPORT_TABLES,
  type ExportDump,
  exportData,
  importData,
  type Row,
  serializeDump,
} from "./export-import.js";

const PASSWORD = "correct horse battery staple";

/** Rows of every table (users with their hashes), each sorted so order does not matter. */
async function snapshot(db: Kysely<DB>): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of EXPORT_TABLES) {
    const rows = await db.selectFrom(table).selectAll().execute();
    out[table] = sortRows(rows);
  }
  return out;
}

function sortRows(rows: readonly object[]): string[] {
  return rows
    .map((row) => JSON.stringify(Object.entries(row).sort(([a], [b]) => (a < b ? -1 : 1))))
    .sort();
}

/** A dump as it comes back from a file. */
function roundTrip(dump: ExportDump): unknown {
  return JSON.parse(serializeDump(dump));
}

describeEachDatabase("cfa export and import", { seed: false }, (ctx) => {
  const drops: (() => Promise<void>)[] = [];
  // The source: a roster of five (a county, a former member, an applicant among them) and the
  // site texts in every language.
  before(async () => {
    const db = ctx.database.db;
    await buildMember(db, { state: "CA", website: "https://example.org/" });
    await buildMember(db, { state: "TX", kind: "county", executive_name: "Ann Example" });
    await buildMember(db, { status: "former" });
    await buildMember(db, { status: "applicant", joined_on: null });
    await buildMember(db, { name: 'Ñandú "quoted", 市', is_demo: 1 });
    await seedContent(db, "2026-01-15T12:00:00.000Z");
  });
  after(async () => {
    for (const drop of drops) await drop();
  });

  /** A migrated, empty database of the suite's kind, closed and dropped after the suite. */
  async function freshDb(): Promise<Kysely<DB>> {
    const testDb = await createTestDatabase(ctx.kind as DatabaseKind);
    const database = openDatabase(testDb.settings);
    drops.push(async () => {
      await database.close();
      await testDb.drop();
    });
    return database.db;
  }

  it("export then import into a fresh database reproduces every content table", async () => {
    const source = ctx.database.db;
    await createAdmin(source, {
      email: "exporter@example.org",
      name: "Ex Porter",
      password: PASSWORD,
    });
    const dump = await exportData(source);
    assert.equal(dump.format, "cfa-export");
    assert.equal(dump.version, 1);
    assert.ok(!Number.isNaN(Date.parse(dump.exportedAt)));
    assert.deepEqual(Object.keys(dump.tables), [...EXPORT_TABLES]);
    assert.ok((dump.tables.jurisdictions?.length ?? 0) > 0, "the roster is exported");
    assert.ok((dump.tables.users?.length ?? 0) > 0);
    for (const user of dump.tables.users ?? []) assert.ok(!("password_hash" in user));

    const target = await freshDb();
    const outcome = await importData(target, roundTrip(dump));
    assert.deepEqual(outcome.skipped, ["users"]);
    assert.deepEqual(outcome.deleted, {});

    const [before, copied] = [await snapshot(source), await snapshot(target)];
    for (const table of ["jurisdictions", "content_blocks"] as const) {
      assert.deepEqual(copied[table], before[table], `${table} is copied exactly`);
      assert.equal(outcome.inserted[table], before[table]?.length);
    }
    assert.deepEqual(copied.users, [], "accounts are never imported");
    const again = await exportData(target);
    assert.deepEqual({ ...again.tables, users: [] }, { ...dump.tables, users: [] });
  });

  it("refuses a database that holds rows without --replace, changing nothing", async () => {
    const db = ctx.database.db;
    const dump = await exportData(db);
    const before = await snapshot(db);
    await assert.rejects(
      importData(db, roundTrip(dump)),
      (error: Error) =>
        error instanceof CliError &&
        /already holds rows in jurisdictions/.test(error.message) &&
        /--replace/.test(error.message),
    );
    assert.deepEqual(await snapshot(db), before);
  });

  it("--replace swaps the imported tables' rows and keeps users", async () => {
    const full = await exportData(ctx.database.db);
    const target = await freshDb();
    await importData(target, roundTrip(full));
    await createAdmin(target, { email: "stays@example.org", name: "Stays", password: PASSWORD });

    const kept = (full.tables.jurisdictions ?? []).slice(0, 2);
    const smaller: ExportDump = { ...full, tables: { jurisdictions: kept, content_blocks: [] } };
    const outcome = await importData(target, roundTrip(smaller), { replace: true });
    assert.equal(outcome.deleted.jurisdictions, full.tables.jurisdictions?.length);
    assert.deepEqual(outcome.skipped, []);
    const after = await snapshot(target);
    assert.deepEqual(after.jurisdictions, sortRows(kept));
    assert.deepEqual(after.content_blocks, []);
    assert.equal(after.users?.length, 1, "users are never deleted");
  });

  it("writes more rows than one batch", async () => {
    const target = await freshDb();
    const jurisdictions = Array.from({ length: 450 }, (_, i) =>
      jurisdictionRow({ geoid: String(1000000 + i), slug: `j-${i}` }),
    ) as Row[];
    const outcome = await importData(target, {
      format: "cfa-export",
      version: 1,
      exportedAt: new Date().toISOString(),
      tables: { jurisdictions },
    });
    assert.equal(outcome.inserted.jurisdictions, 450);
    const counted = await target
      .selectFrom("jurisdictions")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    assert.equal(Number(counted.n), 450);
  });

  it("a corrupt dump fails with a clear message and leaves the target unchanged", async () => {
    const full = await exportData(ctx.database.db);
    const target = await freshDb();
    await importData(target, roundTrip(full));
    await createAdmin(target, { email: "owner@example.org", name: "Owner", password: PASSWORD });
    const before = await snapshot(target);

    // A copy of the dump as parsed from a file, loosely typed so a test can break it.
    type Loose = Record<string, unknown> & { tables: Record<string, unknown> };
    const corrupt = (change: (dump: Loose, row: (table: string, i: number) => Row) => void) => {
      const dump = roundTrip(full) as Loose;
      change(dump, (table, i) => (dump.tables[table] as Row[])[i] as Row);
      return dump;
    };
    const cases: [string, unknown, RegExp][] = [
      ["not an object", [], /expected a JSON object/],
      [
        "another format",
        corrupt((d) => Object.assign(d, { format: "other" })),
        /"format" is "other"/,
      ],
      [
        "a newer version",
        corrupt((d) => Object.assign(d, { version: 2 })),
        /unsupported export version 2/,
      ],
      [
        "an unknown table",
        corrupt((d) => Object.assign(d.tables, { members: [] })),
        /unknown table "members"/,
      ],
      [
        "rows that are not an array",
        corrupt((d) => Object.assign(d.tables, { jurisdictions: {} })),
        /tables.jurisdictions must be an array/,
      ],
      [
        "a row that is not an object",
        corrupt((d) => void (d.tables.content_blocks as unknown[]).push("x")),
        new RegExp(
          `tables.content_blocks\\[${full.tables.content_blocks?.length}\\] is not an object`,
        ),
      ],
      [
        "an unknown column",
        corrupt((_, row) => Object.assign(row("jurisdictions", 0), { mayor: "x" })),
        /tables.jurisdictions\[0\] has unknown column "mayor"/,
      ],
      [
        "a missing column",
        corrupt((_, row) => void delete row("jurisdictions", 3).name),
        /tables.jurisdictions\[3\] lacks column\(s\) name/,
      ],
      [
        "a nested value",
        corrupt((_, row) => Object.assign(row("jurisdictions", 0), { name: { en: "x" } })),
        /tables.jurisdictions\[0\].name must be a string, a number or null/,
      ],
    ];
    for (const [what, dump, message] of cases) {
      await assert.rejects(importData(target, dump, { replace: true }), message, what);
    }

    // Caught by the database only after the deletes and the earlier tables' inserts.
    const lastBlock = (full.tables.content_blocks?.length ?? 0) - 1;
    const blocks = corrupt((_, row) =>
      Object.assign(row("content_blocks", lastBlock), { body: null }),
    );
    await assert.rejects(
      importData(target, blocks, { replace: true }),
      new RegExp(`could not import content_blocks rows 1-${lastBlock + 1}: .*nothing was written`),
    );
    assert.deepEqual(await snapshot(target), before, "the transaction was rolled back");
  });

  it("a NOT NULL violation in a later batch leaves an empty database empty", async () => {
    const target = await freshDb();
    const jurisdictions = Array.from({ length: 450 }, (_, i) =>
      jurisdictionRow({ geoid: String(2000000 + i), slug: `k-${i}` }),
    ) as Row[];
    (jurisdictions[430] as Row).state = null;
    await assert.rejects(
      importData(target, {
        format: "cfa-export",
        version: 1,
        exportedAt: "",
        tables: { jurisdictions },
      }),
      /could not import jurisdictions rows 401-450/,
    );
    assert.deepEqual(await snapshot(target), await snapshot(await freshDb()));
  });
});

describeEachDatabase("cfa create-admin", { seed: false }, (ctx) => {
  it("creates the user through better-auth, with a hash the password verifies", async () => {
    const db = ctx.database.db;
    const before = Date.now();
    const admin = await createAdmin(db, {
      email: " Ada@Example.ORG ",
      name: " Ada Lovelace ",
      password: PASSWORD,
    });
    assert.equal(admin.role, "coalition_admin");
    const row = await db
      .selectFrom("users")
      .selectAll()
      .where("id", "=", admin.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.id, admin.id);
    assert.equal(row.email, "ada@example.org");
    assert.equal(row.name, "Ada Lovelace");
    assert.equal(row.coalition_role, "coalition_admin");
    assert.ok(new Date(row.created_at).getTime() >= before - 1000);
    const account = await db
      .selectFrom("accounts")
      .selectAll()
      .where("user_id", "=", admin.id)
      .executeTakeFirstOrThrow();
    assert.equal(account.provider_id, "credential");
    const hash = account.password ?? "";
    assert.match(hash, /^[0-9a-f]{32}:[0-9a-f]{128}$/);
    assert.ok(!hash.includes(PASSWORD));
    assert.equal(await verifyPassword({ hash, password: PASSWORD }), true);
    assert.equal(await verifyPassword({ hash, password: `${PASSWORD}!` }), false);
    assert.equal(
      (await db.selectFrom("sessions").select("id").execute()).length,
      0,
      "no session is opened for the new admin",
    );
  });

  it("refuses a taken e-mail in any letter case, a short password and bad names", async () => {
    const db = ctx.database.db;
    await createAdmin(db, { email: "grace@example.org", name: "Grace", password: PASSWORD });
    const before = await snapshot(db);
    const refusals: [Parameters<typeof createAdmin>[1], RegExp][] = [
      [{ email: "GRACE@example.org", name: "Grace 2", password: PASSWORD }, /already exists/],
      [
        { email: "new@example.org", name: "New", password: "elevenchars" },
        /at least 12 characters/,
      ],
      [{ email: "not-an-address", name: "New", password: PASSWORD }, /not a valid e-mail/],
      [{ email: "new@example.org", name: "", password: PASSWORD }, /1 to 120 characters/],
      [
        { email: "new@example.org", name: "x".repeat(121), password: PASSWORD },
        /1 to 120 characters/,
      ],
      [{ email: "new@example.org", name: "Bell\u0007", password: PASSWORD }, /control characters/],
    ];
    for (const [input, message] of refusals) {
      await assert.rejects(
        createAdmin(db, input),
        (e: Error) => e instanceof CliError && message.test(e.message),
      );
    }
    assert.deepEqual(await snapshot(db), before);
  });
});

describe("the cfa command", () => {
  const dir = mkdtempSync(join(tmpdir(), "cfa-cli-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  // As `npm run cfa` runs it: the bundle (built first when the sources changed, a few seconds).
  const entry = resolve(import.meta.dirname, "..", "..", "scripts", "cfa.mjs");

  function cfa(args: string[], env: Record<string, string> = {}, input?: string) {
    const { DATABASE_URL: _ignored, ...inherited } = process.env;
    const result = spawnSync(process.execPath, [entry, ...args], {
      env: { ...inherited, NODE_ENV: "test", SQLITE_PATH: join(dir, "cfa.sqlite"), ...env },
      encoding: "utf8",
      input,
      timeout: 60_000,
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  it("lists every command with --help", () => {
    const { status, stdout } = cfa(["--help"]);
    assert.equal(status, 0);
    for (const command of [
      "migrate",
      "seed",
      "create-admin",
      "export",
      "import",
      "members",
      "census",
    ]) {
      assert.match(stdout, new RegExp(`^  ${command}\\b.*\\S`, "m"), command);
    }
  });

  it("exports a seeded SQLite database as JSON, and reports errors with exit codes", () => {
    const missing = cfa(["export"]);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /^cfa: no database at .*cfa\.sqlite/);

    const seeded = cfa(["seed"]);
    assert.equal(seeded.status, 0, seeded.stderr);
    assert.match(seeded.stdout, /\nloaded Census snapshot place_county_relationship_2020\.csv\n/);
    const admin = cfa(
      ["create-admin", "--email", "cli@example.org", "--name", "Cli", "--password-stdin"],
      {},
      `${PASSWORD}\n`,
    );
    assert.equal(admin.status, 0, admin.stderr);
    assert.doesNotMatch(admin.stdout + admin.stderr, new RegExp(PASSWORD));

    const exported = cfa(["export"]);
    assert.equal(exported.status, 0, exported.stderr);
    const dump = JSON.parse(exported.stdout) as ExportDump;
    assert.equal(dump.format, "cfa-export");
    assert.ok((dump.tables.jurisdictions?.length ?? 0) > 0);
    // The admin just made, and the demo accounts `cfa seed` wrote; never a password hash.
    const emails = dump.tables.users?.map((u) => u.email) ?? [];
    assert.ok(emails.includes("cli@example.org"), emails.join());
    assert.ok(emails.includes("coalition.admin@example.org"), emails.join());
    assert.doesNotMatch(exported.stdout, /password_hash|"password"|scrypt/);

    const file = join(dir, `${randomUUID()}.json`);
    writeFileSync(file, exported.stdout);
    const refused = cfa(["import", file]);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /^cfa: the database already holds rows .*--replace/);
    const replaced = cfa(["import", file, "--replace"]);
    assert.equal(replaced.status, 0, replaced.stderr);
    assert.match(replaced.stdout, /skipped users/);

    const badConfig = cfa(["migrate"], { PORT: "not-a-port" });
    assert.equal(badConfig.status, 78);
    assert.match(badConfig.stderr, /PORT="not-a-port" is not valid/);
  });
});
