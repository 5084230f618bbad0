// A rule's comment period extended: the watch-list job (run by the app's job runner, as
// app.ts wires it) finds it at the Federal Register and the campaign ending with it follows.
import assert from "node:assert/strict";
import { after, it } from "node:test";
import { describeEachDatabase } from "../../../test/support/app.js";
import { buildCampaign, dayFromNow } from "../../../test/support/campaigns.js";
import { buildCommentAction, buildRule } from "../../../test/support/comments.js";
import {
  openRule,
  startFakeFederalRegister,
} from "../../rules/federal-register/fr.fake.test-support.js";

const fake = await startFakeFederalRegister();
after(() => fake.close());

describeEachDatabase(
  "a campaign on a rule whose deadline moves",
  {
    seed: false,
    env: { FEDERAL_REGISTER_URL: fake.url, FEDERAL_REGISTER_REFRESH: "true" },
  },
  (ctx) => {
    const db = () => ctx.database.db;
    const endsOn = async (id: string) =>
      (await db().selectFrom("campaigns").select("ends_on").where("id", "=", id).executeTakeFirst())
        ?.ends_on;

    it("moves the campaigns that ended with the old deadline, and only those", async () => {
      const closes = dayFromNow(20);
      const later = dayFromNow(50);
      const rule = await buildRule(db(), { comments_close_on: closes });
      const following = await buildCampaign(db(), { ends_on: closes });
      const earlier = await buildCampaign(db(), { ends_on: dayFromNow(10) });
      const closed = await buildCampaign(db(), { ends_on: closes, status: "closed" });
      for (const c of [following, earlier, closed]) await buildCommentAction(db(), c, rule);
      fake.documents.set(rule.document_number, openRule(rule.document_number, later));

      const report = await ctx.app.jobs.runDue({ names: ["rules.refresh"] });
      assert.equal(report.succeeded, 1);
      assert.equal(await endsOn(following.id), later);
      assert.equal(await endsOn(earlier.id), dayFromNow(10));
      assert.equal(await endsOn(closed.id), closes);
      const audit = await db()
        .selectFrom("audit_log")
        .select(["action", "entity_id"])
        .where("action", "=", "campaign.follow_rule_deadline")
        .execute();
      assert.deepEqual(audit, [
        { action: "campaign.follow_rule_deadline", entity_id: following.id },
      ]);
    });
  },
);
