// Runs every *.test.ts under src/, test/ and e2e/ with node's test runner (Node 20's --test takes
// no globs), after making the template databases that each test suite copies. Extra arguments
// are passed on; give file names to run a subset.
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
const files = args.some((a) => a.endsWith(".ts"))
  ? []
  : ["src", "test", "e2e"].flatMap(findTests).sort();
const templates = await createTemplates();
const code = await new Promise<number>((resolve) => {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--test", "--test-concurrency=2", ...args, ...files],
    { stdio: "inherit", env: { NODE_ENV: "test", ...process.env, ...templates.env } },
  );
  child.on("exit", (status) => resolve(status ?? 1));
});
await templates.drop();
process.exit(code);
