// A member's comment saved from many tabs at once (100 saves, on both databases): of the saves
// made from one version exactly one wins, the others are told (and lose nothing: the service
// hands back the latest), and an approval racing a change never approves a text nobody read.
import assert from "node:assert/strict";
import { before, it } from "node:test";
import { describeEachDatabase } from "../../../test/support/app.js";
import { buildMember, buildPerson } from "../../../test/support/builders.js";
import { buildCampaign } from "../../../test/support/campaigns.js";
import { buildCommentAction, buildRule } from "../../../test/support/comments.js";
import { approveComment, saveDraft } from "./comment.service.js";

describeEachDatabase("comments saved at once", { seed: false }, (ctx) => {
  const db = () => ctx.database.db;
  let campaignId: string;
  let actionId: string;
  let jurisdictionId: string;
  let person: { id: string; email: string };

  before(async () => {
    const member = await buildMember(db(), { name: "Denver", state: "CO" });
    jurisdictionId = member.id;
    const admin = await buildPerson(db(), { jurisdiction: member, membershipRole: "member_admin" });
    person = { id: admin.id, email: admin.email };
    const campaign = await buildCampaign(db());
    campaignId = campaign.id;
    actionId = (await buildCommentAction(db(), campaign, await buildRule(db()))).id;
  });

  const save = (from: number, body: string) =>
    saveDraft(db(), person, { campaignId, actionId, jurisdictionId, from, body, locale: "en" });

  it("lets one of 100 saves from the same version win, and keeps one version per win", async () => {
    const first = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) => save(0, `First text ${i}.`)),
    );
    const won = first.filter((r) => r.status === "fulfilled" && r.value.saved);
    assert.equal(won.length, 1, JSON.stringify(first.filter((r) => r.status === "rejected")));
    const second = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) => save(1, `Second text ${i}.`)),
    );
    assert.equal(second.filter((r) => r.status === "fulfilled" && r.value.saved).length, 1);
    assert.equal(second.filter((r) => r.status === "rejected").length, 0);
    const versions = await db()
      .selectFrom("comment_draft_versions")
      .select("version")
      .orderBy("version")
      .execute();
    assert.deepEqual(
      versions.map((v) => v.version),
      [1, 2],
    );
  });

  it("never leaves an approval on a text changed while it was being approved", async () => {
    const draft = await db()
      .selectFrom("comment_drafts")
      .selectAll()
      .where("action_id", "=", actionId)
      .executeTakeFirstOrThrow();
    const results = await Promise.allSettled([
      approveComment(
        db(),
        person,
        { campaignId, draftId: draft.id, version: draft.version },
        () => "",
      ),
      save(draft.version, "A change made during the approval."),
    ]);
    const after = await db()
      .selectFrom("comment_drafts")
      .selectAll()
      .where("id", "=", draft.id)
      .executeTakeFirstOrThrow();
    assert.equal(after.version, draft.version + 1);
    // Whichever came first, the latest text is not approved.
    assert.equal(after.approved_version === after.version, false, JSON.stringify(results));
  });
});
