// Load benchmark: the production app's home page against a bare node:http server that sends a
// body of the same size, so the ratio shows what the framework, database and rendering cost.
// Both servers run as child processes (the load generator gets this process to itself) and
// only ever listen on, and are loaded at, 127.0.0.1. Then, with those stopped, the members
// directory at 500 members is rendered in this process (members-page.ts) and its CPU time taken.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon, { type Result } from "autocannon";
import { MEMBERS_TARGET, MEMBERS_URL, measureMembersPage, quantile } from "./members-page.js";

const HOST = "127.0.0.1";
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const LOAD = { connections: 50, pipelining: 1 } as const;
const WARMUP_SECONDS = 2;
const TARGET_RATIO = 0.25;
const TARGET_P99_MS = 50;
const TARGET_MEMBERS_CPU_MS = 50;

const tmp = mkdtempSync(join(tmpdir(), "cfa-bench-"));
const children: ChildProcess[] = [];
let running: ReturnType<typeof autocannon> | undefined;

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/**
 * Synchronous so it also works from the "exit" handler; safe to call more than once. SIGKILL,
 * not a graceful stop: the database is a throwaway and nothing must outlive the benchmark.
 */
function cleanup() {
  running?.stop();
  stopChildren();
  rmSync(tmp, { recursive: true, force: true });
}
function stopChildren() {
  for (const child of children) if (!exited(child)) child.kill("SIGKILL");
}
process.on("exit", cleanup);
const onSignal = (code: number) => () => {
  cleanup();
  process.exit(code);
};
process.on("SIGINT", onSignal(130));
process.on("SIGTERM", onSignal(143));

/** Asks the OS for a free port; the app needs a fixed PORT in its env (it logs nothing at warn). */
function freePort(): Promise<number> {
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

/** Spawns a node child, keeping the tail of its stderr so a failure can be explained. */
function start(name: string, args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-8000);
  });
  /** Throws when the child has died: every later figure would be connection errors. */
  const assertAlive = (when: string) => {
    if (!exited(child)) return;
    const how = child.signalCode ?? `code ${child.exitCode}`;
    throw new Error(`${name} exited (${how}) ${when}; its stderr:\n${stderr}`);
  };
  return { child, stderr: () => stderr, assertAlive };
}

async function waitReady(url: string, proc: ReturnType<typeof start>, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    proc.assertAlive("before it was ready");
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`app not ready at ${url} after ${timeoutMs / 1000} s; stderr:\n${proc.stderr()}`);
}

// The bare baseline: a fixed body, no routing, no headers beyond what node:http adds itself.
const BARE_SERVER = `
const http = require("node:http");
const body = require("node:fs").readFileSync(process.env.BENCH_BODY_FILE);
const type = process.env.BENCH_CONTENT_TYPE;
const server = http.createServer((req, res) => {
  res.writeHead(200, { "content-type": type, "content-length": body.length });
  res.end(body);
});
server.listen(0, "127.0.0.1", () => console.log(server.address().port));
`;

