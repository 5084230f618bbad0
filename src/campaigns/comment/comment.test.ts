import assert from "node:assert/strict";
import { before, beforeEach, it } from "node:test";
import { csrfTokenOf, signIn } from "../../../test/support/accounts.js";
import { describeEachDatabase } from "../../../test/support/app.js";
import { buildMember, buildPerson, type Person } from "../../../test/support/builders.js";
import { buildCampaign, type Campaign } from "../../../test/support/campaigns.js";
import { buildCommentAction, buildRule, type RuleRow } from "../../../test/support/comments.js";
import { text } from "../../../test/support/html.js";

describeEachDatabase("a member's comment on a federal rule", { seed: false }, (ctx) => {
  const db = () => ctx.database.db;
  let tucson: { id: string };
  let phoenix: { id: string };
  let admin: Person;
  let staff: Person;
  let otherAdmin: Person;
  let campaign: Campaign;
  let rule: RuleRow;
  let action: { id: string };

  before(async () => {
    tucson = await buildMember(db(), {
      name: "Tucson",
      state: "AZ",
      executive_name: "Regina Romero",
      executive_title: "Mayor",
    });
    phoenix = await buildMember(db(), { name: "Phoenix", state: "AZ" });
    admin = await buildPerson(db(), { jurisdiction: tucson, membershipRole: "member_admin" });
    staff = await buildPerson(db(), { jurisdiction: tucson, membershipRole: "member_staff" });
    otherAdmin = await buildPerson(db(), { jurisdiction: phoenix, membershipRole: "member_admin" });
  });
  beforeEach(async () => {
    campaign = await buildCampaign(db());
    rule = await buildRule(db(), { title: "Inadmissibility on Public Charge Grounds" });
    action = await buildCommentAction(db(), campaign, rule);
  });

  const base = () => `/campaigns/${campaign.slug}/actions/${action.id}/comment`;
  const page = (cookie: string, query = "") =>
    ctx.app.inject({ url: `${base()}${query}`, headers: { cookie } });

  async function post(
    cookie: string,
    suffix: string,
    fields: Record<string, string>,
    json = false,
  ) {
    const csrf = await csrfTokenOf(ctx.app, base(), cookie);
    return ctx.app.inject({
      method: "POST",
      url: `${base()}${suffix}`,
      headers: {
        cookie,
        "content-type": "application/x-www-form-urlencoded",
        ...(json ? { accept: "application/json" } : {}),
      },
      payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
    });
  }

  const draftOf = (jurisdictionId: string) =>
    db()
      .selectFrom("comment_drafts")
      .selectAll()
      .where("action_id", "=", action.id)
      .where("jurisdiction_id", "=", jurisdictionId)
      .executeTakeFirst();

  const save = (
    cookie: string,
    body: string,
    version: string,
    jurisdiction = tucson.id,
    json = false,
  ) => post(cookie, "", { jurisdiction, version, locale: "en", body }, json);

  it("starts from the template filled in for the member, and the campaign page links to it", async () => {
    const cookie = await signIn(ctx.app, staff.email);
    const res = await page(cookie);
    assert.equal(res.statusCode, 200);
    assert.match(
      res.body,
      /On behalf of Tucson, AZ, we oppose Inadmissibility on Public Charge Grounds\./,
    );
    assert.equal(await draftOf(tucson.id), undefined, "nothing is saved by looking");
    const campaignPage = await ctx.app.inject({
      url: `/campaigns/${campaign.slug}`,
      headers: { cookie },
    });
    assert.match(campaignPage.body, new RegExp(`href="${base()}"`));
    assert.match(text(campaignPage.body), /Write Tucson's comment/);
  });

  it("keeps every saved version, refuses a save from an old version, and an unchanged save writes nothing", async () => {
    const cookie = await signIn(ctx.app, staff.email);
    const first = await save(cookie, "Our own words about Tucson.", "0");
    assert.equal(first.statusCode, 303);
    assert.equal((await draftOf(tucson.id))?.version, 1);
    const second = await save(cookie, "Our own words about Tucson, revised.", "1", tucson.id, true);
    assert.equal(second.statusCode, 200);
    assert.equal(JSON.parse(second.body).version, 2);
    // Someone else's tab, still at version 1: refused, with the text kept for them.
    const stale = await save(cookie, "An older tab's text.", "1");
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /An older tab&#39;s text\.|An older tab's text\./);
    assert.match(text(stale.body), /Someone saved this comment a moment ago/);
    const same = await save(cookie, "Our own words about Tucson, revised.", "2", tucson.id, true);
    assert.equal(JSON.parse(same.body).version, 2);
    // A browser's form sends line breaks as CRLF, its script as LF: the same text, one version.
    const crlf = await save(cookie, "Line one.\r\nLine two.", "2", tucson.id, true);
    assert.equal(JSON.parse(crlf.body).version, 3);
    const lf = await save(cookie, "Line one.\nLine two.", "3", tucson.id, true);
    assert.equal(JSON.parse(lf.body).version, 3);
    const versions = await db()
      .selectFrom("comment_draft_versions")
      .select(["version", "body"])
      .where("draft_id", "=", (await draftOf(tucson.id))?.id ?? "")
      .orderBy("version")
      .execute();
    assert.deepEqual(
      versions.map((v) => v.version),
      [1, 2, 3],
    );
    assert.equal(versions[0]?.body, "Our own words about Tucson.");
  });

  it("refuses a comment over 5,000 characters with a clear message, keeping the text", async () => {
    const cookie = await signIn(ctx.app, staff.email);
    const long = "a".repeat(5001);
    const res = await save(cookie, long, "0");
    assert.equal(res.statusCode, 422);
    assert.match(text(res.body), /5,001 characters long; the limit is 5,000/);
    assert.ok(res.body.includes(long), "the text is shown again whole");
    assert.equal(await draftOf(tucson.id), undefined);
    const json = await save(cookie, long, "0", tucson.id, true);
    assert.equal(json.statusCode, 422);
    assert.match(JSON.parse(json.body).errors.body, /5,001/);
  });

  it("is approved by a member admin only, and any change undoes the approval", async () => {
    const staffCookie = await signIn(ctx.app, staff.email);
    await save(staffCookie, "Tucson's comment, version one.", "0");
    const refused = await post(staffCookie, "/approve", { jurisdiction: tucson.id, version: "1" });
    assert.equal(refused.statusCode, 403);
    assert.match(text(refused.body), /Only the administrators of Tucson/);
    const adminCookie = await signIn(ctx.app, admin.email);
    const approved = await post(adminCookie, "/approve", { jurisdiction: tucson.id, version: "1" });
    assert.equal(approved.statusCode, 303);
    const draft = await draftOf(tucson.id);
    assert.equal(draft?.approved_version, 1);
    assert.equal(draft?.approved_by, admin.id);
    const audit = await db()
      .selectFrom("audit_log")
      .selectAll()
      .where("entity_id", "=", draft?.id ?? "")
      .execute();
    assert.ok(audit.some((a) => a.action === "comment.approve"));
    // Approving a version that is no longer the latest is refused.
    await save(staffCookie, "Tucson's comment, version two.", "1");
    const changed = await draftOf(tucson.id);
    assert.equal(changed?.approved_version, null, "the change undid the approval");
    const late = await post(adminCookie, "/approve", { jurisdiction: tucson.id, version: "1" });
    assert.equal(late.statusCode, 409);
  });

  it("refuses to approve a comment with the template's brackets left in it, saying which", async () => {
    const staffCookie = await signIn(ctx.app, staff.email);
    await save(staffCookie, "Dear [name of the agency], we oppose the rule. [1]", "0");
    const page1 = await page(staffCookie);
    assert.match(
      text(page1.body),
      /square brackets to replace with your own: \[name of the agency\]/,
    );
    const adminCookie = await signIn(ctx.app, admin.email);
    const res = await post(adminCookie, "/approve", { jurisdiction: tucson.id, version: "1" });
    assert.equal(res.statusCode, 409);
    assert.match(text(res.body), /\[name of the agency\]/);
    assert.equal((await draftOf(tucson.id))?.approved_version, null);
  });

  it("lets a named approver approve, and refuses naming someone from another member", async () => {
    const staffCookie = await signIn(ctx.app, staff.email);
    const adminCookie = await signIn(ctx.app, admin.email);
    await save(staffCookie, "Tucson's comment.", "0");
    const outsider = await post(adminCookie, "/approver", {
      jurisdiction: tucson.id,
      approver: otherAdmin.id,
    });
    assert.equal(outsider.statusCode, 422);
    assert.equal((await draftOf(tucson.id))?.approver_id, null);
    const named = await post(adminCookie, "/approver", {
      jurisdiction: tucson.id,
      approver: staff.id,
    });
    assert.equal(named.statusCode, 303, text(named.body).slice(0, 3000));
    const ok = await post(staffCookie, "/approve", { jurisdiction: tucson.id, version: "1" });
    assert.equal(ok.statusCode, 303);
    assert.equal((await draftOf(tucson.id))?.approved_by, staff.id);
  });

  it("never shows or changes another member's comment", async () => {
    const staffCookie = await signIn(ctx.app, staff.email);
    await save(staffCookie, "Tucson's private draft.", "0");
    const phoenixCookie = await signIn(ctx.app, otherAdmin.email);
    const own = await page(phoenixCookie);
    assert.equal(own.statusCode, 200);
    assert.doesNotMatch(own.body, /Tucson&#39;s private draft|Tucson's private draft/);
    for (const [suffix, fields] of [
      ["", { jurisdiction: tucson.id, version: "1", locale: "en", body: "Overwritten." }],
      ["/approve", { jurisdiction: tucson.id, version: "1" }],
      ["/approver", { jurisdiction: tucson.id, approver: "" }],
      ["/filed", { jurisdiction: tucson.id, tracking_number: "abc-defg-hijk" }],
    ] as const) {
      const res = await post(phoenixCookie, suffix, fields);
      assert.equal(res.statusCode, 403, suffix);
    }
    const draft = await draftOf(tucson.id);
    assert.equal(draft?.body, "Tucson's private draft.");
    assert.equal(draft?.approved_version, null);
    assert.equal(draft?.filing, null);
  });

  it("records a comment filed by hand with its tracking number, and counts the member", async () => {
    const staffCookie = await signIn(ctx.app, staff.email);
    const adminCookie = await signIn(ctx.app, admin.email);
    await save(staffCookie, "Tucson's comment.", "0");
    const early = await post(staffCookie, "/filed", {
      jurisdiction: tucson.id,
      tracking_number: "m2x-abcd-1234",
    });
    assert.equal(early.statusCode, 409, "not before approval");
    await post(adminCookie, "/approve", { jurisdiction: tucson.id, version: "1" });
    const wrong = await post(staffCookie, "/filed", {
      jurisdiction: tucson.id,
      tracking_number: "<script>",
    });
    assert.equal(wrong.statusCode, 422);
    const filed = await post(staffCookie, "/filed", {
      jurisdiction: tucson.id,
      tracking_number: "m2x-abcd-1234",
    });
    assert.equal(filed.statusCode, 303);
    const draft = await draftOf(tucson.id);
    assert.equal(draft?.filing, "filed");
    assert.equal(draft?.tracking_number, "m2x-abcd-1234");
    const part = await db()
      .selectFrom("participations")
      .selectAll()
      .where("action_id", "=", action.id)
      .execute();
    assert.deepEqual(
      part.map((p) => p.jurisdiction_id),
      [tucson.id],
    );
    const campaignPage = await ctx.app.inject({ url: `/campaigns/${campaign.slug}` });
    assert.match(text(campaignPage.body), /1 member has filed a comment/);
    assert.match(campaignPage.body, /m2x-abcd-1234/);
    // A filed comment is what the agency has: it no longer changes.
    const after = await save(staffCookie, "Changed after filing.", "1");
    assert.equal(after.statusCode, 409);
  });
});
