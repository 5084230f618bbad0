// With FEDERAL_REGISTER_REFRESH on, the app's "rules.refresh" job asks the configured Federal
// Register and fills the watch list (watch.test.ts checks that it is not defined when off).
import assert from "node:assert/strict";
import { after, it } from "node:test";
import { describeEachDatabase } from "../../test/support/app.js";
import { openRule, startFakeFederalRegister } from "./federal-register/fr.fake.test-support.js";
import { addDays, easternToday } from "./rule.dates.js";
import { ruleByNumber } from "./rules.queries.js";

const fake = await startFakeFederalRegister();
after(() => fake.close());

describeEachDatabase(
  "the rules.refresh job",
  { seed: false, env: { FEDERAL_REGISTER_URL: fake.url, FEDERAL_REGISTER_REFRESH: "true" } },
  (ctx) => {
    it("runs on the job runner and stores what the search found", async () => {
      const closes = addDays(easternToday(new Date()), 20);
      fake.documents.set("2026-09001", openRule("2026-09001", closes));
      const report = await ctx.app.jobs.runDue({ names: ["rules.refresh"] });
      assert.equal(report.ran, 1);
      assert.equal(report.succeeded, 1);
      assert.equal((await ruleByNumber(ctx.database.db, "2026-09001"))?.commentsCloseOn, closes);
      // Recurring: one row, due again in six hours.
      const job = await ctx.database.db
        .selectFrom("jobs")
        .select(["state", "run_at"])
        .where("name", "=", "rules.refresh")
        .executeTakeFirstOrThrow();
      assert.equal(job.state, "queued");
      assert.ok(Date.parse(job.run_at) > Date.now() + 5.9 * 3_600_000);
    });
  },
);
