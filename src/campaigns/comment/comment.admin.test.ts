// Staff's side of the comment action: a campaign started from a rule in one step, and the rule
// and templates of an action with their merge fields checked and a preview filled for a member.
import assert from "node:assert/strict";
import { before, it } from "node:test";
import { csrfTokenOf, signIn } from "../../../test/support/accounts.js";
import { describeEachDatabase } from "../../../test/support/app.js";
import { buildMember, buildPerson } from "../../../test/support/builders.js";
import { buildCampaign, dayFromNow } from "../../../test/support/campaigns.js";
import { buildCommentAction, buildRule } from "../../../test/support/comments.js";
import { text } from "../../../test/support/html.js";

describeEachDatabase("staff's comment actions", { seed: false }, (ctx) => {
  const db = () => ctx.database.db;
  let cookie: string;
  let member: { id: string };

  before(async () => {
    member = await buildMember(db(), {
      name: "St. Paul",
      state: "MN",
      executive_name: "Melvin Carter",
    });
    const editor = await buildPerson(db(), { role: "coalition_editor" });
    cookie = await signIn(ctx.app, editor.email);
  });

  async function post(url: string, fields: Record<string, string>) {
    const csrf = await csrfTokenOf(ctx.app, "/admin/campaigns", cookie);
    return ctx.app.inject({
      method: "POST",
      url,
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
    });
  }

  it("starts a draft campaign from a rule, to its deadline, with a template in every language", async () => {
    const rule = await buildRule(db(), {
      title: "Apprehension, Processing, Care, and Custody of Alien Minors",
    });
    const res = await post("/admin/campaigns/from-rule", { rule: rule.id });
    assert.equal(res.statusCode, 303);
    const slug = String(res.headers.location).match(/\/admin\/campaigns\/([^?]+)/)?.[1] ?? "";
    assert.equal(slug, `comments-${rule.document_number}`);
    const campaign = await db()
      .selectFrom("campaigns")
      .selectAll()
      .where("slug", "=", slug)
      .executeTakeFirstOrThrow();
    assert.equal(campaign.status, "draft");
    assert.equal(campaign.ends_on, rule.comments_close_on);
    assert.equal(campaign.time_zone, "America/New_York");
    const action = await db()
      .selectFrom("campaign_actions")
      .selectAll()
      .where("campaign_id", "=", campaign.id)
      .executeTakeFirstOrThrow();
    assert.equal(action.kind, "comment");
    const templates = await db()
      .selectFrom("comment_templates")
      .selectAll()
      .where("action_id", "=", action.id)
      .orderBy("locale")
      .execute();
    assert.deepEqual(
      templates.map((t) => t.locale),
      ["en", "es", "zh-Hans"],
    );
    for (const t of templates) assert.match(t.body, /\{\{member\.name\}\}/);
    // Started twice: a second campaign with its own address.
    const again = await post("/admin/campaigns/from-rule", { rule: rule.id });
    assert.match(String(again.headers.location), new RegExp(`comments-${rule.document_number}-2`));
  });

  it("refuses a rule whose comment period is over", async () => {
    const rule = await buildRule(db(), { comments_close_on: dayFromNow(-3) });
    const res = await post("/admin/campaigns/from-rule", { rule: rule.id });
    assert.equal(res.statusCode, 409);
    assert.match(text(res.body), /comment period of this rule has ended/);
  });

  it("checks the templates' merge fields and previews them filled in for a member", async () => {
    const campaign = await buildCampaign(db());
    const rule = await buildRule(db());
    const action = await buildCommentAction(db(), campaign, rule);
    const url = `/admin/campaigns/${campaign.slug}/actions/${action.id}/comment`;
    const bad = await post(url, {
      rule: rule.id,
      template_en: "On behalf of {{member.nmae}}, signed {{member.executive}}.",
      template_es: "",
      "template_zh-Hans": "",
    });
    assert.equal(bad.statusCode, 422);
    assert.match(text(bad.body), /member\.nmae/);
    const good = await post(url, {
      rule: rule.id,
      template_en: "On behalf of {{member.name}}, signed {{member.executive}}.",
      template_es: "En nombre de {{member.name}}.",
      "template_zh-Hans": "",
    });
    assert.equal(good.statusCode, 303);
    const preview = await ctx.app.inject({
      url: `${url}?preview=${member.id}`,
      headers: { cookie },
    });
    assert.equal(preview.statusCode, 200);
    assert.match(text(preview.body), /On behalf of St\. Paul, MN, signed Melvin Carter\./);
    const rows = await db()
      .selectFrom("comment_templates")
      .select("locale")
      .where("action_id", "=", action.id)
      .orderBy("locale")
      .execute();
    assert.deepEqual(
      rows.map((r) => r.locale),
      ["en", "es"],
      "an emptied template is removed",
    );
  });
});
