// In-process measurement of the members directory at 500 members: the app is built with a
// production config on a fresh SQLite database (migrated, Census loaded, demo seeded, then
// members added up to 500) and driven with inject(), so no socket or load generator is timed.
import { randomBytes, randomUUID } from "node:crypto";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { Kysely } from "kysely";
import { buildApp } from "../src/app.js";
import { loadConfig } from "../src/config/config.js";
import { type DB, migrateToLatest, openDatabase } from "../src/db/index.js";
import { loadCensusSnapshots } from "../src/members/index.js";
import { seedDemo } from "../src/seed-demo.js";

export const MEMBERS_URL = "/members?sort=population";
export const MEMBERS_TARGET = 500;
const RUNS = 20;
const WARMUPS = 3;

/**
 * Adds the largest Census places not already on the roster as members until there are `target`
 * members; returns how many it inserted. Throws when the Census data has too few places.
 */
export async function addMembersUpTo(db: Kysely<DB>, target: number): Promise<number> {
  const existing = await db.selectFrom("jurisdictions").select(["geoid", "status"]).execute();
  const taken = new Set(existing.map((j) => j.geoid));
  const needed = target - existing.filter((j) => j.status === "member").length;
  if (needed <= 0) return 0;
  const places = await db
    .selectFrom("census_geographies")
    .select(["geoid", "state", "name"])
    .where("kind", "=", "place")
    .orderBy("population_2020", "desc")
    .orderBy("geoid")
    .limit(needed + existing.length)
    .execute();
  const extra = places.filter((p) => !taken.has(p.geoid)).slice(0, needed);
  if (extra.length < needed) {
    throw new Error(`only ${extra.length} Census places to add, ${needed} needed`);
  }
  const now = new Date().toISOString();
  for (let i = 0; i < extra.length; i += 100) {
    await db
      .insertInto("jurisdictions")
      .values(
        extra.slice(i, i + 100).map((p) => ({
          id: randomUUID(),
          slug: `m-${p.geoid}`,
          name: p.name,
          kind: "city" as const,
          state: p.state,
          geoid: p.geoid,
          executive_name: null,
          executive_title: "Mayor",
          website: null,
          status: "member" as const,
          joined_on: "2015-01-01",
          is_demo: 0,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
  }
  return extra.length;
}

/** Milliseconds of one request: wall clock, and CPU (user + system) of this whole process. */
export interface Timing {
  wallMs: number;
  cpuMs: number;
}

export interface MembersPageResult {
  rows: number;
  bodyBytes: number;
  runs: number;
  warmups: number;
  cold: Timing[];
  warm: Timing[];
}

/** Linear-interpolation quantile (the usual median for an even count). */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (at - lo);
}

/**
 * Builds the app on a fresh database in `dir` and times `/members?sort=population`: cold renders
 * (page cache cleared before each) and warm (cached) answers, each after warm-ups. Throws when
 * the page does not answer 200 or does not list exactly 500 members: then nothing is measured.
 */
export async function measureMembersPage(dir: string): Promise<MembersPageResult> {
  const config = loadConfig({
    NODE_ENV: "production",
    // Production refuses to start without a secret; a throwaway one for this run.
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    CONTACT_EMAIL: "bench@example.org",
    LOG_LEVEL: "warn",
    HOST: "127.0.0.1",
    SQLITE_PATH: join(dir, "members.sqlite"),
    SEED_DEMO: "true",
  });
  const database = openDatabase(config.database);
  try {
    await migrateToLatest(database.db);
    await loadCensusSnapshots(database.db);
    await seedDemo(database.db);
    await addMembersUpTo(database.db, MEMBERS_TARGET);
    const members = await database.db
      .selectFrom("jurisdictions")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("status", "=", "member")
      .executeTakeFirstOrThrow();
    if (Number(members.n) !== MEMBERS_TARGET) {
      throw new Error(`${members.n} members in the database, expected ${MEMBERS_TARGET}`);
    }

    const app = await buildApp(config, { database });
    try {
      await app.ready();
      let rows = 0;
      let bodyBytes = 0;
      const request = async (cold: boolean): Promise<Timing> => {
        if (cold) app.pageCache.clear();
        const cpu = process.cpuUsage();
        const started = performance.now();
        const res = await app.inject({ url: MEMBERS_URL });
        const wallMs = performance.now() - started;
        const used = process.cpuUsage(cpu);
        if (res.statusCode !== 200)
          throw new Error(`GET ${MEMBERS_URL} answered ${res.statusCode}`);
        rows = (res.body.match(/<th scope="row"/g) ?? []).length;
        bodyBytes = res.rawPayload.length;
        if (rows !== MEMBERS_TARGET) {
          throw new Error(`GET ${MEMBERS_URL} listed ${rows} members, expected ${MEMBERS_TARGET}`);
        }
        return { wallMs, cpuMs: (used.user + used.system) / 1000 };
      };
      const series = async (cold: boolean) => {
        for (let i = 0; i < WARMUPS; i++) await request(cold);
        const timings: Timing[] = [];
        for (let i = 0; i < RUNS; i++) timings.push(await request(cold));
        return timings;
      };
      const cold = await series(true);
      const warm = await series(false);
      return { rows, bodyBytes, runs: RUNS, warmups: WARMUPS, cold, warm };
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
  }
}
