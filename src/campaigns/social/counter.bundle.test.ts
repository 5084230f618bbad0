// The committed browser script (public/social-counter.js) is the bundle of today's sources: a
// change to counter.client.ts, count.ts, platforms.ts or twitter-text without regenerating it
// fails here, with the command that regenerates it.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { before, describe, it } from "node:test";
import { bundleCounterScript, COUNTER_SCRIPT } from "./counter.bundle.js";

describe("the counter's browser script", () => {
  let built = "";
  before(async () => {
    built = await bundleCounterScript();
  });

  it("is the bundle of the sources as they are now", () => {
    const committed = readFileSync(COUNTER_SCRIPT, "utf8");
    assert.ok(
      built === committed,
      `${COUNTER_SCRIPT} is stale: run node --import tsx src/campaigns/social/counter.bundle.ts`,
    );
  });

  it("is plain ASCII, small, and carries only the two twitter-text functions it uses", () => {
    assert.doesNotMatch(built, /[^\p{ASCII}]/u);
    assert.ok(built.length < 40_000, `${built.length} bytes`);
    // autoLink is the largest part of twitter-text the counter does not use.
    assert.doesNotMatch(built, /usernameUrlBase|hashtagUrlBase/);
    assert.doesNotMatch(built, /core-js/);
  });
});
