// scripts/code-cache.mjs, which `npm start` runs the server's bundle with: a second start uses
// the compiled code of the first, a changed bundle never does, and the file runs as node would
// run it (require, __dirname, module.exports).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, it } from "node:test";
import { pathToFileURL } from "node:url";

const LOADER = pathToFileURL(join(import.meta.dirname, "..", "scripts", "code-cache.mjs")).href;
const dir = mkdtempSync(join(tmpdir(), "cfa-code-cache-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const file = join(dir, "bundle.cjs");

const source = (word: string) => `
const { join } = require("node:path");
module.exports = { word: "${word}" };
console.log(JSON.stringify({ ...module.exports, here: join(__dirname, "x") }));
`;

/** Runs the file through the loader in a new process; its output and whether the cache served. */
function run(options = "{ writeAfterMs: 0 }") {
  const out = execFileSync(
    process.execPath,
    [
      "--input-type=module",
      "-e",
      `import { runWithCodeCache } from ${JSON.stringify(LOADER)};
       const cache = runWithCodeCache(${JSON.stringify(file)}, ${options});
       setTimeout(() => console.log(JSON.stringify({ cache })), 50);`,
    ],
    { encoding: "utf8" },
  );
  const lines = out
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
  return Object.assign({}, ...lines);
}
const caches = () => readdirSync(dir).filter((name) => name.endsWith(".cache"));

it("compiles on the first run, then runs from the cache it wrote", () => {
  writeFileSync(file, source("first"));
  const first = run();
  assert.deepEqual(first, { word: "first", here: join(dir, "x"), cache: "none" });
  assert.equal(caches().length, 1);
  assert.equal(run().cache, "used");
});

it("never runs a changed file with the old cache, even one of the same length", () => {
  writeFileSync(file, source("other"));
  const changed = run();
  assert.equal(changed.word, "other", "the new source ran");
  assert.equal(changed.cache, "none");
  assert.equal(caches().length, 1, "the old file's cache is gone");
  assert.equal(run().cache, "used");
});

it("keeps no cache of a process that ended at once", () => {
  writeFileSync(file, source("short"));
  assert.equal(run("{ writeAfterMs: 60_000, keepAtExitAfterMs: 60_000 }").cache, "none");
  assert.equal(run("{ writeAfterMs: 60_000, keepAtExitAfterMs: 60_000 }").cache, "none");
});
