// The rebuild's worker threads cut the same words as this thread, and each answer reaches the
// job that asked for it.
import assert from "node:assert/strict";
import { it } from "node:test";
import { cutHere } from "../db/fulltext.js";
import { terms } from "./text.js";
import { WORKERS_FROM, withWordCutters } from "./words.pool.js";

const rows = Array.from({ length: 40 }, (_, i) => ({
  title: `Guía ${i}: 移民社区的居民 ${i}`,
  summary: i % 2 ? "Identificación municipal para todos." : "",
  body: `${"城市联盟支持移民家庭。".repeat(i)} Public charge ${i} — ＩＤ café`,
}));

it("cuts on worker threads the words this thread cuts, each job answered in its turn", async () => {
  const expected = await cutHere(terms)(rows);
  const got = await withWordCutters(WORKERS_FROM, (cut) =>
    Promise.all(Array.from({ length: 10 }, (_, i) => cut(rows.slice(i * 4, i * 4 + 4)))),
  );
  assert.deepEqual(got.flat(), expected);
  assert.ok(
    expected.some(([title]) => title.includes("移民 社区")),
    "Chinese cut into words",
  );
});
