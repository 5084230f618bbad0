import assert from "node:assert/strict";
import { after, afterEach, before, beforeEach, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { createTestDatabase, testDialects } from "../../test/support/databases.js";
import type { Config } from "../config/config.js";
import { type Database, openDatabase } from "../db/index.js";
import {
  createJobRunner,
  enqueueJob,
  type JobRunner,
  listDeadJobs,
  listFailingJobs,
  PermanentJobError,
  retryJob,
} from "./index.js";

const inAMinute = () => new Date(Date.now() + 60_000).toISOString();

for (const { kind, skip } of testDialects()) {
  describe(`jobs [${kind}]`, { skip }, () => {
    let settings: Config["database"];
    let drop: () => Promise<void>;
    let database: Database;
    const extra: Database[] = [];
    const runners: JobRunner[] = [];
    const db = () => database.db;
    const jobs = () => db().selectFrom("jobs").selectAll().orderBy("created_at").execute();
    const job = (id: string) =>
      db().selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    const makeDue = (id: string) =>
      db()
        .updateTable("jobs")
        .set({ run_at: new Date(Date.now() - 1000).toISOString() })
        .where("id", "=", id)
        .execute();
    /** A runner on its own connection pool when `own` (another process, as far as the database knows). */
    const runner = (own = false) => {
      let on = database;
      if (own) {
        on = openDatabase(settings);
        extra.push(on);
      }
      const made = createJobRunner(on.db);
      runners.push(made);
      return made;
    };

    before(async () => {
      const testDb = await createTestDatabase(kind);
      settings = testDb.settings;
      drop = testDb.drop;
      database = openDatabase(settings);
    });
    after(async () => {
      await database.close();
      await drop();
    });
    beforeEach(async () => {
      await db().deleteFrom("jobs").execute();
    });
    afterEach(async () => {
      await Promise.all(runners.splice(0).map((r) => r.stop()));
      await Promise.all(extra.splice(0).map((d) => d.close()));
    });

    it("runs a job enqueued now once, with its payload, and then deletes it", async () => {
      const seen: unknown[] = [];
      const r = runner();
      r.define<{ city: string }>("greet", async (payload, context) => {
        seen.push(payload, context.attempt);
      });
      await r.enqueue(db(), "greet", { city: "Málaga" });
      assert.deepEqual(await r.runDue(), { ran: 1, succeeded: 1, retrying: 0, dead: 0 });
      assert.deepEqual(seen, [{ city: "Málaga" }, 1]);
      assert.deepEqual(await jobs(), []);
      assert.deepEqual(await r.runDue(), { ran: 0, succeeded: 0, retrying: 0, dead: 0 });
    });

    it("does not run a job scheduled in the future before its time", async () => {
      let runs = 0;
      const r = runner();
      r.define("later", async () => {
        runs++;
      });
      const { id } = await enqueueJob(db(), "later", null, {
        runAt: new Date(Date.now() + 3600_000),
      });
      assert.equal((await r.runDue()).ran, 0);
      assert.equal(runs, 0);
      assert.equal((await job(id)).state, "queued");
      await makeDue(id);
      assert.equal((await r.runDue()).succeeded, 1, "it runs once its time has come");
      assert.equal(runs, 1);
    });

    it("enqueues in the caller's transaction, and a key enqueues at most one job", async () => {
      const r = runner();
      r.define("once", async () => {});
      await assert.rejects(
        db()
          .transaction()
          .execute(async (trx) => {
            await r.enqueue(trx, "once", {});
            throw new Error("the change failed");
          }),
        /the change failed/,
      );
      assert.deepEqual(await jobs(), [], "rolled back with the transaction");
      const first = await db()
        .transaction()
        .execute((trx) => r.enqueue(trx, "once", { n: 1 }, { key: "only" }));
      const second = await r.enqueue(db(), "once", { n: 2 }, { key: "only" });
      assert.deepEqual(second, { id: first.id, created: false });
      const rows = await jobs();
      assert.equal(rows.length, 1);
      assert.equal(rows[0]?.payload, JSON.stringify({ n: 1 }));
    });

    it("leaves jobs it has no handler for to the processes that have one", async () => {
      const r = runner();
      r.define("mine", async () => {});
      await enqueueJob(db(), "theirs", {});
      assert.equal((await r.runDue()).ran, 0);
      const [row] = await jobs();
      assert.equal(row?.state, "queued");
      assert.equal(row?.attempts, 0);
    });

    it("retries a failing job after its back-off, then leaves it dead with its last error", async () => {
      const r = runner();
      let runs = 0;
      r.define(
        "flaky",
        async () => {
          runs++;
          throw new Error(`refused\r\nX-Injected: ${runs}${"!".repeat(2000)}`);
        },
        { maxAttempts: 3, retryDelaysMs: [60_000, 120_000] },
      );
      const { id } = await enqueueJob(db(), "flaky", {});

      assert.deepEqual(await r.runDue(), { ran: 1, succeeded: 0, retrying: 1, dead: 0 });
      let row = await job(id);
      assert.equal(row.state, "queued");
      assert.equal(row.attempts, 1);
      assert.ok(row.run_at > new Date(Date.now() + 50_000).toISOString(), "first back-off: 1 min");
      assert.deepEqual(
        (await listFailingJobs(db())).map((j) => j.id),
        [id],
      );
      assert.equal((await r.runDue()).ran, 0, "not run again before its back-off ends");

      await makeDue(id);
      assert.equal((await r.runDue()).retrying, 1);
      row = await job(id);
      assert.ok(row.run_at > new Date(Date.now() + 110_000).toISOString(), "then 2 min");

      await makeDue(id);
      assert.deepEqual(await r.runDue(), { ran: 1, succeeded: 0, retrying: 0, dead: 1 });
      row = await job(id);
      assert.equal(row.state, "dead");
      assert.equal(row.attempts, 3);
      assert.ok(row.last_error?.startsWith("refused  X-Injected: 3!!!"), row.last_error ?? "");
      assert.equal(row.last_error?.length, 1000, "the error is cut at 1000 characters");
      assert.ok(!/[\r\n]/.test(row.last_error ?? ""));
      await makeDue(id);
      assert.equal((await r.runDue()).ran, 0, "a dead job is not run again");
      assert.equal(runs, 3);
      assert.deepEqual(
        (await listDeadJobs(db())).map((j) => j.id),
        [id],
      );
      assert.deepEqual(await listFailingJobs(db()), []);
    });

    it("a PermanentJobError leaves the job dead at once", async () => {
      const r = runner();
      r.define(
        "doomed",
        async () => {
          throw new PermanentJobError("the address does not exist");
        },
        { maxAttempts: 5, retryDelaysMs: [0] },
      );
      const { id } = await enqueueJob(db(), "doomed", {});
      assert.deepEqual(await r.runDue(), { ran: 1, succeeded: 0, retrying: 0, dead: 1 });
      const row = await job(id);
      assert.equal(row.state, "dead");
      assert.equal(row.attempts, 1);
      assert.equal(row.last_error, "the address does not exist");
    });

    it("retry(id) gives a dead job a new set of attempts, and it runs again", async () => {
      const r = runner();
      let fail = true;
      let runs = 0;
      r.define(
        "revived",
        async () => {
          runs++;
          if (fail) throw new Error("down");
        },
        { maxAttempts: 1 },
      );
      const { id } = await enqueueJob(db(), "revived", {});
      assert.equal((await r.runDue()).dead, 1);
      assert.equal(await retryJob(db(), "no-such-job"), false);

      fail = false;
      assert.equal(await retryJob(db(), id), true);
      const row = await job(id);
      assert.equal(row.state, "queued");
      assert.equal(row.attempts, 0);
      assert.equal(row.last_error, "down", "the last error stays on record");
      assert.equal(await retryJob(db(), id), false, "only a dead job is retried");
      assert.deepEqual(await r.runDue(), { ran: 1, succeeded: 1, retrying: 0, dead: 0 });
      assert.equal(runs, 2);
      assert.deepEqual(await jobs(), []);
    });

    it("a recurring job is one row however many runners start it, run once per interval", async () => {
      let runs = 0;
      const [a, b] = [runner(true), runner(true)];
      for (const r of [a, b]) {
        r.define("tick", async () => {
          runs++;
        });
        r.every("tick", 60_000);
      }
      const reports = await Promise.all([a.runDue(), b.runDue(), a.runDue(), b.runDue()]);
      assert.equal(
        reports.reduce((sum, report) => sum + report.succeeded, 0),
        1,
      );
      assert.equal(runs, 1);
      const rows = await jobs();
      assert.equal(rows.length, 1, "one row for both runners");
      const [row] = rows;
      assert.equal(row?.state, "queued");
      assert.equal(row?.attempts, 0);
      assert.ok((row?.run_at ?? "") > new Date(Date.now() + 50_000).toISOString());

      await makeDue(row?.id ?? "");
      await Promise.all([a.runDue(), b.runDue()]);
      assert.equal(runs, 2, "it comes back after its interval");
      assert.equal((await jobs()).length, 1);
    });

    it("leaves a claimed job to its runner until the claim's lease runs out", async () => {
      const r = runner();
      const ran: string[] = [];
      r.define<string>("named", async (payload) => {
        ran.push(payload);
      });
      const { id: held } = await enqueueJob(db(), "named", "held");
      const { id: abandoned } = await enqueueJob(db(), "named", "abandoned");
      // As another process leaves them: claimed, one lease live, one run out.
      await db()
        .updateTable("jobs")
        .set({ state: "running", attempts: 1, run_at: inAMinute() })
        .where("id", "=", held)
        .execute();
      await db()
        .updateTable("jobs")
        .set({ state: "running", attempts: 1, run_at: new Date(Date.now() - 1000).toISOString() })
        .where("id", "=", abandoned)
        .execute();
      assert.deepEqual(await r.runDue(), { ran: 1, succeeded: 1, retrying: 0, dead: 0 });
      assert.deepEqual(ran, ["abandoned"]);
      assert.equal((await job(held)).state, "running");
    });

    it("runs each of 50 jobs exactly once when three runners on their own pools race for them", async () => {
      const runs = new Map<number, number>();
      const racers = [runner(true), runner(true), runner(true)];
      for (const r of racers) {
        r.define<number>("race", async (n) => {
          runs.set(n, (runs.get(n) ?? 0) + 1);
          await sleep(1);
        });
      }
      const count = 50;
      for (let n = 0; n < count; n++) await enqueueJob(db(), "race", n);
      // Every runner reads all 50 at once and races for each claim, twice over.
      const reports = await Promise.all(
        [...racers, ...racers].map((r) => r.runDue({ limit: count })),
      );
      assert.equal(
        reports.reduce((sum, report) => sum + report.ran, 0),
        count,
      );
      assert.deepEqual(
        [...runs.entries()].sort(([x], [y]) => x - y),
        Array.from({ length: count }, (_, n) => [n, 1]),
      );
      assert.ok(
        reports.filter((report) => report.ran > 0).length > 1,
        "the work was shared between runners",
      );
      assert.deepEqual(await jobs(), []);
    });

    it("stop() ends the timer and waits for the job that is running", async () => {
      const r = runner();
      let release: () => void = () => {};
      const started: number[] = [];
      let finished = 0;
      r.define<number>("slow", async (n) => {
        started.push(n);
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        finished++;
      });
      await enqueueJob(db(), "slow", 1);
      r.start(10);
      for (let i = 0; i < 200 && started.length === 0; i++) await sleep(10);
      assert.deepEqual(started, [1], "start() runs due jobs");
      let stopped = false;
      const stopping = r.stop().then(() => {
        stopped = true;
      });
      await sleep(50);
      assert.equal(stopped, false, "stop() waits for the running job");
      release();
      await stopping;
      assert.equal(finished, 1);
      assert.deepEqual(await jobs(), []);
      await enqueueJob(db(), "slow", 2);
      await sleep(100);
      assert.deepEqual(started, [1], "nothing runs after stop()");
    });

    it("stop({ abortAfterMs }) aborts a job still running then, which is retried later", async () => {
      const r = runner();
      let started = false;
      r.define("stuck", async (_payload, job) => {
        started = true;
        // A send that would take minutes, as an SMTP server that stops answering.
        await new Promise((_resolve, reject) => {
          job.signal.addEventListener("abort", () => reject(job.signal.reason), { once: true });
        });
      });
      const { id } = await enqueueJob(db(), "stuck", {});
      r.start(10);
      for (let i = 0; i < 200 && !started; i++) await sleep(10);
      assert.ok(started);
      const before = Date.now();
      await r.stop({ abortAfterMs: 100 });
      assert.ok(Date.now() - before < 2000, "stop() ends soon after its grace");
      const row = await job(id);
      assert.equal(row.state, "queued", "to be tried again");
      assert.match(String(row.last_error), /stopping/);
    });
  });
}
