// The write scenario: member admins signing letters, as many a second as the app acknowledges,
// against the app as `npm start` runs it (production defaults, SQLite). Every request is a real
// new participation: each demo member admin (one per demo jurisdiction) is signed in with its
// own session and signs, for its own jurisdiction, letters it has not signed yet (the open demo
// campaign gets LETTERS letter actions first). Afterwards the database is read: every 303
// acknowledged must be a row.
//
// The production form limit (60 posts per 15 minutes per client address and route) stays on, as
// does every other default: real signatures come from many addresses, so the load does too.
// Linux answers on all of 127.0.0.0/8, and each connection binds its own 127.x.y.z source
// address and is replaced by one from a fresh address before it reaches the limit.
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { join } from "node:path";
import { DEMO_PASSWORD } from "../src/accounts/index.js";
import { DEMO_CAMPAIGN_SLUGS } from "../src/campaigns/index.js";
import { migrateToLatest, openDatabase } from "../src/db/index.js";
import { seedDemo } from "../src/seed-demo.js";
import { quantile } from "./members-page.js";
import { cpuMsOf, HOST, startApp } from "./server-process.js";

const LETTERS = Number(process.env.BENCH_LETTERS ?? 1000);
const CONNECTIONS = 50;
/** Posts per source address: under the form limit of 60 per 15 minutes. */
const PER_ADDRESS = 50;
export const WRITE_TARGET = 1000;

/** The n-th source address: 127.1.0.0 upwards (127.0.0.1 is the app's own). */
function sourceAddress(n: number): string {
  return `127.${1 + ((n >> 16) & 0x7f)}.${(n >> 8) & 0xff}.${n & 0xff}`;
}

interface Reply {
  status: number;
  location: string;
  cookies: string[];
  body: string;
}

