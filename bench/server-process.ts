// The app as `npm start` runs it, in a child process: the command comes from package.json's
// `start` script (its node flags included), the environment is production's defaults (no
// LOG_LEVEL: the level a user gets), and its log goes to a file, as it would on a server, so
// that logging costs what it costs there. Also: a free port, readiness, and resident memory.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, openSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";

export const HOST = "127.0.0.1";
const ROOT = join(import.meta.dirname, "..");
const children: ChildProcess[] = [];

/** CPU time a process has used so far (user + system), in ms (Linux: /proc, 100 ticks a second). */
export function cpuMsOf(pid: number | undefined): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** SIGKILL, not a graceful stop: the databases are throwaways and nothing may outlive the bench. */
export function stopChildren() {
  for (const child of children) if (!exited(child)) child.kill("SIGKILL");
}

/** Asks the OS for a free port: the app needs a fixed PORT in its environment. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once("error", reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

export interface Child {
  child: ChildProcess;
  stderr: () => string;
  /** Throws when the child has died: every later figure would be connection errors. */
  assertAlive: (when: string) => void;
}

/** Spawns a node child, keeping the tail of its stderr so a failure can be explained. */
export function startNode(
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  stdout: "pipe" | number = "pipe",
): Child {
  const child = spawn(process.execPath, args, {
    env,
    cwd: ROOT,
    stdio: ["ignore", stdout, "pipe"],
  });
  children.push(child);
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-8000);
  });
  const assertAlive = (when: string) => {
    if (!exited(child)) return;
    const how = child.signalCode ?? `code ${child.exitCode}`;
    throw new Error(`${name} exited (${how}) ${when}; its stderr:\n${stderr}`);
  };
  return { child, stderr: () => stderr, assertAlive };
}

/** package.json's `start` script as node arguments: `node --flag scripts/start.mjs`. */
function startArguments(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
  const [command, ...args] = String(pkg.scripts.start).split(/\s+/);
  if (command !== "node") throw new Error(`npm start runs ${command}, not node`);
  return args;
}

export interface App extends Child {
  url: string;
  /** Milliseconds from spawning to the first 200 of the home page. */
  startMs: number;
}

/**
 * Starts the app on `sqlitePath` (created and seeded if absent) and waits for its home page.
 * `env` adds to the environment (the write scenario passes the auth secret its accounts were
 * made with).
 */
export async function startApp(
  sqlitePath: string,
  logFile: string,
  env: NodeJS.ProcessEnv = {},
): Promise<App> {
  const port = await freePort();
  const log = openSync(logFile, "a");
  const started = performance.now();
  const proc = startNode(
    "app",
    startArguments(),
    {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      // Production refuses to start without a secret; a throwaway one for this run.
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      // Production requires a contact for the accessibility statement.
      CONTACT_EMAIL: "bench@example.org",
      HOST,
      PORT: String(port),
      SQLITE_PATH: sqlitePath,
      SEED_DEMO: "true",
      // The load comes from one address, where real load comes from many: the API's
      // per-address limit would measure 429s.
      API_RATE_LIMIT_PER_MINUTE: "1000000",
      ...env,
    },
    log,
  );
  closeSync(log);
  const url = `http://${HOST}:${port}`;
  await waitFor(`${url}/`, proc);
  return { ...proc, url, startMs: performance.now() - started };
}

async function waitFor(url: string, proc: Child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    proc.assertAlive("before it was ready");
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no answer at ${url} after ${timeoutMs / 1000} s; stderr:\n${proc.stderr()}`);
}

/** The child's resident memory now, in MB (Linux: /proc). */
export function residentMb(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
  const kb = Number(status.match(/^VmRSS:\s+(\d+) kB/m)?.[1]);
  return Math.round(kb / 1024);
}

/** Samples resident memory every 100 ms while `work` runs; returns its result and the peak. */
export async function peakResident<T>(child: ChildProcess, work: () => Promise<T>) {
  let peak = residentMb(child);
  const timer = setInterval(() => {
    peak = Math.max(peak, residentMb(child));
  }, 100);
  try {
    const result = await work();
    return { result, peakMb: Math.max(peak, residentMb(child)) };
  } finally {
    clearInterval(timer);
  }
}
