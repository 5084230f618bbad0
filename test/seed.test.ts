// Several processes may start at once on one empty database: exactly one seeds it.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { it } from "node:test";
import { en } from "../src/content/seed/en.js";
import { describeEachDatabase } from "./support/app.js";

const CLI = join(import.meta.dirname, "..", "src", "cli", "cfa.ts");

function seedInAnotherProcess(
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", CLI, "seed"], {
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

describeEachDatabase("seeding", { seed: false }, (ctx) => {
  it("seeds an empty database once when several processes start at the same time", async () => {
    const settings = ctx.app.config.database;
    const env: Record<string, string> =
      settings.kind === "sqlite" ? { SQLITE_PATH: settings.path } : { DATABASE_URL: settings.url };
    const runs = await Promise.all([0, 1, 2].map(() => seedInAnotherProcess(env)));
    for (const run of runs) assert.equal(run.code, 0, run.output);
    const seeded = runs.filter(
      (r) => /seeded/i.test(r.output) && !/nothing seeded/i.test(r.output),
    );
    assert.equal(seeded.length, 1, runs.map((r) => r.output).join("\n---\n"));
    const members = await ctx.database.db.selectFrom("jurisdictions").select("id").execute();
    const blocks = await ctx.database.db.selectFrom("content_blocks").select("key").execute();
    assert.equal(members.length, 21);
    assert.equal(blocks.length, Object.keys(en).length * 3, "every block in three languages");
    const resources = await ctx.database.db.selectFrom("resources").select("is_demo").execute();
    assert.equal(resources.length, 11, "the demo library, written once");
  });
});
