import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { after, before, beforeEach, describe, it } from "node:test";
import { createTestDatabase, testDialects } from "../../../test/support/databases.js";
import type { Config } from "../../config/config.js";
import { type Database, openDatabase } from "../../db/index.js";
import { postingCounts, reservePostingSlot } from "./posting-limits.queries.js";

const RACER = join(import.meta.dirname, "..", "..", "..", "test", "support", "posting-race.ts");
// A fixed hour of the future, so no other test's posts count in these windows.
const T0 = Date.parse("2031-03-04T10:00:00.000Z");
const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** Runs a child process reserving slots at `instants`; resolves once it said it is ready. */
function racer(settings: Config["database"], instants: number[]) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", RACER, JSON.stringify(settings), JSON.stringify(instants)],
    { stdio: ["pipe", "pipe", "pipe"] },
  );
  let out = "";
  let err = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (err += d));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (out.includes("ready\n")) {
        clearInterval(timer);
        resolve();
      } else if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`the racer ended before it was ready:\n${err}`));
      }
    }, 20);
  });
  const done = new Promise<number>((resolve, reject) =>
    child.on("exit", (code) => {
      const result = /\{"granted":(\d+)\}/.exec(out);
      if (code === 0 && result) resolve(Number(result[1]));
      else reject(new Error(`the racer failed (${code}):\n${err}`));
    }),
  );
  return { go: () => child.stdin.end("go\n"), ready, done };
}

for (const { kind, skip } of testDialects()) {
  describe(`posting limits across processes [${kind}]`, { skip }, () => {
    let settings: Config["database"];
    let drop: () => Promise<void>;
    let database: Database;
    const db = () => database.db;
    const posts = () =>
      db().selectFrom("regulations_posts").selectAll().orderBy("posted_at").execute();

    before(async () => {
      const testDb = await createTestDatabase(kind, { census: false });
      settings = testDb.settings;
      drop = testDb.drop;
      database = openDatabase(settings);
    });
    after(async () => {
      await database.close();
      await drop();
    });
    beforeEach(async () => {
      await db().deleteFrom("regulations_posts").execute();
    });

    it("grants 50 posts in a minute, then names the instant the oldest leaves the window", async () => {
      for (let i = 0; i < 50; i++) {
        assert.deepEqual(
          await reservePostingSlot(db(), T0 + i * SECOND),
          { ok: true },
          `post ${i + 1}`,
        );
      }
      const refused = await reservePostingSlot(db(), T0 + 50 * SECOND);
      assert.deepEqual(refused, { ok: false, retryAt: new Date(T0 + MINUTE) });
      assert.deepEqual(await reservePostingSlot(db(), T0 + MINUTE - 1), {
        ok: false,
        retryAt: new Date(T0 + MINUTE),
      });
      assert.deepEqual(await reservePostingSlot(db(), T0 + MINUTE), { ok: true }, "the first left");
      assert.deepEqual(await postingCounts(db(), T0 + MINUTE), { minute: 50, hour: 51 });
    });

    it("grants 500 posts in an hour, refuses the 501st until the oldest is an hour old", async () => {
      const rows = Array.from({ length: 500 }, (_, i) => ({
        id: `p${i}`,
        // 10 a minute for 50 minutes: never 50 in a minute.
        posted_at: new Date(T0 + i * 6 * SECOND).toISOString(),
      }));
      for (let i = 0; i < rows.length; i += 100) {
        await db()
          .insertInto("regulations_posts")
          .values(rows.slice(i, i + 100))
          .execute();
      }
      const at = T0 + 55 * MINUTE;
      assert.deepEqual(await reservePostingSlot(db(), at), {
        ok: false,
        retryAt: new Date(T0 + 60 * MINUTE),
      });
      assert.deepEqual(await reservePostingSlot(db(), T0 + 60 * MINUTE), { ok: true });
      // That reservation deleted the post that left the hour.
      assert.equal((await posts()).length, 500);
      assert.equal((await posts())[0]?.posted_at, new Date(T0 + 6 * SECOND).toISOString());
    });

    it("keeps the limit with two processes racing for 120 slots in one minute: exactly 50 granted", {
      timeout: 60_000,
    }, async () => {
      // 120 instants 400 ms apart (48 s), shared out between the two processes alternately.
      const instants = Array.from({ length: 120 }, (_, i) => T0 + i * 400);
      const a = racer(
        settings,
        instants.filter((_, i) => i % 2 === 0),
      );
      const b = racer(
        settings,
        instants.filter((_, i) => i % 2 === 1),
      );
      await Promise.all([a.ready, b.ready]);
      a.go();
      b.go();
      const [grantedA, grantedB] = await Promise.all([a.done, b.done]);
      assert.equal(grantedA + grantedB, 50);
      // PostgreSQL queues the two on the advisory lock, so both get some; SQLite's busy handler
      // lets one process's writes run ahead while the other waits, which may take them all.
      if (kind === "postgres") {
        assert.ok(grantedA > 0 && grantedB > 0, `both took part (${grantedA}, ${grantedB})`);
      }
      assert.equal((await posts()).length, 50);
    });
  });
}
