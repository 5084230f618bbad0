import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { before, it } from "node:test";
import type { Kysely } from "kysely";
import { describeEachDatabase } from "../../../../test/support/app.js";
import { buildMember } from "../../../../test/support/builders.js";
import { buildAction, buildCampaign } from "../../../../test/support/campaigns.js";
import type { DB } from "../../../db/index.js";
import { MeterIndexes } from "./meter.index.js";
import { meterFor } from "./meter.service.js";

const TEMPLATE =
  "On behalf of our residents we write to oppose the proposed rule on public charge grounds, which would harm families.";
const SHARED =
  "Our county hospital district reported that enrollment in prenatal programs fell sharply after the draft was published.";
const OWN =
  "Staff at the Hollydale library tell us parents now ask whether a library card is recorded anywhere federal.";

describeEachDatabase("the meter against an action's stored drafts", { seed: false }, (ctx) => {
  const db = () => ctx.database.db;
  let actionId: string;
  const members: string[] = [];

  async function saveDraft(jurisdictionId: string, body: string, version = 1): Promise<string> {
    const id = randomUUID();
    const now = new Date().toISOString();
    await db()
      .insertInto("comment_drafts")
      .values({
        id,
        action_id: actionId,
        jurisdiction_id: jurisdictionId,
        locale: "en",
        body,
        version,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return id;
  }

  const update = (d: Kysely<DB>, id: string, body: string, version?: number) =>
    d
      .updateTable("comment_drafts")
      .set(version === undefined ? { body } : { body, version })
      .where("id", "=", id)
      .execute();

  before(async () => {
    const campaign = await buildCampaign(db());
    actionId = (await buildAction(db(), campaign, "comment")).id;
    for (let i = 0; i < 4; i++) members.push((await buildMember(db())).id);
  });

  it("marks what other drafts share, reads a changed draft again by its version, never itself", async () => {
    const store = new MeterIndexes();
    const mine = await saveDraft(members[0] as string, `${OWN} ${SHARED}`);
    const b = await saveDraft(members[1] as string, `${TEMPLATE} ${SHARED}`);
    await saveDraft(members[2] as string, `Something else. ${SHARED}`);
    const body = `${OWN} ${SHARED}`;
    const measure = () =>
      meterFor(db(), { actionId, draftId: mine, body, locale: "en", template: TEMPLATE }, store);

    const first = await measure();
    assert.deepEqual(first.passages, [
      { start: OWN.length + 1, end: body.length - 1, source: "others", drafts: 2 },
    ]);

    // A body changed without a new version is not read again: the version is the key.
    await update(db(), b, OWN);
    assert.equal((await measure()).passages[0]?.drafts, 2);
    // With its new version, it is read again: it now shares the first sentence, and the other
    // draft the second, so the whole text is one passage held (in part) by 2 drafts.
    await update(db(), b, OWN, 2);
    const second = await measure();
    assert.deepEqual(
      second.passages.map((p) => [p.start, p.end, p.drafts]),
      [[0, body.length - 1, 2]],
    );
    assert.equal(second.ownWords, 0);

    // A deleted draft leaves the index; a new member's draft comes in.
    await db().deleteFrom("comment_drafts").where("id", "=", b).execute();
    await saveDraft(members[3] as string, SHARED);
    const third = await measure();
    assert.deepEqual(
      third.passages.map((p) => [p.source, p.drafts]),
      [["others", 2]],
    );
    assert.equal(third.ownWords, 18, "the first sentence is the member's own again");
  });

  it("measures against the template filled for the member, and an action without drafts", async () => {
    const campaign = await buildCampaign(db());
    const empty = (await buildAction(db(), campaign, "comment")).id;
    const meter = await meterFor(
      db(),
      { actionId: empty, body: `${TEMPLATE} ${OWN}`, template: TEMPLATE },
      new MeterIndexes(),
    );
    assert.deepEqual(
      meter.passages.map((p) => p.source),
      ["template"],
    );
    assert.equal(meter.ownWords, 18);
    assert.ok(Math.abs(meter.ownShare - 18 / meter.words) < 1e-9);
  });
});
