// Runs the jobs this process has handlers for. Each round takes a batch of due jobs, claims each
// (jobs.queries.ts: a compare-and-set with a lease, so any number of processes on one database
// never run one job twice at once) and runs it: success deletes the job (or schedules a recurring
// one's next round), failure queues it again after a back-off, and the last failure, or a
// PermanentJobError, leaves it dead with its error for an operator to see and retry.
import type { Kysely } from "kysely";
import type { DB } from "../db/index.js";
import {
  claimJob,
  completeJob,
  type Enqueued,
  type EnqueueOptions,
  enqueueJob,
  ensureRecurring,
  findDue,
  recurringKey,
  releaseJob,
} from "./jobs.queries.js";

/** What a handler learns about the run it is doing. */
export interface JobContext {
  id: string;
  name: string;
  /** 1 for the first run, counting since the job was enqueued (or retried, or last recurred). */
  attempt: number;
  maxAttempts: number;
  /** Aborts when the claim's lease ends: another process may then run the job. */
  signal: AbortSignal;
}

export type JobHandler<P = unknown> = (payload: P, context: JobContext) => Promise<void>;

export interface JobOptions {
  /** Runs before the job is dead (default 5). */
  maxAttempts?: number;
  /** Wait before run 2, 3, ...; the last entry repeats (default 1 min, 5 min, 30 min, 2 h). */
  retryDelaysMs?: readonly number[];
  /** How long a claimed job is left to its process before another may run it (default 10 min). */
  leaseMs?: number;
}

export interface JobsReport {
  /** Runs this call claimed and started. */
  ran: number;
  succeeded: number;
  /** Failed, queued to run again after a back-off (or, recurring, at the next round). */
  retrying: number;
  /** Failed for good: the last attempt, or a PermanentJobError. */
  dead: number;
}

export interface RunDueOptions {
  /** Only jobs with these names (default: every name defined here). */
  names?: readonly string[];
  /** Jobs one round takes at most (default: the runner's batch size). */
  limit?: number;
}

/** Fastify's `app.log` (pino) fits. Payloads are never logged. */
export interface JobsLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface JobRunnerOptions {
  log?: JobsLogger;
  /** Jobs one round takes at most (default 20). */
  batchSize?: number;
}

export interface JobRunner {
  /** Handles jobs called `name` in this process. Define before start(); a name once only. */
  define<P>(name: string, handler: JobHandler<P>, options?: JobOptions): void;
  /** Adds a job (see enqueueJob), in `db` or the caller's transaction. */
  enqueue(
    db: Kysely<DB>,
    name: string,
    payload: unknown,
    options?: EnqueueOptions,
  ): Promise<Enqueued>;
  /**
   * Runs defined job `name` every `intervalMs` (from the end of one run to the next), as one row
   * for all processes: its key makes it idempotent. Its first run is due as soon as it is new.
   */
  every(name: string, intervalMs: number): void;
  /** One round: claims and runs a batch of due jobs, one after another, and reports. */
  runDue(options?: RunDueOptions): Promise<JobsReport>;
  /** Runs a round now and then every `intervalMs` (default 5 s) on an unref'd timer. */
  start(intervalMs?: number): void;
  /**
   * Stops the timer; rounds in progress end after their current job, which is awaited. With
   * `abortAfterMs`, a job still running then has its signal aborted (it fails and is retried
   * later, like any failure): a server stopping must finish before it is killed, and a job that
   * ends by itself writes its own state, where a killed one waits for its lease to run out.
   */
  stop(options?: { abortAfterMs?: number }): Promise<void>;
}

/** Thrown by a handler: the job cannot succeed however often it is tried, so it dies now. */
export class PermanentJobError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "PermanentJobError";
  }
}

export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [
  60_000,
  5 * 60_000,
  30 * 60_000,
  2 * 60 * 60_000,
];
const DEFAULT_LEASE_MS = 10 * 60_000;
const DEFAULT_BATCH_SIZE = 20;
const DEFAULT_INTERVAL_MS = 5_000;
const MAX_ERROR_LENGTH = 1000;

const isControl = (code: number) =>
  (code < 0x20 && code !== 0x09) ||
  (code >= 0x7f && code <= 0x9f) ||
  code === 0x2028 ||
  code === 0x2029;

/** An error as one bounded line for a log or a `last_error` column: control characters become spaces. */
export function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return Array.from(text.slice(0, MAX_ERROR_LENGTH), (c) =>
    isControl(c.codePointAt(0) ?? 0) ? " " : c,
  ).join("");
}

interface Definition {
  handler: JobHandler;
  maxAttempts: number;
  retryDelaysMs: readonly number[];
  leaseMs: number;
  /** Set by every(): the job recurs. */
  intervalMs?: number;
}

const NOTHING: JobsReport = Object.freeze({ ran: 0, succeeded: 0, retrying: 0, dead: 0 });

