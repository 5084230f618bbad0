// The social push's pages as HTML: valid by html-validate's recommended rules (as e2e/ checks
// every page), in every language, with nothing left in English on a Spanish or Chinese page but
// the messages written in English (marked lang="en") and the platforms' names.
import assert from "node:assert/strict";
import { before, it } from "node:test";
import { type ConfigData, HtmlValidate } from "html-validate";
import { csrfTokenOf, signIn } from "../../../test/support/accounts.js";
import { describeEachDatabase } from "../../../test/support/app.js";
import { buildMember, buildPerson } from "../../../test/support/builders.js";
import { buildAction, buildCampaign } from "../../../test/support/campaigns.js";
import { LOCALES, localizedPath } from "../../i18n/index.js";

const validator = new HtmlValidate({
  extends: ["html-validate:recommended"],
  rules: {
    "doctype-style": ["error", { style: "lowercase" }],
    "no-redundant-role": ["error", { exclude: ["img"] }],
    "void-style": "off",
  },
} satisfies ConfigData);

describeEachDatabase("the social push's pages", { seed: false }, (ctx) => {
  const db = () => ctx.database.db;
  const pages: { url: string; cookie: string }[] = [];
  let member = "";
  let tucsonId = "";
  let reportUrl = "";

  before(async () => {
    const tucson = await buildMember(db(), { name: "Tucson", state: "AZ" });
    tucsonId = tucson.id;
    const staff = await buildPerson(db(), { jurisdiction: tucson, membershipRole: "member_staff" });
    const editor = await buildPerson(db(), { role: "coalition_editor" });
    member = await signIn(ctx.app, staff.email);
    const staffCookie = await signIn(ctx.app, editor.email);
    const campaign = await buildCampaign(db());
    const social = await buildAction(db(), campaign, "social", { title: "Post" });
    await db()
      .insertInto("social_messages")
      .values({
        id: crypto.randomUUID(),
        action_id: social.id,
        platform: "x",
        locale: "en",
        body: "Cities stand together. https://example.org",
        updated_at: new Date().toISOString(),
      })
      .execute();
    reportUrl = `/campaigns/${campaign.slug}/actions/${social.id}/report`;
    for (const locale of LOCALES) {
      const admin = `/admin/campaigns/${campaign.slug}/actions/${social.id}/messages`;
      pages.push({ url: localizedPath(locale, admin), cookie: staffCookie });
      pages.push({ url: localizedPath(locale, `/campaigns/${campaign.slug}`), cookie: member });
      pages.push({
        url: localizedPath(locale, `/campaigns/${campaign.slug}`),
        cookie: staffCookie,
      });
    }
  });

  it("renders valid HTML in every language, for staff and for a member", async () => {
    for (const { url, cookie } of pages) {
      const res = await ctx.app.inject({ url, headers: { cookie } });
      assert.equal(res.statusCode, 200, url);
      const report = await validator.validateString(res.body, url);
      const messages = report.results.flatMap((r) =>
        r.messages.map((m) => `${m.ruleId}: ${m.message}`),
      );
      assert.deepEqual(messages, [], url);
    }
  });

  it("shows a refused report again, valid, with the error summary and the address typed", async () => {
    for (const locale of LOCALES) {
      const url = localizedPath(locale, reportUrl);
      const csrf = await csrfTokenOf(ctx.app, pages[1]?.url ?? "", member);
      const res = await ctx.app.inject({
        method: "POST",
        url,
        headers: { cookie: member, "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams({
          _csrf: csrf,
          jurisdiction: tucsonId,
          platform: "threads",
          url: "https://example.org/not-a-post",
        }).toString(),
      });
      assert.equal(res.statusCode, 422, url);
      assert.match(res.body, /usa-error-summary|usa-alert--error/);
      assert.match(res.body, /value="https:\/\/example\.org\/not-a-post"/);
      assert.match(res.body, /<option value="threads" selected/);
      const report = await validator.validateString(res.body, url);
      assert.ok(
        report.valid,
        JSON.stringify(report.results.flatMap((r) => r.messages.map((m) => m.message))),
      );
    }
  });
});
