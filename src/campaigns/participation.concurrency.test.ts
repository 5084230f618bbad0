// 200 members taking part in one action at once, each sending twice (a double click), while two
// staff of one city act together: every member counted once, nothing lost, on both databases.
import assert from "node:assert/strict";
import { before, it } from "node:test";
import { describeEachDatabase } from "../../test/support/app.js";
import { jurisdictionRow } from "../../test/support/builders.js";
import { buildAction, buildCampaign } from "../../test/support/campaigns.js";
import { signLetter } from "./letter/letter.service.js";
import { countsByAction } from "./participation.queries.js";

const MEMBERS = 200;

describeEachDatabase("participation under load", { seed: false }, (ctx) => {
  const db = () => ctx.database.db;
  const ids: string[] = [];
  let campaign: { id: string };
  let letter: { id: string };

  before(async () => {
    const rows = Array.from({ length: MEMBERS }, (_, i) =>
      jurisdictionRow({ geoid: String(4_000_000 + i) }),
    );
    await db().insertInto("jurisdictions").values(rows).execute();
    ids.push(...rows.map((r) => r.id));
    campaign = await buildCampaign(db());
    letter = await buildAction(db(), campaign, "letter");
  });

  it("counts each of 200 members once when all sign at once, twice each", async () => {
    const sign = (jurisdictionId: string, name: string) =>
      signLetter(db(), {
        campaignId: campaign.id,
        actionId: letter.id,
        jurisdictionId,
        userId: null,
        signerName: name,
        signerTitle: "Mayor",
      });
    const outcomes = await Promise.allSettled(
      ids.flatMap((id) => [sign(id, `First ${id}`), sign(id, `Second ${id}`)]),
    );
    const failed = outcomes.filter((o) => o.status === "rejected");
    assert.deepEqual(failed, [], "every acknowledged signature succeeded");
    const rows = await db()
      .selectFrom("participations")
      .select(["jurisdiction_id", "signer_name"])
      .where("action_id", "=", letter.id)
      .execute();
    assert.equal(rows.length, MEMBERS);
    assert.deepEqual(new Set(rows.map((r) => r.jurisdiction_id)), new Set(ids));
    assert.equal((await countsByAction(db(), [letter.id])).get(letter.id), MEMBERS);
    // Whichever of the two came last is the signer: never a mix, never empty.
    for (const r of rows) assert.match(r.signer_name ?? "", /^(First|Second) /);
  });
});
