// The feature contract (docs/decisions/0008-feature-contract.md), enforced: import boundaries
// (infrastructure never imports a feature; a feature reaches another only through its index.ts;
// no import cycles), only db/ knows the dialect, SQL only in *.queries.ts and db/, no casts of a
// request's params, query, body or account, and no source file past the size a reader can hold.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, it } from "node:test";

const SRC = resolve(import.meta.dirname, "..", "src");
const INFRASTRUCTURE: Record<string, string[]> = {
  config: [],
  // config/paths.ts finds the catalogs from the project root.
  i18n: ["config"],
  db: ["config"],
  views: ["i18n"],
  jobs: ["config", "db"],
  // mail/ and audit/ own their staff pages (the outbox, the audit log): guarded by app.guards
  // (http/types.ts), so they need http/ and views/, never a feature. Sending a failed message
  // again is a staff change, audited: mail/ may import audit/.
  mail: ["config", "db", "jobs", "http", "views", "i18n", "audit"],
  audit: ["db", "http", "views", "i18n"],
  http: ["config", "db", "i18n", "views", "jobs"],
  // files/: the store, upload checks and serving; its messages come through i18n's Translate.
  files: ["i18n"],
};
const UNRESTRICTED = new Set(["cli", "."]);
const MAX_LINES = 400;

/**
 * Files that do not yet keep a rule, each with the rule it breaks. The list only shrinks: a file
 * that keeps its rule again must leave the list (the test says so), and a new file never joins it.
 */
const KNOWN_DEBT: Record<string, string[]> = {};

const isTest = (file: string) => /\.test\.tsx?$/.test(file);

function sourceFiles(): string[] {
  return readdirSync(SRC, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => relative(SRC, join(e.parentPath, e.name)))
    .sort();
}

const code = (file: string) => readFileSync(join(SRC, file), "utf8");

/** Relative imports of a file, resolved to paths under src/ (".ts"/".tsx" as on disk). */
function imports(file: string): string[] {
  const specs = [
    ...code(file).matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+"(\.[^"]+)"/g),
    ...code(file).matchAll(/(?:^|\n)\s*import\s+"(\.[^"]+)"/g),
  ].map((m) => m[1] as string);
  return specs.map((spec) => relative(SRC, resolve(dirname(join(SRC, file)), spec)));
}

function folderOf(path: string): string {
  const parts = path.split("/");
  return parts.length > 1 ? (parts[0] as string) : ".";
}

/**
 * Rule name → files that break it. Tests keep only the size rule: they may reach inside what
 * they test (SQL, casts), but a reader must still hold one.
 */
function violations(): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  const add = (rule: string, file: string) => {
    if (!found.has(rule)) found.set(rule, new Set());
    found.get(rule)?.add(file);
  };
  // The test suites outside src/ (test/, e2e/) keep the size rule too.
  for (const dir of ["test", "e2e"]) {
    for (const entry of readdirSync(resolve(SRC, "..", dir), {
      recursive: true,
      withFileTypes: true,
    })) {
      if (!entry.isFile() || !isTest(entry.name)) continue;
      const path = join(entry.parentPath, entry.name);
      if (readFileSync(path, "utf8").split("\n").length > MAX_LINES)
        add(`over ${MAX_LINES} lines`, relative(SRC, path));
    }
  }
  for (const file of sourceFiles()) {
    const text = code(file);
    if (file !== "db/types.ts" && text.split("\n").length > MAX_LINES)
      add(`over ${MAX_LINES} lines`, file);
    if (isTest(file)) continue;
    const folder = folderOf(file);
    if (
      folder !== "db" &&
      /\b(PostgresAdapter|SqliteAdapter|PostgresDialect|SqliteDialect)\b|from "(pg|better-sqlite3)"/.test(
        text,
      )
    )
      add("dialect outside db/", file);
    const isQueries = /\.queries\.ts$/.test(file) || folder === "db";
    if (
      !isQueries &&
      /\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|with)\(|\bsql`|\bsql\.raw\(/.test(
        text,
      )
    )
      add("SQL outside *.queries.ts", file);
    if (/\brequest\.(params|query|body|account)\)?\s+as\b|\brequest\.account!/.test(text))
      add("request cast", file);
  }
  return found;
}

describe("architecture", () => {
  it("modules import only what their layer allows", () => {
    const problems: string[] = [];
    for (const file of sourceFiles()) {
      const fromFolder = folderOf(file);
      if (UNRESTRICTED.has(fromFolder) || isTest(file)) continue;
      for (const target of imports(file)) {
        if (target.startsWith("..")) continue; // outside src
        const toFolder = folderOf(target);
        if (toFolder === fromFolder) continue;
        const where = `${file} imports ${target}`;
        const allowed = INFRASTRUCTURE[fromFolder];
        if (allowed) {
          if (!allowed.includes(toFolder))
            problems.push(
              `${where}: ${fromFolder}/ may import only ${allowed.join(", ") || "nothing of ours"}`,
            );
        } else if (!(toFolder in INFRASTRUCTURE) && target !== `${toFolder}/index.js`) {
          problems.push(`${where}: another feature is reached only through its index.ts`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  it("has no import cycles between folders", () => {
    // Folder graph: a feature's index.ts may re-export inside itself, but no two folders may
    // depend on each other, however indirectly.
    const edges = new Map<string, Set<string>>();
    for (const file of sourceFiles()) {
      if (isTest(file)) continue;
      const from = folderOf(file);
      for (const target of imports(file)) {
        const to = folderOf(target);
        if (target.startsWith("..") || to === from || from === "." || to === ".") continue;
        if (!edges.has(from)) edges.set(from, new Set());
        edges.get(from)?.add(to);
      }
    }
    const cycles: string[] = [];
    const visit = (node: string, path: string[]) => {
      for (const next of edges.get(node) ?? []) {
        if (next === path[0]) cycles.push([...path, next].join(" → "));
        else if (!path.includes(next)) visit(next, [...path, next]);
      }
    };
    for (const node of edges.keys()) visit(node, [node]);
    assert.deepEqual(cycles, []);
  });

  it("keeps the contract: dialect only in db/, SQL only in queries, no request casts, small files", () => {
    const found = violations();
    const unexpected: string[] = [];
    for (const [rule, files] of found)
      for (const file of files)
        if (!KNOWN_DEBT[file]?.includes(rule)) unexpected.push(`${file}: ${rule}`);
    assert.deepEqual(unexpected, []);
  });

  it("lists as known debt only what is still owed", () => {
    const found = violations();
    const paid: string[] = [];
    for (const [file, rules] of Object.entries(KNOWN_DEBT))
      for (const rule of rules)
        if (!found.get(rule)?.has(file)) paid.push(`${file}: ${rule} (remove it from KNOWN_DEBT)`);
    assert.deepEqual(paid, []);
  });
});
