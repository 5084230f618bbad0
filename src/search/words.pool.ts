// Worker threads that cut words while a rebuild writes (docs/decisions/0027): cutting Chinese
// with Intl.Segmenter is most of a rebuild's time, and SQLite's writing can only use one thread,
// so the cutting runs beside it on the other cores. The workers are started for one rebuild and
// stopped after it. Where none can start (a bundle built without the worker's file), the words
// are cut in this thread, as for a single change.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { type CutRows, cutHere, type RowTexts } from "../db/fulltext.js";
import { terms } from "./text.js";

interface Pending {
  rows: readonly RowTexts[];
  resolve: (words: (readonly [string, string])[]) => void;
  reject: (error: unknown) => void;
}

/**
 * A worker running words.worker: in the bundle, its own bundled file beside it; under tsx (tests,
 * development, the bench), the TypeScript source, with tsx registered in the worker first (a
 * worker does not inherit the loader the process was started with).
 */
function startWorker(): Worker {
  if (!import.meta.url.endsWith(".ts"))
    return new Worker(new URL("./words-worker.mjs", import.meta.url));
  const source = new URL("./words.worker.ts", import.meta.url).href;
  const code = `import { register } from ${JSON.stringify(import.meta.resolve("tsx/esm/api"))};
    register();
    await import(${JSON.stringify(source)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`));
}

/** Below this many documents a rebuild cuts in this thread: starting workers costs more. */
export const WORKERS_FROM = 2000;

/**
 * Runs `work` with a `CutRows` on worker threads when `documents` is large, stopped when `work`
 * ends. Should a worker fail (its file missing, say), what it was given is cut in this thread.
 */
export async function withWordCutters<T>(
  documents: number,
  work: (cut: CutRows) => Promise<T>,
): Promise<T> {
  const here = cutHere(terms);
  if (documents < WORKERS_FROM) return work(here);
  const count = Math.max(1, Math.min(2, availableParallelism()));
  const workers = Array.from({ length: count }, startWorker);
  const pending = new Map<number, Pending>();
  const broken = new Set<Worker>();
  const cutInstead = (id: number) => {
    const job = pending.get(id);
    pending.delete(id);
    if (job) here(job.rows).then(job.resolve, job.reject);
  };
  workers.forEach((worker, index) => {
    worker.on("message", ({ id, words }: { id: number; words: [string, string][] }) => {
      pending.get(id)?.resolve(words);
      pending.delete(id);
    });
    // A worker that fails or stops (killed, out of memory) leaves its jobs to this thread, so a
    // rebuild never waits for an answer that cannot come; `exit` also follows `terminate`, when
    // nothing is pending.
    const fail = () => {
      broken.add(worker);
      for (const id of [...pending.keys()]) if (id % count === index) cutInstead(id);
    };
    worker.on("error", fail);
    worker.on("exit", fail);
  });
  let next = 0;
  const cut: CutRows = (rows) => {
    const id = next++;
    const worker = workers[id % count] as Worker;
    if (broken.has(worker)) return here(rows);
    return new Promise((resolve, reject) => {
      pending.set(id, { rows, resolve, reject });
      worker.postMessage({
        id,
        rows: rows.map(({ title, summary, body }) => ({ title, summary, body })),
      });
    });
  };
  try {
    return await work(cut);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
