// A child process for the posting-limits race (src/rules/regulations/posting-limits.test.ts):
// opens the database named on its command line, says "ready", waits for "go" on its standard
// input, then reserves posting slots at the instants given, a few at once, and prints how many
// it got as JSON. Two of these on one database are two servers sharing the API's limits.
import { createInterface } from "node:readline";
import { openDatabase } from "../../src/db/index.js";
import { reservePostingSlot } from "../../src/rules/index.js";

const [settings, instants] = process.argv.slice(2);
if (!settings || !instants)
  throw new Error("usage: posting-race.ts <database settings> <instants>");
const database = openDatabase(JSON.parse(settings));
const times = JSON.parse(instants) as number[];
// Connect before the start, so both processes begin reserving at once.
await database.ping();
process.stdout.write("ready\n");
const lines = createInterface({ input: process.stdin });
for await (const line of lines) if (line === "go") break;
lines.close();

let granted = 0;
const queue = [...times];
async function worker() {
  for (let at = queue.shift(); at !== undefined; at = queue.shift()) {
    if ((await reservePostingSlot(database.db, at)).ok) granted++;
  }
}
await Promise.all([worker(), worker(), worker(), worker()]);
await database.close();
process.stdout.write(`${JSON.stringify({ granted })}\n`);
