// A worker thread of a rebuild (words.pool.ts): cuts the words of rows' texts, as the index
// would in the main thread (text.ts), and answers each message with them.
import { parentPort } from "node:worker_threads";
import { terms } from "./text.js";

interface Job {
  id: number;
  rows: { title: string; summary: string; body: string }[];
}

parentPort?.on("message", ({ id, rows }: Job) => {
  const words = rows.map((row) => [
    terms(row.title).join(" "),
    [...terms(row.summary), ...terms(row.body)].join(" "),
  ]);
  parentPort?.postMessage({ id, words });
});
