import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import { Command, CommanderError } from "commander";
import { stringify } from "csv-stringify/sync";
import { describeEachDatabase } from "../../test/support/app.js";
import { createTestDatabase, type TestDatabase } from "../../test/support/databases.js";
import { ROSTER_COLUMNS } from "../members/index.js";
import { withDatabase } from "./database.js";
import { CliError } from "./errors.js";
import { type MembersIo, registerMembersCommand } from "./members-command.js";

const dir = mkdtempSync(join(tmpdir(), "cfa-members-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function csv(rows: Record<string, string>[]): string {
  return stringify(
    rows.map((r) => ROSTER_COLUMNS.map((c) => r[c] ?? "")),
    { header: true, columns: [...ROSTER_COLUMNS] },
  );
}

function row(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    geoid: "0653000",
    name: "Oakland",
    kind: "city",
    state: "CA",
    executive_name: "Barbara Lee",
    executive_title: "Mayor",
    website: "https://www.oaklandca.gov",
    status: "member",
    joined_on: "2024-06-01",
    ...overrides,
  };
}

describeEachDatabase("cfa members", { seed: false }, (ctx) => {
  const out = { stdout: "", stderr: "" };

  /** Runs `cfa members ...` in-process (on the suite's database by default), output captured. */
  async function cfa(
    args: string[],
    tty = false,
    withDb: MembersIo["withDb"] = (work) => work(ctx.database.db),
  ): Promise<void> {
    out.stdout = "";
    out.stderr = "";
    const io: MembersIo = {
      stdout: (text) => {
        out.stdout += text;
      },
      stderr: (text) => {
        out.stderr += text;
      },
      stderrIsTTY: tty,
      withDb,
    };
    const program = new Command("cfa")
      .exitOverride()
      .configureOutput({ writeOut: () => {}, writeErr: () => {} });
    registerMembersCommand(program, io);
    await program.parseAsync(args, { from: "user" });
  }

  async function count(): Promise<number> {
    const { n } = await ctx.database.db
      .selectFrom("jurisdictions")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    return Number(n);
  }

  it("shows every bad row before writing, and imports only with --skip-bad-rows", async () => {
    const bad = file(
      "bad.csv",
      csv([
        row(),
        row({ geoid: "9999999", name: "Nowhere" }),
        row({ geoid: "2743000", name: '=HYPERLINK("https://evil.example")', state: "MN" }),
      ]),
    );
    for (const args of [[], ["--dry-run"]]) {
      await assert.rejects(
        cfa(["members", "import", bad, ...args]),
        (error: Error) =>
          error instanceof CliError &&
          /^2 rows have problems \(listed above\); nothing was written\. .*--skip-bad-rows/.test(
            error.message,
          ),
      );
      assert.match(
        out.stdout,
        /bad\.csv: 3 rows: 1 new, 0 to update, 0 unchanged, 2 with problems/,
      );
      assert.match(out.stdout, /\n {2}line 3, geoid: GEOID 9999999 is not a 2020 Census place/);
      assert.match(out.stdout, /\n {2}line 4, name: starts with "=", which a spreadsheet runs/);
      assert.equal(await count(), 0);
    }

    await cfa(["members", "import", bad, "--skip-bad-rows", "--dry-run"]);
    assert.match(out.stdout, /dry run: nothing written; 2 rows would be skipped\n$/);
    assert.equal(await count(), 0);

    await cfa(["members", "import", bad, "--skip-bad-rows"]);
    assert.match(out.stdout, /imported .*bad\.csv: 1 added, 0 updated, 0 unchanged, 2 skipped\n$/);
    assert.equal(out.stderr, "", "no progress line off a terminal");
    assert.equal(await count(), 1);
  });

  it("imports a long file with a progress line, and re-imports its export as a no-op", async () => {
    const places = await ctx.database.db
      .selectFrom("census_geographies")
      .select(["geoid", "name", "state"])
      .where("kind", "=", "place")
      .where("state", "=", "WI")
      .orderBy("geoid")
      .limit(150)
      .execute();
    const long = file(
      "long.csv",
      csv(places.map((p) => row({ geoid: p.geoid, name: p.name, state: p.state }))),
    );
    await cfa(["members", "import", long], true);
    assert.match(out.stderr, /\rwriting 150\/150/);
    assert.match(out.stdout, /: 150 added, 0 updated, 0 unchanged, 0 skipped\n$/);

    const exported = join(dir, "export.csv");
    await cfa(["members", "export", "--output", exported]);
    assert.equal(out.stdout, `exported 151 jurisdictions to ${exported}\n`);
    await cfa(["members", "export"]);
    assert.equal(out.stdout, readFileSync(exported, "utf8"));

    await cfa(["members", "import", exported]);
    assert.match(out.stdout, /: 151 rows: 0 new, 0 to update, 151 unchanged, 0 with problems\n/);
    assert.match(out.stdout, /: 0 added, 0 updated, 151 unchanged, 0 skipped\n$/);

    // An edited export: one website changed is one update, listed before it is written.
    const edited = file(
      "edited.csv",
      readFileSync(exported, "utf8").replace("https://www.oaklandca.gov", "https://oaklandca.gov"),
    );
    await cfa(["members", "import", edited]);
    assert.match(out.stdout, /\n {2}line \d+: update 0653000 Oakland, CA \(website\)\n/);
    assert.match(out.stdout, /: 0 added, 1 updated, 150 unchanged, 0 skipped\n$/);
  });

  describe("on a database only migrated, as before the server first starts", () => {
    let fresh: TestDatabase;
    let largest: string;
    before(async () => {
      fresh = await createTestDatabase(ctx.kind, { census: false });
      // The 200 largest places: a roster of real cities.
      const places = await ctx.database.db
        .selectFrom("census_geographies")
        .select(["geoid", "name", "state"])
        .where("kind", "=", "place")
        .orderBy("population_2020", "desc")
        .limit(200)
        .execute();
      largest = file(
        "largest.csv",
        csv(places.map((p) => row({ geoid: p.geoid, name: p.name, state: p.state }))),
      );
    });
    after(() => fresh?.drop());

    it("loads the Census geographies first, then imports 200 real places", async () => {
      const notices: string[] = [];
      // What the command does by default, on this database instead of the configured one.
      const withDb: MembersIo["withDb"] = (work) =>
        withDatabase({ settings: fresh.settings, notice: (l) => notices.push(l) }, ({ db }) =>
          work(db),
        );
      await cfa(["members", "import", largest], false, withDb);
      assert.match(out.stdout, /: 200 rows: 200 new, 0 to update, 0 unchanged, 0 with problems\n/);
      assert.match(out.stdout, /: 200 added, 0 updated, 0 unchanged, 0 skipped\n$/);
      assert.equal(notices.length, 1);
      assert.match(notices[0] ?? "", /^loaded the Census snapshots .* lacked: /);

      await cfa(["members", "import", largest], false, withDb);
      assert.match(out.stdout, /: 0 added, 0 updated, 200 unchanged, 0 skipped\n$/);
      assert.equal(notices.length, 1, "loaded once");
    });
  });

  it("explains a file it cannot read", async () => {
    await assert.rejects(
      cfa(["members", "import", join(dir, "missing.csv")]),
      /^CliError: cannot read/,
    );
    const latin1 = file("latin1.csv", Buffer.from(`${csv([row({ name: "Doña Ana" })])}`, "latin1"));
    await assert.rejects(
      cfa(["members", "import", latin1]),
      /is not UTF-8 text; save it as CSV UTF-8/,
    );
    const big = file("big.csv", Buffer.alloc(2 * 1024 * 1024 + 1, 0x61));
    await assert.rejects(
      cfa(["members", "import", big]),
      /is 2\.0 MB; a roster file may be at most 2 MB/,
    );
    const header = file("header.csv", "geoid,name\n0653000,Oakland\n");
    await assert.rejects(cfa(["members", "import", header]), /header\.csv was not imported/);
    assert.match(
      out.stdout,
      /cannot be imported:\n {2}line 1: the header lacks column\(s\) kind, state/,
    );
  });

  it("leaves usage errors to commander", async () => {
    await assert.rejects(
      cfa(["members", "import"]),
      (error: Error) =>
        error instanceof CommanderError && error.code === "commander.missingArgument",
    );
    await assert.rejects(
      cfa(["members", "export", "--format", "json"]),
      (error: Error) => error instanceof CommanderError && error.code === "commander.unknownOption",
    );
  });
});

