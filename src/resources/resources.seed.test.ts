import assert from "node:assert/strict";
import { it } from "node:test";
import { signIn } from "../../test/support/accounts.js";
import { describeEachDatabase } from "../../test/support/app.js";
import { buildPerson } from "../../test/support/builders.js";
import { text } from "../../test/support/html.js";
import { findIssueForStaff } from "./manage/issues.queries.js";
import { findResourceForStaff, messagesOfResource } from "./manage/manage.queries.js";
import { DEMO_ISSUE_SLUG } from "./resources.seed.js";

describeEachDatabase("the demo resource library", {}, (ctx) => {
  const db = () => ctx.database.db;

  it("composes the Immigration Reform page: three stories, the toolkit, the messages, op-eds", async () => {
    const issue = await findIssueForStaff(db(), DEMO_ISSUE_SLUG);
    assert.ok(issue);
    assert.equal(issue.status, "published");
    assert.equal(issue.is_demo, 1);
    assert.deepEqual(
      issue.versions.map((v) => [v.locale, v.title, v.status]),
      [
        ["en", "Immigration Reform", "ready"],
        ["es", "Reforma migratoria", "ready"],
        ["zh-Hans", "移民改革", "ready"],
      ],
    );
    assert.match(
      issue.versions[0]?.intro ?? "",
      /^Welcome to the Cities for Action Immigration Reform/,
    );
    assert.deepEqual(
      issue.items.map((i) => i.type),
      ["video", "video", "video", "toolkit", "social_set", "op_ed", "op_ed"],
    );
    for (const story of issue.items.slice(0, 3)) {
      const video = await findResourceForStaff(db(), story.slug);
      assert.equal(video?.video_url, null, `${story.slug}: no invented video link`);
      assert.deepEqual(
        video?.versions.map((v) => v.locale),
        ["en", "es", "zh-Hans"],
      );
      assert.match(video?.versions[0]?.body ?? "", /Demo transcript/);
    }
  });

  it("credits the toolkit's partner, names its social pages and has messages in three languages", async () => {
    const toolkit = await findResourceForStaff(db(), "advancing-immigration-reform-toolkit");
    assert.equal(toolkit?.partner, "New American Economy");
    assert.deepEqual(
      toolkit?.sections.map((s) => `${s.locale} ${s.first_page}-${s.last_page}`),
      ["en 22-24", "es 22-24", "zh-Hans 22-24"],
    );
    const set = await findResourceForStaff(db(), "immigration-reform-social-messages");
    const messages = await messagesOfResource(db(), set?.id ?? "");
    assert.deepEqual([...new Set(messages.map((m) => m.locale))].sort(), ["en", "es", "zh-Hans"]);
    assert.equal(messages.length, 9);
  });

  it("links the family-separation report's case studies to the demo members they feature", async () => {
    const report = await findResourceForStaff(
      db(),
      "on-the-frontlines-of-the-family-separation-crisis",
    );
    assert.equal(report?.partner, "Lumos Foundation");
    const featured: string[] = [];
    for (const slug of [
      "family-separation-case-study-new-york-city",
      "family-separation-case-study-los-angeles",
      "family-separation-case-study-san-antonio",
    ]) {
      const study = await findResourceForStaff(db(), slug);
      assert.equal(study?.parent_id, report?.id, slug);
      assert.equal(study?.type, "case_study");
      const members = await db()
        .selectFrom("jurisdictions")
        .select("slug")
        .where("id", "in", study?.memberIds.length ? study.memberIds : [""])
        .execute();
      featured.push(...members.map((m) => m.slug));
    }
    assert.deepEqual(featured, ["new-york-ny", "los-angeles-ca", "san-antonio-tx"]);
  });

  it("labels every item demo, and staff see it so", async () => {
    const rows = await db().selectFrom("resources").select(["is_demo", "status"]).execute();
    assert.equal(rows.length, 11);
    assert.ok(rows.every((r) => r.is_demo === 1 && r.status === "published"));
    const editor = await buildPerson(db(), { role: "coalition_editor" });
    const cookie = await signIn(ctx.app, editor.email);
    const page = await ctx.app.inject({
      url: "/admin/resources/jose-tps-holder-story",
      headers: { cookie },
    });
    assert.equal(page.statusCode, 200);
    assert.match(text(page.body), /Demo data This is demo content/);
  });
});