function send(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; agent: Agent },
): Promise<Reply> {
  if (!url.startsWith(`http://${HOST}:`)) throw new Error(`refusing to send to ${url}`);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: options.method ?? "GET", headers: options.headers, agent: options.agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            location: String(res.headers.location ?? ""),
            cookies: (res.headers["set-cookie"] ?? []).map((c) => c.split(";")[0] ?? ""),
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

// node refuses --cpu-prof in NODE_OPTIONS; a preloaded inspector session does the same. An
// in-thread session answers synchronously, so the profile can be written from "exit".
const PROFILER = `
const inspector = require("node:inspector");
const fs = require("node:fs");
const session = new inspector.Session();
session.connect();
session.post("Profiler.enable");
session.post("Profiler.setSamplingInterval", { interval: 500 });
session.post("Profiler.start");
process.on("exit", () => {
  session.post("Profiler.stop", (error, result) => {
    if (!error) fs.writeFileSync(OUT, JSON.stringify(result.profile));
  });
});
`;

let addresses = 0;
const agentFromNewAddress = () =>
  new Agent({ keepAlive: true, maxSockets: 1, localAddress: sourceAddress(addresses++) });

interface Signer {
  jurisdictionId: string;
  cookie: string;
  csrf: string;
  /** The letters it has not signed yet. */
  letters: string[];
}

/** A fresh database with the demo (roster, accounts, campaigns) and LETTERS open letters. */
async function prepare(path: string, authSecret: string) {
  const database = openDatabase({ kind: "sqlite", path });
  try {
    await migrateToLatest(database.db);
    const seed = await seedDemo(database.db, { accounts: { authSecret } });
    const campaign = await database.db
      .selectFrom("campaigns")
      .select("id")
      .where("slug", "=", DEMO_CAMPAIGN_SLUGS.open)
      .executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    const letters = Array.from({ length: LETTERS }, () => randomUUID());
    await database.db.transaction().execute(async (trx) => {
      for (const [i, id] of letters.entries()) {
        await trx
          .insertInto("campaign_actions")
          .values({
            id,
            campaign_id: campaign.id,
            kind: "letter",
            position: 100 + i,
            created_at: now,
            updated_at: now,
          })
          .execute();
        await trx
          .insertInto("action_texts")
          .values({
            action_id: id,
            locale: "en",
            title: `Bench letter ${i}`,
            body: "",
            updated_at: now,
          })
          .execute();
      }
    });
    const admins = seed.accounts.filter(
      (a) => a.memberships.length === 1 && a.memberships[0]?.role === "member_admin",
    );
    const places = await database.db.selectFrom("jurisdictions").select(["id", "slug"]).execute();
    const idOf = new Map(places.map((p) => [p.slug, p.id]));
    return {
      letters,
      admins: admins.map((a) => ({
        email: a.email,
        jurisdictionId: idOf.get(a.memberships[0]?.slug ?? "") ?? "",
      })),
    };
  } finally {
    await database.close();
  }
}

/** Signs a demo admin in as a browser would: the form's CSRF cookie and token, then the post. */
async function signIn(base: string, email: string): Promise<{ cookie: string; csrf: string }> {
  const agent = agentFromNewAddress();
  const page = await send(`${base}/account/sign-in`, { agent });
  const csrf = page.body.match(/name="_csrf" value="([^"]*)"/)?.[1] ?? "";
  const cookies = new Map(page.cookies.map((c) => [c.split("=")[0], c]));
  const res = await send(`${base}/account/sign-in`, {
    method: "POST",
    agent,
    headers: {
      cookie: [...cookies.values()].join("; "),
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({ _csrf: csrf, email, password: DEMO_PASSWORD }).toString(),
  });
  agent.destroy();
  if (res.status !== 303) throw new Error(`signing in ${email} answered ${res.status}`);
  for (const c of res.cookies) cookies.set(c.split("=")[0], c);
  return { cookie: [...cookies.values()].filter((c) => !c.endsWith("=")).join("; "), csrf };
}

export interface WriteResult {
  seconds: number;
  sent: number;
  acknowledged: number;
  refused: Map<number, number>;
  errors: number;
  perSecond: number[];
  latencies: number[];
  stored: number;
  addresses: number;
  /** The app's CPU time during the load, in ms: per signature, it says what a free core allows. */
  appCpuMs: number;
}

/** Posts signatures from CONNECTIONS connections for `seconds`; then counts the rows. */
export async function measureWrites(tmp: string, seconds: number): Promise<WriteResult> {
  const path = join(tmp, "writes.sqlite");
  const authSecret = randomUUID() + randomUUID();
  const { letters, admins } = await prepare(path, authSecret);
  // BENCH_PROFILE=<file>: the app writes a CPU profile there when it stops (where the time goes).
  const profile = process.env.BENCH_PROFILE;
  let preload = "";
  if (profile) {
    preload = join(tmp, "profile.cjs");
    writeFileSync(preload, PROFILER.replace("OUT", JSON.stringify(profile)));
  }
  const app = await startApp(path, join(tmp, "writes.log"), {
    AUTH_SECRET: authSecret,
    ...(profile ? { NODE_OPTIONS: `--require ${preload}` } : {}),
  });
  const slug = DEMO_CAMPAIGN_SLUGS.open;
  const signers: Signer[] = [];
  for (const admin of admins) {
    signers.push({
      jurisdictionId: admin.jurisdictionId,
      ...(await signIn(app.url, admin.email)),
      letters: [...letters],
    });
  }
  // Round-robin over the signers, so each request is a new (letter, member) pair.
  let turn = 0;
  const next = (): { signer: Signer; letter: string } | undefined => {
    for (let tries = 0; tries < signers.length; tries++) {
      const signer = signers[turn++ % signers.length];
      const letter = signer?.letters.pop();
      if (signer && letter) return { signer, letter };
    }
    return undefined;
  };
  const result: WriteResult = {
    seconds,
    sent: 0,
    acknowledged: 0,
    refused: new Map(),
    errors: 0,
    perSecond: [],
    latencies: [],
    stored: 0,
    addresses: 0,
    appCpuMs: 0,
  };
  const cpuBefore = cpuMsOf(app.child.pid);
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const bucket = new Array<number>(Math.ceil(seconds)).fill(0);
  async function connection() {
    let agent = agentFromNewAddress();
    let used = 0;
    for (let job = next(); job && performance.now() < deadline; job = next()) {
      if (used === PER_ADDRESS) {
        agent.destroy();
        agent = agentFromNewAddress();
        used = 0;
      }
      used++;
      const t0 = performance.now();
      result.sent++;
      try {
        const res = await send(`${app.url}/campaigns/${slug}/actions/${job.letter}/sign`, {
          method: "POST",
          agent,
          headers: {
            cookie: job.signer.cookie,
            "content-type": "application/x-www-form-urlencoded",
          },
          body: new URLSearchParams({
            _csrf: job.signer.csrf,
            jurisdiction: job.signer.jurisdictionId,
            signer_name: "Bench Signer",
            signer_title: "Mayor",
          }).toString(),
        });
        const t1 = performance.now();
        if (res.status === 303 && res.location.includes("done=signed")) {
          result.acknowledged++;
          result.latencies.push(t1 - t0);
          const second = Math.floor((t1 - started) / 1000);
          if (second < bucket.length) bucket[second] = (bucket[second] ?? 0) + 1;
        } else {
          result.refused.set(res.status, (result.refused.get(res.status) ?? 0) + 1);
        }
      } catch {
        result.errors++;
      }
    }
    agent.destroy();
  }
  await Promise.all(Array.from({ length: CONNECTIONS }, connection));
  result.seconds = (performance.now() - started) / 1000;
  result.perSecond = bucket.slice(0, Math.floor(result.seconds));
  result.addresses = addresses;
  result.appCpuMs = cpuMsOf(app.child.pid) - cpuBefore;
  app.assertAlive("after the write load");
  // Stopped first, so what is counted is what the app left on disk.
  const stopped = new Promise((resolve) => app.child.once("exit", resolve));
  app.child.kill("SIGTERM");
  await stopped;
  const database = openDatabase({ kind: "sqlite", path });
  try {
    const row = await database.db
      .selectFrom("participations")
      .select(database.db.fn.countAll<number>().as("n"))
      .where("action_id", "in", letters)
      .where("withdrawn_at", "is", null)
      .executeTakeFirst();
    result.stored = Number(row?.n ?? 0);
  } finally {
    await database.close();
  }
  return result;
}

/** The scenario's table and verdict lines. */
export function reportWrites(r: WriteResult): boolean {
  const perSecond = [...r.perSecond].sort((a, b) => a - b);
  const median = quantile(perSecond, 0.5);
  const average = r.acknowledged / r.seconds;
  const sorted = [...r.latencies].sort((a, b) => a - b);
  const ms = (x: number) => Number(x.toFixed(1));
  console.log(
    `\nletter signatures (POST /campaigns/:slug/actions/:action/sign), ${CONNECTIONS} connections, ` +
      `${r.seconds.toFixed(1)} s, ${r.addresses} source addresses, SQLite, production defaults`,
  );
  console.table([
    {
      "signatures/s avg": Math.round(average),
      "signatures/s median": Math.round(median),
      "p50 ms": ms(quantile(sorted, 0.5)),
      "p99 ms": ms(quantile(sorted, 0.99)),
      acknowledged: r.acknowledged,
      "rows stored": r.stored,
      "app CPU ms per signature": ms(r.appCpuMs / Math.max(1, r.acknowledged)),
      refused: [...r.refused].map(([s, n]) => `${n}×${s}`).join(", ") || 0,
      errors: r.errors,
    },
  ]);
  const lost = r.acknowledged - r.stored;
  console.log(
    `${median >= WRITE_TARGET && lost === 0 ? "PASS" : "FAIL"}: at least ${WRITE_TARGET} signatures a second ` +
      `(median of each second; got ${Math.round(median)}), none lost (acknowledged ${r.acknowledged}, stored ${r.stored})`,
  );
  // A refusal, an error or a lost row means the figures are not of what they claim to measure.
  return r.errors === 0 && r.refused.size === 0 && lost === 0;
}
