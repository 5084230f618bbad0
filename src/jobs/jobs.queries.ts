// Every query on the `jobs` table. A job is queued (waiting for run_at), running (claimed until
// run_at, its lease) or dead (gave up); a job that succeeds is deleted, unless it recurs.
//
// A claim is a compare-and-set: the update matches only the state and attempts the claimer read
// and only while the job is due (queued, or running with a lease that ran out), so of any number
// of processes on one database exactly one claims each run. Every later write by the claimer
// matches `state = 'running' and attempts = <its attempt>`: a process whose lease ran out and
// whose job was claimed again changes nothing.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB, Job } from "../db/index.js";

export interface EnqueueOptions {
  /** Not before this time (default: now). */
  runAt?: Date;
  /** At most one job with this key exists: enqueueing it again changes nothing. */
  key?: string;
}

export interface Enqueued {
  id: string;
  /** False when a job with the key already existed (`id` is then that job's). */
  created: boolean;
}

const now = () => new Date().toISOString();
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Adds a job, in `db` or the caller's transaction (so it commits or rolls back with the change
 * that caused it). With a key already taken, nothing is added.
 */
export async function enqueueJob(
  db: Kysely<DB>,
  name: string,
  payload: unknown,
  options: EnqueueOptions = {},
): Promise<Enqueued> {
  const id = randomUUID();
  const at = now();
  const result = await db
    .insertInto("jobs")
    .values({
      id,
      name,
      payload: JSON.stringify(payload ?? null),
      key: options.key ?? null,
      state: "queued",
      attempts: 0,
      run_at: options.runAt ? options.runAt.toISOString() : at,
      last_error: null,
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) => oc.column("key").doNothing())
    .executeTakeFirst();
  if (result.numInsertedOrUpdatedRows === 1n || !options.key) return { id, created: true };
  const existing = await db
    .selectFrom("jobs")
    .select("id")
    .where("key", "=", options.key)
    .executeTakeFirst();
  return { id: existing?.id ?? id, created: false };
}

/** The key of the one row of recurring job `name`. */
export const recurringKey = (name: string) => `every:${name}`;

/** Makes sure recurring job `name` has its row (due now when new); idempotent across processes. */
export async function ensureRecurring(db: Kysely<DB>, name: string): Promise<void> {
  await enqueueJob(db, name, {}, { key: recurringKey(name) });
}

/** Due jobs with one of `names`, oldest run_at first: queued ones, and running ones whose lease ran out. */
export async function findDue(
  db: Kysely<DB>,
  names: readonly string[],
  limit: number,
): Promise<Pick<Job, "id" | "name" | "payload" | "key" | "state" | "attempts">[]> {
  if (names.length === 0) return [];
  return db
    .selectFrom("jobs")
    .select(["id", "name", "payload", "key", "state", "attempts"])
    .where("name", "in", names)
    .where("state", "in", ["queued", "running"])
    .where("run_at", "<=", now())
    .orderBy("run_at")
    .orderBy("id")
    .limit(limit)
    .execute();
}

/** Claims one run of a job read by findDue, until `leaseMs` from now; true when this caller won. */
export async function claimJob(
  db: Kysely<DB>,
  job: Pick<Job, "id" | "state" | "attempts">,
  leaseMs: number,
): Promise<boolean> {
  const at = Date.now();
  const claim = await db
    .updateTable("jobs")
    .set({
      state: "running",
      attempts: job.attempts + 1,
      run_at: iso(at + leaseMs),
      updated_at: iso(at),
    })
    .where("id", "=", job.id)
    .where("state", "=", job.state)
    .where("attempts", "=", job.attempts)
    .where("run_at", "<=", iso(at))
    .executeTakeFirst();
  return claim.numUpdatedRows === 1n;
}

/** A claimed run succeeded: the job is gone. False when the claim had been lost. */
export async function completeJob(db: Kysely<DB>, id: string, attempt: number): Promise<boolean> {
  const done = await db
    .deleteFrom("jobs")
    .where("id", "=", id)
    .where("state", "=", "running")
    .where("attempts", "=", attempt)
    .executeTakeFirst();
  return done.numDeletedRows === 1n;
}

/**
 * A claimed run ended: the job is queued again at `runAt` (attempts back to 0 when `resetAttempts`,
 * as for a recurring job's next round) or dead, with `lastError` when it failed.
 */
export async function releaseJob(
  db: Kysely<DB>,
  id: string,
  attempt: number,
  next: { state: "queued" | "dead"; runAt: Date; lastError?: string; resetAttempts?: boolean },
): Promise<boolean> {
  const released = await db
    .updateTable("jobs")
    .set({
      state: next.state,
      run_at: next.runAt.toISOString(),
      updated_at: now(),
      ...(next.resetAttempts ? { attempts: 0 } : {}),
      ...(next.lastError !== undefined ? { last_error: next.lastError } : {}),
    })
    .where("id", "=", id)
    .where("state", "=", "running")
    .where("attempts", "=", attempt)
    .executeTakeFirst();
  return released.numUpdatedRows === 1n;
}

/** Jobs that gave up, newest first. */
export async function listDeadJobs(db: Kysely<DB>, limit = 100): Promise<Job[]> {
  return db
    .selectFrom("jobs")
    .selectAll()
    .where("state", "=", "dead")
    .orderBy("updated_at", "desc")
    .orderBy("id")
    .limit(limit)
    .execute();
}

/** Jobs that failed and are waiting to be tried again (or are being tried), newest failure first. */
export async function listFailingJobs(db: Kysely<DB>, limit = 100): Promise<Job[]> {
  return db
    .selectFrom("jobs")
    .selectAll()
    .where("state", "in", ["queued", "running"])
    .where("last_error", "is not", null)
    .orderBy("updated_at", "desc")
    .orderBy("id")
    .limit(limit)
    .execute();
}

/** Gives a dead job another full set of attempts, due now; false unless it was dead. */
export async function retryJob(db: Kysely<DB>, id: string): Promise<boolean> {
  const at = now();
  const result = await db
    .updateTable("jobs")
    .set({ state: "queued", attempts: 0, run_at: at, updated_at: at })
    .where("id", "=", id)
    .where("state", "=", "dead")
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}
