// Runs every *.test.ts under src/, test/ and e2e/ with node's test runner (Node 20's --test takes
// no globs), after making the template databases that each test suite copies. Extra arguments
// are passed on; give file names to run a subset. The reporter (scripts/test-reporter.ts) prints a
// line per file, each failure, and a summary counting skipped suites, ending with
// "N passed, N failed, N skipped".
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { createTemplates } from "../test/support/databases.js";

function findTests(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".test.ts"))
    .map((e) => join(e.parentPath, e.name));
}

const args = process.argv.slice(2);
// The compact reporter (scripts/test-reporter.ts) unless another is asked for.
const reporter = args.some((a) => a.startsWith("--test-reporter"))
  ? []
  : [`--test-reporter=${join(import.meta.dirname, "test-reporter.mjs")}`];
const files = args.some((a) => a.endsWith(".ts"))
  ? []
  : ["src", "test", "e2e"].flatMap(findTests).sort();
const templates = await createTemplates();
const code = await new Promise<number>((resolve) => {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--test", "--test-concurrency=2", ...reporter, ...args, ...files],
    { stdio: "inherit", env: { NODE_ENV: "test", ...process.env, ...templates.env } },
  );
  child.on("exit", (status) => resolve(status ?? 1));
});
await templates.drop();
process.exit(code);
