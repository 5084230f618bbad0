import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
  createTestDatabase,
  type TestDatabase,
  testDialects,
} from "../../test/support/databases.js";
import type { Database } from "../db/index.js";
import { type OpenOptions, withDatabase } from "./database.js";
import { CliError } from "./errors.js";

const SNAPSHOTS = [
  "place_county_relationship_2020.csv",
  "places_65k_acs2015_foreign_born.csv",
  "counties_acs2012_2016_foreign_born.csv",
  "counties_quickfacts_acs2009_2013_language.csv",
];

/** How many geographies the database holds, and whether Boston is among them. */
async function geographies({ db }: Database): Promise<{ count: number; boston: boolean }> {
  const rows = await db.selectFrom("census_geographies").select("geoid").execute();
  return { count: rows.length, boston: rows.some((r) => r.geoid === "2507000") };
}

for (const { kind, skip } of testDialects()) {
  describe(`cfa's database helper [${kind}]`, { skip }, () => {
    let fresh: TestDatabase;
    // A database migrated and nothing else, as one is before the server first starts.
    before(async () => {
      fresh = await createTestDatabase(kind, { census: false });
    });
    after(() => fresh?.drop());

    it("loads the Census snapshots into a database only migrated, then never again", async () => {
      const notices: string[] = [];
      const options: OpenOptions = { settings: fresh.settings, notice: (l) => notices.push(l) };
      const first = await withDatabase(options, async (database, prepared) => ({
        prepared,
        geographies: await geographies(database),
      }));
      assert.deepEqual(first.prepared.snapshots, SNAPSHOTS);
      assert.deepEqual(first.prepared.migrations, []);
      assert.ok(first.geographies.boston, "Boston (2507000) is a Census place");
      assert.ok(first.geographies.count > 30_000, String(first.geographies.count));
      assert.equal(notices.length, 1);
      assert.match(notices[0] ?? "", new RegExp(`database .* lacked: ${SNAPSHOTS.join(", ")}$`));

      const second = await withDatabase(options, async (database, prepared) => ({
        prepared,
        geographies: await geographies(database),
      }));
      assert.deepEqual(second.prepared.snapshots, []);
      assert.deepEqual(second.geographies, first.geographies, "nothing loaded twice");
      assert.equal(notices.length, 1, "no notice when nothing was loaded");
    });
  });
}

describe("cfa's database helper on an SQLite file", () => {
  const dir = mkdtempSync(join(tmpdir(), "cfa-database-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const quiet = { notice: () => {} };

  it("refuses a database that is not migrated, naming `cfa migrate`", async () => {
    const path = join(dir, "empty.sqlite");
    writeFileSync(path, "");
    await assert.rejects(
      withDatabase({ ...quiet, settings: { kind: "sqlite", path } }, async () => {}),
      (error: Error) =>
        error instanceof CliError &&
        /^the database schema is not up to date \(\d+ migration\(s\) not applied, from 0001-foundation\); run `cfa migrate` first$/.test(
          error.message,
        ),
    );
    await assert.rejects(
      withDatabase({ ...quiet, settings: { kind: "sqlite", path: join(dir, "typo.sqlite") } }, () =>
        Promise.resolve(),
      ),
      /^CliError: no database at .*typo\.sqlite \(SQLITE_PATH\); run `cfa migrate` to create it$/,
    );
  });

  it("with migrate, creates, migrates and loads the snapshots in one go", async () => {
    const settings = { kind: "sqlite" as const, path: join(dir, "new.sqlite") };
    const prepared = await withDatabase({ ...quiet, migrate: true, settings }, async (_, p) => p);
    assert.equal(prepared.migrations[0], "0001-foundation");
    assert.deepEqual(prepared.snapshots, SNAPSHOTS);
    const again = await withDatabase({ ...quiet, settings }, async (_, p) => p);
    assert.deepEqual([again.migrations, again.snapshots], [[], []]);
  });
});
