// Bundles the server (src/server.ts and everything it imports, dependencies included) into one
// file, dist/server.cjs, so that `npm start` runs plain JavaScript: no TypeScript compiled on
// load, no loader thread, and one file to read instead of hundreds of modules to resolve. Start-up
// and memory are measured in docs/decisions/0012-bundled-server.md. The server's bundle is
// CommonJS so that start.mjs can run it with V8's code cache (code-cache.mjs, decision 0030).
// Tests and `npm run dev` run the sources through tsx instead; test/server.test.ts starts the
// bundle as `npm start` does.
import { mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const BUNDLE = join(ROOT, "dist", "server.cjs");
// The operator's tool, bundled the same way for the same reason: through tsx, loading its modules
// took 3 to 4 s of CPU, against 0.3 s for a roster import's own work (docs/decisions/0014).
export const CLI_BUNDLE = join(ROOT, "dist", "cfa.mjs");
// What changes the bundle: the sources, the dependencies, and this script.
const INPUTS = ["src", "package.json", "package-lock.json", "scripts/build.mjs"];

function newestChange(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path, { recursive: true, withFileTypes: true })) {
    if (entry.isFile())
      newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** True when the bundle is missing or older than anything it is made from. */
export function bundleIsStale(bundle = BUNDLE) {
  const built = statSync(bundle, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  return INPUTS.some((input) => newestChange(join(ROOT, input)) > built);
}

/**
 * Every character past ASCII as a `\uXXXX` escape, which means the same in a string, a template,
 * a regular expression, an identifier and a comment. esbuild's `charset: "ascii"` leaves regular
 * expressions and licence comments alone, and one such character makes V8 keep the whole source
 * text (megabytes, for as long as the server runs) at two bytes a character.
 */
const asciiOnly = (code) =>
  code.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

// The search rebuild's worker thread (src/search/words.pool.ts), found beside either bundle.
const WORDS_WORKER = join(ROOT, "dist", "words-worker.mjs");

/** Builds the server's bundle; a half-written file is never at BUNDLE (written aside, then renamed). */
export async function buildServer() {
  await bundle(join(ROOT, "src", "search", "words.worker.ts"), WORDS_WORKER);
  await bundle(join(ROOT, "src", "server.ts"), BUNDLE, "cjs");
}

/** Builds the operator tool's bundle, CLI_BUNDLE, from src/cli/cfa.ts. */
export async function buildCli() {
  await bundle(join(ROOT, "src", "search", "words.worker.ts"), WORDS_WORKER);
  await bundle(join(ROOT, "src", "cli", "cfa.ts"), CLI_BUNDLE);
}

/**
 * What an ES module's source needs in each format. An ES module bundle has no `require` of its
 * own (bundled CommonJS packages call it); a CommonJS one has no `import.meta`, which our sources
 * use to find files beside them (the worker, package files).
 */
const FORMATS = {
  esm: {
    banner: {
      js: "import { createRequire as __bundleRequire } from 'node:module';\nconst require = __bundleRequire(import.meta.url);",
    },
  },
  cjs: {
    // Strict, as the ES modules it is made from are: a directive counts only at the very start,
    // before the banner's lines (esbuild writes its own after them).
    banner: {
      js: "\"use strict\";\nconst __bundleUrl = require('node:url').pathToFileURL(__filename).href;\nconst __bundleResolve = (name) => require('node:url').pathToFileURL(require.resolve(name)).href;",
    },
    // import() as require(): a script compiled from V8's code cache has lost Node's import()
    // callback on Node 20 (code-cache.mjs), and require() loads what the bundle imports (built-ins,
    // optional CommonJS packages) as well.
    supported: { "dynamic-import": false },
    define: {
      "import.meta.url": "__bundleUrl",
      "import.meta.dirname": "__dirname",
      "import.meta.resolve": "__bundleResolve",
    },
  },
};

async function bundle(entry, outfile, format = "esm") {
  const { build } = await import("esbuild");
  const result = await build({
    entryPoints: [entry],
    outfile,
    write: false,
    bundle: true,
    platform: "node",
    format,
    ...FORMATS[format],
    target: "node20.19",
    // Native code and packages found by path at run time stay in node_modules.
    external: ["better-sqlite3", "pg-native", "@uswds/uswds", "us-atlas"],
    // Whitespace and comments out: V8 keeps the source text in memory. Names stay, so stack
    // traces name functions; for files and lines, run with NODE_OPTIONS=--enable-source-maps
    // (off by default: it costs start-up time and memory).
    minifyWhitespace: true,
    minifySyntax: true,
    charset: "ascii",
    legalComments: "external",
    sourcemap: "linked",
    logLevel: "warning",
  });
  mkdirSync(dirname(BUNDLE), { recursive: true });
  // The bundle last, so that it is never newer than the map or licences it names.
  const files = result.outputFiles.sort((a) => (a.path === outfile ? 1 : -1));
  for (const file of files) {
    const partial = `${file.path}.${process.pid}.tmp`;
    writeFileSync(partial, file.path === outfile ? asciiOnly(file.text) : file.contents);
    renameSync(partial, file.path);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildServer();
  await buildCli();
}
