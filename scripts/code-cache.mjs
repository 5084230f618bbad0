// Runs a CommonJS bundle with V8's code cache: the compiled code of a previous run is read back
// instead of compiling 6 MB of JavaScript again. Node 22 does this itself
// (`module.enableCompileCache`); Node 20 has no such switch, so the bundle is compiled here with
// `vm.Script`, as Node's own CommonJS loader does, given the cached data (decision 0030). A script
// made from cached data has no import() on Node 20 (the callback is lost): the bundle has none
// (scripts/build.mjs makes them require()).
//
// The cache is named after a hash of the bundle's bytes, so a rebuilt bundle never meets an old
// cache (V8 itself checks only its version, its flags and the source's length). It is written once,
// when the process has run long enough to have compiled its start and first requests.

import { createHash } from "node:crypto";
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import vm from "node:vm";

/**
 * Runs `filename` (a CommonJS file) as `node filename` would, with its code cache, and says
 * whether a cache was used. The cache is written `writeAfterMs` after the start, or at exit when
 * the process has run `keepAtExitAfterMs` (one that ends sooner, on a configuration error say,
 * compiled too little to keep).
 * @returns {"used" | "rejected" | "none"}
 */
export function runWithCodeCache(
  filename,
  { writeAfterMs = 10_000, keepAtExitAfterMs = 1_000 } = {},
) {
  const started = performance.now();
  const bytes = readFileSync(filename);
  const id = createHash("sha256").update(bytes).digest("hex").slice(0, 16);
  const cacheFile = `${filename}.${id}.cache`;
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // No cache yet (first start of this bundle), or one that cannot be read: compile.
  }
  const script = new vm.Script(Module.wrap(bytes.toString("utf8")), {
    filename,
    cachedData,
  });
  const cache = !cachedData ? "none" : script.cachedDataRejected ? "rejected" : "used";
  if (cache !== "used") {
    let written = false;
    const write = () => {
      if (written) return;
      written = true;
      keepCache(script, filename, cacheFile);
    };
    setTimeout(write, writeAfterMs).unref();
    process.once("exit", () => {
      if (performance.now() - started >= keepAtExitAfterMs) write();
    });
  }
  const module = new Module(filename);
  module.filename = filename;
  const run = script.runInThisContext();
  run.call(
    module.exports,
    module.exports,
    createRequire(filename),
    module,
    filename,
    dirname(filename),
  );
  return cache;
}

/** Writes the script's compiled code beside the bundle, replacing the caches of older bundles. */
function keepCache(script, filename, cacheFile) {
  try {
    const partial = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(partial, script.createCachedData());
    renameSync(partial, cacheFile);
    const prefix = `${basename(filename)}.`;
    for (const name of readdirSync(dirname(filename))) {
      const path = join(dirname(filename), name);
      if (name.startsWith(prefix) && name.endsWith(".cache") && path !== cacheFile) rmSync(path);
    }
  } catch {
    // A read-only install runs without a cache: slower to start, nothing else.
  }
}