export function createJobRunner(db: Kysely<DB>, options: JobRunnerOptions = {}): JobRunner {
  const { log } = options;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const definitions = new Map<string, Definition>();
  const rounds = new Set<Promise<unknown>>();
  let timer: NodeJS.Timeout | undefined;
  let stopping = false;
  // Aborted when a stop's grace runs out; every running job's signal follows it.
  let halt = new AbortController();

  async function runOne(
    job: { id: string; name: string; payload: string; key: string | null },
    definition: Definition,
    attempt: number,
    report: JobsReport,
  ): Promise<void> {
    const recurs = definition.intervalMs !== undefined && job.key === recurringKey(job.name);
    const fields = { jobId: job.id, job: job.name, attempt };
    report.ran++;
    let failure: unknown;
    try {
      await definition.handler(JSON.parse(job.payload), {
        id: job.id,
        name: job.name,
        attempt,
        maxAttempts: definition.maxAttempts,
        signal: AbortSignal.any([AbortSignal.timeout(definition.leaseMs), halt.signal]),
      });
    } catch (error) {
      failure = error;
    }
    let kept: boolean;
    if (failure === undefined) {
      report.succeeded++;
      kept = recurs
        ? await releaseJob(db, job.id, attempt, {
            state: "queued",
            runAt: new Date(Date.now() + (definition.intervalMs ?? 0)),
            resetAttempts: true,
          })
        : await completeJob(db, job.id, attempt);
    } else {
      const lastError = errorText(failure);
      const last = failure instanceof PermanentJobError || attempt >= definition.maxAttempts;
      const delays = definition.retryDelaysMs;
      const delay = delays[Math.min(attempt, delays.length) - 1] ?? 0;
      // A recurring job is never dead: after its last attempt it waits for its next round.
      const next =
        last && recurs
          ? {
              state: "queued" as const,
              runAt: new Date(Date.now() + (definition.intervalMs ?? 0)),
              resetAttempts: true,
            }
          : {
              state: last ? ("dead" as const) : ("queued" as const),
              runAt: new Date(Date.now() + (last ? 0 : delay)),
            };
      kept = await releaseJob(db, job.id, attempt, { ...next, lastError });
      if (next.state === "dead") report.dead++;
      else report.retrying++;
      const say = next.state === "dead" ? log?.error.bind(log) : log?.warn.bind(log);
      say?.(
        { ...fields, error: lastError },
        next.state === "dead" ? "job failed, given up" : "job failed, will retry",
      );
    }
    if (!kept) log?.warn(fields, "job's claim ran out before it ended; another run may follow");
  }

  async function round(names: readonly string[], limit: number): Promise<JobsReport> {
    const report = { ...NOTHING };
    for (const name of names) {
      if (definitions.get(name)?.intervalMs !== undefined) await ensureRecurring(db, name);
    }
    for (const job of await findDue(db, names, limit)) {
      if (stopping) break;
      const definition = definitions.get(job.name);
      if (!definition) continue;
      if (!(await claimJob(db, job, definition.leaseMs))) continue;
      await runOne(job, definition, job.attempts + 1, report);
    }
    return report;
  }

  function runDue(runOptions: RunDueOptions = {}): Promise<JobsReport> {
    const names = (runOptions.names ?? [...definitions.keys()]).filter((n) => definitions.has(n));
    const running = round(names, runOptions.limit ?? batchSize);
    rounds.add(running);
    void running.finally(() => rounds.delete(running)).catch(() => undefined);
    return running;
  }

  // The timer's rounds never overlap: a tick while the last round runs is skipped.
  let ticking: Promise<unknown> | undefined;
  function tick(): void {
    if (ticking || stopping) return;
    ticking = runDue()
      .catch((error: unknown) => log?.error({ error: errorText(error) }, "jobs could not run"))
      .finally(() => {
        ticking = undefined;
      });
  }

  return {
    define(name, handler, jobOptions = {}) {
      if (definitions.has(name)) throw new Error(`Job ${name} is already defined`);
      definitions.set(name, {
        handler: handler as JobHandler,
        maxAttempts: jobOptions.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
        retryDelaysMs: jobOptions.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
        leaseMs: jobOptions.leaseMs ?? DEFAULT_LEASE_MS,
      });
    },
    enqueue: enqueueJob,
    every(name, intervalMs) {
      const definition = definitions.get(name);
      if (!definition) throw new Error(`Job ${name} must be defined before every()`);
      if (!(intervalMs > 0)) throw new Error("every() needs an interval above 0 ms");
      definition.intervalMs = intervalMs;
    },
    runDue,
    start(intervalMs = DEFAULT_INTERVAL_MS) {
      if (timer) return;
      stopping = false;
      timer = setInterval(tick, intervalMs);
      timer.unref();
      tick();
    },
    async stop(options = {}) {
      if (timer) clearInterval(timer);
      timer = undefined;
      stopping = true;
      const grace =
        options.abortAfterMs === undefined
          ? undefined
          : setTimeout(() => halt.abort(new Error("the server is stopping")), options.abortAfterMs);
      try {
        await Promise.allSettled([...rounds]);
      } finally {
        clearTimeout(grace);
        stopping = false;
        if (halt.signal.aborted) halt = new AbortController();
      }
    },
  };
}
