// Runs every *.test.ts under src/, test/ and e2e/ with node's test runner (Node 20 has no
// glob support in --test). Extra arguments are passed on, e.g. a file list to run a subset.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

function findTests(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".test.ts"))
    .map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name));
}

const args = process.argv.slice(2);
const files = args.some((a) => a.endsWith(".ts"))
  ? []
  : ["src", "test", "e2e"].flatMap(findTests).sort();
const result = spawnSync(
  process.execPath,
  ["--import", "tsx", "--test", "--test-concurrency=2", ...args, ...files],
  { stdio: "inherit", env: { NODE_ENV: "test", ...process.env } },
);
process.exit(result.status ?? 1);