async function startBare(body: Buffer, contentType: string) {
  const bodyFile = join(tmp, "body.html");
  writeFileSync(bodyFile, body);
  const env = {
    PATH: process.env.PATH,
    BENCH_BODY_FILE: bodyFile,
    BENCH_CONTENT_TYPE: contentType,
  };
  const proc = start("bare server", ["-e", BARE_SERVER], env);
  const port = await new Promise<number>((resolve, reject) => {
    proc.child.stdout?.once("data", (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
    proc.child.once("exit", (code) =>
      reject(new Error(`bare server exited (${code}):\n${proc.stderr()}`)),
    );
  });
  return { port, proc };
}

async function load(url: string, duration: number): Promise<Result> {
  if (!url.startsWith(`http://${HOST}:`)) throw new Error(`refusing to load ${url}`);
  running = autocannon({ url, duration, ...LOAD });
  try {
    return await running;
  } finally {
    running = undefined;
  }
}

async function main() {
  const port = await freePort();
  const app = start("app", ["--import", "tsx", "src/server.ts"], {
    ...process.env,
    NODE_ENV: "production",
    // Production refuses to start without a secret; a throwaway one for this run.
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    LOG_LEVEL: "warn",
    HOST,
    PORT: String(port),
    SQLITE_PATH: join(tmp, "bench.sqlite"),
    SEED_DEMO: "true",
    // The load comes from one address: the API's per-address limit would measure 429s.
    API_RATE_LIMIT_PER_MINUTE: "1000000",
    // An inherited DATABASE_URL or PUBLIC_URL would send the app elsewhere; empty means unset.
    DATABASE_URL: "",
    PUBLIC_URL: "",
  });
  const appUrl = `http://${HOST}:${port}`;
  await waitReady(`${appUrl}/readyz`, app);

  const page = await fetch(`${appUrl}/`);
  if (!page.ok) throw new Error(`GET / answered ${page.status}`);
  const body = Buffer.from(await page.arrayBuffer());
  const contentType = page.headers.get("content-type") ?? "text/html; charset=utf-8";
  const bare = await startBare(body, contentType);

  const targets = [
    { name: "app /", url: `${appUrl}/` },
    { name: "bare /", url: `http://${HOST}:${bare.port}/` },
    { name: "app /api/v1/coalition/stats", url: `${appUrl}/api/v1/coalition/stats` },
  ];
  const results = new Map<string, Result>();
  for (const target of targets) {
    process.stderr.write(
      `loading ${target.name} (${WARMUP_SECONDS} s warm-up + ${DURATION} s)...\n`,
    );
    await load(target.url, WARMUP_SECONDS); // JIT, caches and connection setup; discarded
    results.set(target.name, await load(target.url, DURATION));
    app.assertAlive(`while loading ${target.name}`);
    bare.proc.assertAlive(`while loading ${target.name}`);
  }

  console.log(
    `\nhome page body ${body.length} bytes, ${contentType}; ${LOAD.connections} connections, ${DURATION} s`,
  );
  console.table(
    targets.map(({ name }) => {
      const r = results.get(name) as Result;
      return {
        target: name,
        "req/s avg": Math.round(r.requests.average),
        "req/s median": Math.round(r.requests.p50),
        "p50 ms": r.latency.p50,
        "p99 ms": r.latency.p99,
        non2xx: r.non2xx,
        errors: r.errors,
      };
    }),
  );

  const home = results.get("app /") as Result;
  const baseline = results.get("bare /") as Result;
  const avgRatio = home.requests.average / baseline.requests.average;
  const medianRatio = home.requests.p50 / baseline.requests.p50;
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  console.log(`app/bare req/s: average ${pct(avgRatio)}, median ${pct(medianRatio)}`);
  // Both ratios must clear the bar, so one lucky or unlucky second cannot decide the verdict.
  const pass = Math.min(avgRatio, medianRatio) >= TARGET_RATIO && home.latency.p99 < TARGET_P99_MS;
  console.log(
    `${pass ? "PASS" : "FAIL"}: home page >= ${pct(TARGET_RATIO)} of bare req/s and p99 < ${TARGET_P99_MS} ms ` +
      `(got ${pct(Math.min(avgRatio, medianRatio))}, p99 ${home.latency.p99} ms)`,
  );

  // A FAIL is a measurement; failed requests mean the measurement itself is wrong.
  const failed = [...results.values()].some((r) => r.errors > 0 || r.non2xx > 0);
  if (failed) console.error("some requests errored or were not 2xx: figures are not valid");

  // The servers would only compete for the CPU the next measurement takes.
  stopChildren();
  await membersPage();
  return failed ? 1 : 0;
}

/** Cold and warm renders of the members directory at 500 members; throws if the page is wrong. */
async function membersPage() {
  process.stderr.write(`rendering ${MEMBERS_URL} in-process with ${MEMBERS_TARGET} members...\n`);
  const m = await measureMembersPage(mkdtempSync(join(tmp, "members-")));
  const ms = (x: number) => Number(x.toFixed(1));
  const row = (name: string, timings: { cpuMs: number; wallMs: number }[]) => {
    const cpu = timings.map((t) => t.cpuMs);
    const wall = timings.map((t) => t.wallMs);
    return {
      "GET /members?sort=population": name,
      "CPU median ms": ms(quantile(cpu, 0.5)),
      "CPU p90 ms": ms(quantile(cpu, 0.9)),
      "wall median ms": ms(quantile(wall, 0.5)),
      "wall p90 ms": ms(quantile(wall, 0.9)),
    };
  };
  console.log(
    `\nmembers directory, ${m.rows} members rendered, body ${m.bodyBytes} bytes; in-process inject(), ` +
      `${m.runs} requests each after ${m.warmups} warm-ups`,
  );
  console.table([row("cold (page cache cleared)", m.cold), row("warm (cached)", m.warm)]);
  const coldCpu = quantile(
    m.cold.map((t) => t.cpuMs),
    0.5,
  );
  console.log(
    `${coldCpu < TARGET_MEMBERS_CPU_MS ? "PASS" : "FAIL"}: ${MEMBERS_TARGET} members, cold render median ` +
      `< ${TARGET_MEMBERS_CPU_MS} ms server (CPU) time (got ${coldCpu.toFixed(1)} ms)`,
  );
}

main()
  .then((code) => {
    cleanup();
    process.exit(code);
  })
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    cleanup();
    process.exit(1);
  });
