// A real browser for the end-to-end tests: Debian's Chromium driven by playwright-core, and
// axe-core run inside the page. Without Chromium the browser suites skip, except in CI.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { AxeResults, RunOptions } from "axe-core";
import { type Browser, chromium, type Page } from "playwright-core";
import { isCI } from "./databases.js";

const require = createRequire(import.meta.url);

/** Where Chromium is looked for: CHROMIUM_PATH, else Debian's package. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * False when the browser tests can run; otherwise a one-line reason to skip them.
 * In CI a missing browser is an error, not a skip.
 */
export function browserSkipReason(): string | false {
  if (existsSync(chromiumPath)) return false;
  const reason = `Browser tests skipped: Chromium not found at ${chromiumPath} (set CHROMIUM_PATH or install chromium)`;
  if (isCI) throw new Error(`CI=true but ${reason.replace("Browser tests skipped: ", "")}`);
  return reason;
}

/** Launches headless Chromium with no network chatter of its own. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

let axeSource: string | undefined;

/** The rules we hold every page to: WCAG 2.1 A and AA, plus axe's best practices. */
const AXE_OPTIONS: RunOptions = {
  runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
  resultTypes: ["violations"],
};

export interface AxeViolation {
  id: string;
  impact: string | null | undefined;
  help: string;
  helpUrl: string;
  nodes: { target: string[]; html: string; failureSummary: string | undefined }[];
}

/**
 * Runs axe-core on the page as it is now and returns its violations (empty when clean).
 * The site's CSP forbids injected scripts, so the page's context must be made with `bypassCSP: true`.
 */
export async function axeResults(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  const loaded = await page.evaluate(() => "axe" in globalThis);
  if (!loaded) await page.addScriptTag({ content: axeSource });
  // The callback runs in the page; our tsconfig has no DOM types, hence the casts.
  return page.evaluate(async (options) => {
    const g = globalThis as unknown as {
      axe: { run(context: unknown, options: unknown): Promise<AxeResults> };
      document: unknown;
    };
    const results = await g.axe.run(g.document, options);
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        target: n.target.map((t) => (Array.isArray(t) ? t.join(" >>> ") : String(t))),
        html: n.html,
        failureSummary: n.failureSummary,
      })),
    }));
  }, AXE_OPTIONS);
}

/** One violation as readable lines: rule, impact, what to do, and the first few elements. */
export function formatViolation(v: AxeViolation, maxTargets = 3): string {
  const targets = v.nodes
    .slice(0, maxTargets)
    .map((n) => `    - ${n.target.join(" ")}  ${n.html.slice(0, 160)}`);
  const more = v.nodes.length > maxTargets ? [`    … and ${v.nodes.length - maxTargets} more`] : [];
  return [`${v.id} (${v.impact ?? "n/a"}): ${v.help} [${v.helpUrl}]`, ...targets, ...more].join(
    "\n",
  );
}

/**
 * axe's violations on the page, each formatted readably; an empty array when the page is clean,
 * so `assert.deepEqual(await axeViolations(page), [])` fails with the list.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  return (await axeResults(page)).map((v) => formatViolation(v));
}
