// A compact reporter for node's test runner (scripts/test.ts uses it), for a CI log: one line per
// test file, each failure in full, and a summary that counts skipped suites too. Node's own
// summary says "skipped 0" when whole suites were skipped (PostgreSQL without TEST_DATABASE_URL,
// browsers without Chromium): here they are counted, with their reasons. The last line is
// "N passed, N failed, N skipped" (skipped: tests and suites; failed: failed and cancelled).
import { relative } from "node:path";
import { inspect } from "node:util";

interface EventData {
  name?: string;
  nesting?: number;
  file?: string;
  message?: string;
  skip?: string | boolean;
  todo?: string | boolean;
  details?: { duration_ms?: number; type?: string; error?: unknown };
}

interface Event {
  type: string;
  data?: EventData;
}

/** What a top-level suite (or a file's run of top-level tests) came to. */
interface Block {
  /** The test file, once an event names one (suites made by test/support name that file). */
  file: string | undefined;
  passed: number;
  failed: number;
  skipped: number;
  skippedSuites: number;
  ms: number;
}

function newBlock(): Block {
  return { file: undefined, passed: 0, failed: 0, skipped: 0, skippedSuites: 0, ms: 0 };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** "ok   test/x.test.ts › suite: 12 passed, 1 suite skipped (3.2 s)". */
function blockLine(title: string, b: Block, failed: boolean): string {
  const parts = [`${b.passed} passed`];
  if (b.failed) parts.push(`${b.failed} failed`);
  if (b.skipped) parts.push(`${b.skipped} skipped`);
  if (b.skippedSuites) parts.push(`${plural(b.skippedSuites, "suite")} skipped`);
  return `${failed || b.failed ? "FAIL" : "ok  "} ${title}: ${parts.join(", ")} (${(b.ms / 1000).toFixed(1)} s)\n`;
}

/** Lines of one failure's error at most: an assertion's diff, the first frames of a stack. */
const MAX_ERROR_LINES = 60;

const NODE_SUMMARY =
  /^(tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) (\d+(?:\.\d+)?)$/;

function where(file: string | undefined): string {
  return file ? relative(process.cwd(), file) : "";
}

function reason(skip: string | boolean | undefined): string {
  return typeof skip === "string" && skip ? skip : "no reason given";
}

interface TestFailure extends Error {
  code?: string;
  failureType?: string;
  cause?: unknown;
}

/** The error a test threw, without the runner's ERR_TEST_FAILURE wrapper. */
function describeError(error: unknown): string {
  const e = error as TestFailure | undefined;
  const inner = e?.code === "ERR_TEST_FAILURE" && e.cause !== undefined ? e.cause : e;
  const text = inner instanceof Error ? inspect(inner, { depth: 4 }) : String(inner);
  // The runner's own frames say nothing about the test.
  const lines = text
    .split("\n")
    .filter((line) => !/^\s+at .*\(node:(internal|async_hooks)/.test(line));
  const shown = lines.slice(0, MAX_ERROR_LINES);
  if (lines.length > shown.length) shown.push(`... ${lines.length - shown.length} more lines`);
  return shown.map((line) => `    ${line}`).join("\n");
}

function isTestFile(file: string | undefined): file is string {
  return file !== undefined && /\.test\.[cm]?[jt]sx?$/.test(file);
}

/**
 * Node reports events (start, pass, fail) in order, one top-level test at a time, whatever the
 * concurrency; `test:complete` comes in the order tests finish and is not used.
 */
export default async function* compactReporter(
  source: AsyncIterable<Event>,
): AsyncGenerator<string, void> {
  /** The names of the tests started, by nesting level, to name a failure with its suites. */
  const path: string[] = [];
  /** Counts inside the top-level suite being reported. */
  let block = newBlock();
  /** Top-level tests outside any suite, gathered per file into one line. */
  let loose: Block | undefined;
  const skippedSuites = new Map<string, number>();
  const skippedTests = new Map<string, number>();
  const failures: string[] = [];
  const nodeSummary = new Map<string, number>();
  let cancelled = 0;
  let passed = 0;
  let failed = 0;
  const flushLoose = () => {
    const line = loose ? blockLine(where(loose.file), loose, false) : "";
    loose = undefined;
    return line;
  };

  for await (const { type, data = {} } of source) {
    const { name = "", nesting = 0, file } = data;
    const isFile = file !== undefined && name === file;
    switch (type) {
      case "test:start":
        path[nesting] = name;
        path.length = nesting + 1;
        break;
      case "test:stdout":
      case "test:stderr":
        yield data.message ?? "";
        break;
      case "test:diagnostic": {
        const summary = file ? null : NODE_SUMMARY.exec(data.message ?? "");
        if (summary?.[1] && summary[2]) nodeSummary.set(summary[1], Number(summary[2]));
        else yield `# ${data.message}\n`;
        break;
      }
      case "test:pass":
      case "test:fail": {
        const suite = data.details?.type === "suite";
        const skip = data.skip !== undefined && data.skip !== false ? reason(data.skip) : undefined;
        const error = data.details?.error as TestFailure | undefined;
        const failure = type === "test:fail" ? (error?.failureType ?? "failed") : undefined;
        // Counts, into the block of this top-level suite (or of this file's loose tests).
        if (loose && isTestFile(file) && file !== loose.file) yield flushLoose();
        let counts = block;
        if (nesting === 0 && !suite) {
          loose ??= { ...newBlock(), file };
          counts = loose;
          loose.ms += data.details?.duration_ms ?? 0;
        }
        if (isTestFile(file)) counts.file ??= file;
        if (skip !== undefined) {
          const bucket = suite ? skippedSuites : skippedTests;
          bucket.set(skip, (bucket.get(skip) ?? 0) + 1);
          if (suite) counts.skippedSuites += 1;
          else counts.skipped += 1;
        } else if (failure === "cancelledByParent") {
          cancelled += 1;
          counts.failed += 1; // the parent's failure says why
        } else if (failure && failure !== "subtestsFailed") {
          // (a suite whose tests failed: those are reported themselves)
          const title = isFile
            ? `${where(file)} (the file failed: see its output above)`
            : `${where(file)} › ${[...path.slice(0, nesting), name].join(" › ")}`;
          if (!suite && !isFile) failed += 1;
          counts.failed += 1;
          failures.push(title);
          yield `\nFAIL ${title}\n${describeError(error)}\n\n`;
        } else if (!failure && !suite && !isFile && !data.todo) {
          counts.passed += 1;
          passed += 1;
        }
        if (nesting === 0 && suite) {
          yield flushLoose();
          const title = `${isTestFile(block.file) ? `${where(block.file)} › ` : ""}${name}`;
          if (skip !== undefined) yield `skip ${title}: ${skip}\n`;
          else {
            block.ms = data.details?.duration_ms ?? 0;
            yield blockLine(title, block, failure !== undefined);
          }
          block = newBlock();
        }
        break;
      }
    }
  }
  yield flushLoose();

  const suitesSkipped = [...skippedSuites.values()].reduce((a, b) => a + b, 0);
  const testsSkipped = [...skippedTests.values()].reduce((a, b) => a + b, 0);
  yield "\n";
  for (const [why, n] of skippedSuites) yield `skipped ${plural(n, "suite")}: ${why}\n`;
  for (const [why, n] of skippedTests) yield `skipped ${plural(n, "test")}: ${why}\n`;
  if (failures.length) {
    yield `\nFailed (${failures.length}):\n${failures.map((f) => `  ${f}`).join("\n")}\n`;
  }
  // Node's own summary, with the skipped suites beside its count of skipped tests.
  for (const [key, value] of nodeSummary) {
    yield `# ${key} ${value}\n`;
    if (key === "skipped") yield `# skipped suites ${suitesSkipped}\n`;
  }
  const totalFailed =
    (nodeSummary.get("fail") ?? failed) + (nodeSummary.get("cancelled") ?? cancelled);
  const totalPassed = nodeSummary.get("pass") ?? passed;
  const totalSkipped = (nodeSummary.get("skipped") ?? testsSkipped) + suitesSkipped;
  yield `${totalPassed} passed, ${totalFailed} failed, ${totalSkipped} skipped\n`;
}
