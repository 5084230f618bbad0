// Import boundaries from docs/ARCHITECTURE.md: infrastructure never imports a feature, and a
// feature reaches another feature only through its index.ts.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { it } from "node:test";

const SRC = resolve(import.meta.dirname, "..", "src");
const INFRASTRUCTURE: Record<string, string[]> = {
  config: [],
  i18n: [],
  db: ["config"],
  views: ["i18n"],
  // mail/ and audit/ own their staff pages (the outbox, the audit log): guarded by app.guards
  // (http/types.ts), so they need http/ and views/, never a feature.
  mail: ["config", "db", "http", "views", "i18n"],
  audit: ["db", "http", "views", "i18n"],
  http: ["config", "db", "i18n", "views", "mail"],
};
const UNRESTRICTED = new Set(["cli", "."]);

function sourceFiles(): string[] {
  return readdirSync(SRC, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

function imports(file: string): string[] {
  const code = readFileSync(file, "utf8");
  return [...code.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+"(\.[^"]+)"/g)].map(
    (m) => m[1] as string,
  );
}

it("modules import only what their layer allows", () => {
  const problems: string[] = [];
  for (const file of sourceFiles()) {
    const from = relative(SRC, file).split("/");
    const fromFolder = from.length > 1 ? (from[0] as string) : ".";
    if (UNRESTRICTED.has(fromFolder) || file.endsWith(".test.ts") || file.endsWith(".test.tsx"))
      continue;
    for (const spec of imports(file)) {
      const target = relative(SRC, resolve(dirname(file), spec)).split("/");
      if (target[0] === "..") continue; // outside src (tests' support is excluded above)
      const toFolder = target.length > 1 ? (target[0] as string) : ".";
      if (toFolder === fromFolder) continue;
      const where = `${relative(SRC, file)} imports ${spec}`;
      const allowed = INFRASTRUCTURE[fromFolder];
      if (allowed) {
        if (!allowed.includes(toFolder))
          problems.push(
            `${where}: ${fromFolder}/ may import only ${allowed.join(", ") || "nothing of ours"}`,
          );
      } else if (!(toFolder in INFRASTRUCTURE) && target.slice(1).join("/") !== "index.js") {
        problems.push(`${where}: another feature is reached only through its index.ts`);
      }
    }
  }
  assert.deepEqual(problems, []);
});