describe("cfa members in its own process", () => {
  let database: TestDatabase;
  let wrapper: string;
  before(async () => {
    // Only migrated: the command must load the Census geographies itself.
    database = await createTestDatabase("sqlite", { census: false });
    // What cfa.ts does: register the commands, print a failure's message, exit 1.
    wrapper = file(
      "wrapper.mjs",
      `import { Command } from ${JSON.stringify(import.meta.resolve("commander"))};
import { registerMembersCommand } from ${JSON.stringify(pathToFileURL(resolve(import.meta.dirname, "members-command.ts")).href)};
const program = new Command("cfa");
registerMembersCommand(program);
try { await program.parseAsync(); }
catch (error) { console.error("cfa: " + error.message); process.exitCode = 1; }
`,
    );
  });
  after(() => database?.drop());

  function run(args: string[]) {
    const { DATABASE_URL: _ignored, ...inherited } = process.env;
    const path = database.settings.kind === "sqlite" ? database.settings.path : "";
    return spawnSync(process.execPath, ["--import", "tsx", wrapper, ...args], {
      cwd: resolve(import.meta.dirname, "..", ".."),
      env: { ...inherited, NODE_ENV: "test", SQLITE_PATH: path },
      encoding: "utf8",
    });
  }

  // One process only (each start takes a second or more); the other paths run in-process above.
  it("prints the problems, then exits 1 with the reason on stderr", () => {
    const bad = file("spawn-bad.csv", csv([row(), row({ geoid: "9999999" })]));
    const refused = run(["members", "import", bad]);
    assert.equal(refused.status, 1, refused.stderr);
    // Oakland's GEOID is known: the geographies were loaded before the rows were checked.
    assert.match(refused.stdout, /: 2 rows: 1 new, 0 to update, 0 unchanged, 1 with problems\n/);
    assert.match(refused.stdout, /\n {2}line 3, geoid: GEOID 9999999/);
    assert.match(refused.stderr, /^loaded the Census snapshots SQLite database .* lacked: /);
    assert.match(refused.stderr, /\ncfa: 1 row has problems \(listed above\); nothing was written/);
  });
});
