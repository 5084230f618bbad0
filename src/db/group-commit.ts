// Group commit for small, frequent writes on SQLite. Each commit waits for the disk (fsync: 0.3
// to 3 ms on a shared machine), and better-sqlite3 waits on the event loop's thread, so a write a
// request made a transaction of its own held every other request that long: the write bench spent
// more time there than in all its JavaScript. Here the transactions asked for while one is being
// written wait, and then run one after another inside one transaction, each in a savepoint of its
// own, and share its commit. Each still sees what the ones before it wrote, a failing one is
// rolled back to its savepoint without touching the others, and none is answered before the
// commit that holds it is on disk. PostgreSQL commits concurrently on its own connections (and
// groups commits itself): there each runs in a transaction of its own, as before.
import { type Kysely, sql, type Transaction } from "kysely";
import { dialectOf } from "./dialect.js";
import type { DB } from "./types.js";

/** A group's size is bounded, so that the first to arrive does not wait behind too many. */
const MAX_GROUP = 64;

interface Pending {
  work: (trx: Kysely<DB>) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

interface Queue {
  waiting: Pending[];
  /** A group is being written (or about to be): later arrivals wait for the next one. */
  busy: boolean;
}

const queues = new WeakMap<Kysely<DB>, Queue>();

/**
 * Runs `work` in a transaction and resolves once it is committed, with what `work` returned (or
 * rejects with what it threw, nothing of it written). On SQLite the transaction may be shared
 * with others (see above): `work` must only use `trx`, and must not start transactions itself.
 */
export function groupedTransaction<T>(
  db: Kysely<DB>,
  work: (trx: Kysely<DB>) => Promise<T>,
): Promise<T> {
  if (db.isTransaction || dialectOf(db) === "postgres") return db.transaction().execute(work);
  let queue = queues.get(db);
  if (!queue) {
    queue = { waiting: [], busy: false };
    queues.set(db, queue);
  }
  const q = queue;
  return new Promise<T>((resolve, reject) => {
    q.waiting.push({ work, resolve: resolve as (value: unknown) => void, reject });
    if (!q.busy) {
      q.busy = true;
      // The rest of this turn of the event loop joins the group.
      setImmediate(() => void writeGroups(db, q));
    }
  });
}

/**
 * Runs `work`, writes that need no transaction of their own (a counter's upsert): on SQLite in a
 * grouped transaction, to share its commit; on PostgreSQL directly, without the two round trips
 * of a transaction.
 */
export function groupedWrites<T>(db: Kysely<DB>, work: (db: Kysely<DB>) => Promise<T>): Promise<T> {
  if (db.isTransaction || dialectOf(db) === "postgres") return work(db);
  return groupedTransaction(db, work);
}

/** Writes groups until nobody waits. */
async function writeGroups(db: Kysely<DB>, queue: Queue): Promise<void> {
  try {
    while (queue.waiting.length > 0) {
      const group = queue.waiting.splice(0, MAX_GROUP);
      await writeGroup(db, group);
    }
  } finally {
    queue.busy = false;
  }
}

async function writeGroup(db: Kysely<DB>, group: Pending[]): Promise<void> {
  const outcomes: ({ value: unknown } | { error: unknown })[] = [];
  try {
    await db.transaction().execute(async (trx) => {
      for (const pending of group) outcomes.push(await inSavepoint(trx, pending.work));
    });
  } catch (error) {
    // The commit (or a rollback to a savepoint) failed: nothing of the group is written.
    for (const pending of group) pending.reject(error);
    return;
  }
  group.forEach((pending, i) => {
    const outcome = outcomes[i];
    if (outcome && "value" in outcome) pending.resolve(outcome.value);
    else pending.reject(outcome?.error);
  });
}

async function inSavepoint(
  trx: Transaction<DB>,
  work: (trx: Kysely<DB>) => Promise<unknown>,
): Promise<{ value: unknown } | { error: unknown }> {
  await sql`savepoint grouped`.execute(trx);
  try {
    const value = await work(trx);
    await sql`release savepoint grouped`.execute(trx);
    return { value };
  } catch (error) {
    try {
      await sql`rollback to savepoint grouped`.execute(trx);
      await sql`release savepoint grouped`.execute(trx);
    } catch {
      // SQLite ended the whole transaction itself (busy, disk full, I/O): the group fails with
      // the error that caused it, so that each is answered for what happened (a 503 for busy).
      throw error;
    }
    return { error };
  }
}
