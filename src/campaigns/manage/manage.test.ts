import assert from "node:assert/strict";
import { before, it } from "node:test";
import { csrfTokenOf, mailTo, signIn } from "../../../test/support/accounts.js";
import { describeEachDatabase } from "../../../test/support/app.js";
import { buildMember, buildPerson, type Person } from "../../../test/support/builders.js";
import { dayFromNow } from "../../../test/support/campaigns.js";
import { text } from "../../../test/support/html.js";
import { findLocale } from "../../i18n/index.js";
import { findCampaignBySlug } from "../campaigns.queries.js";

describeEachDatabase("preparing and publishing a campaign", { seed: false }, (ctx) => {
  const db = () => ctx.database.db;
  let admin: Person;
  let editor: Person;
  let tucsonStaff: Person;
  let adminCookie: string;
  let editorCookie: string;

  before(async () => {
    admin = await buildPerson(db(), { role: "coalition_admin" });
    editor = await buildPerson(db(), { role: "coalition_editor" });
    const tucson = await buildMember(db(), { name: "Tucson", state: "AZ" });
    tucsonStaff = await buildPerson(db(), { jurisdiction: tucson, name: "Lucía" });
    // Lucía signs in in Spanish once: mail to her is written in Spanish from then on.
    await signIn(ctx.app, tucsonStaff.email, undefined, findLocale("es"));
    adminCookie = await signIn(ctx.app, admin.email);
    editorCookie = await signIn(ctx.app, editor.email);
  });

  async function post(cookie: string, url: string, fields: Record<string, string>) {
    const csrf = await csrfTokenOf(ctx.app, "/admin/campaigns", cookie);
    return ctx.app.inject({
      method: "POST",
      url,
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
    });
  }

  const form = (slug: string, overrides: Record<string, string> = {}) => ({
    slug,
    starts_on: dayFromNow(-1),
    ends_on: dayFromNow(5),
    time_zone: "America/Phoenix",
    topics: "public charge, health care",
    goal_members: "60",
    visibility: "public",
    signatories_public: "yes",
    title_en: "Public Charge Week of Action",
    summary_en: "Comment on the proposed rule.",
    body_en: "Members **act together**.",
    title_es: "Semana de acción sobre la carga pública",
    summary_es: "Comente la regla propuesta.",
    body_es: "",
    ready_es: "yes",
    ...overrides,
  });

  it("refuses a form with every problem said at its field, keeping what was typed", async () => {
    const res = await post(
      editorCookie,
      "/admin/campaigns/new",
      form("Not A Slug", { ends_on: dayFromNow(-3), goal_members: "many", summary_en: "" }),
    );
    assert.equal(res.statusCode, 422);
    const body = text(res.body);
    assert.match(body, /Use lower-case letters, digits and hyphens/);
    assert.match(body, /The last day must be on or after the first day/);
    assert.match(body, /Enter a whole number from 1 to 100,000/);
    assert.match(body, /Enter a summary/);
    assert.match(res.body, /value="Public Charge Week of Action"/);
    assert.equal(await findCampaignBySlug(db(), "not-a-slug"), undefined);
  });

  it("lets an editor draft a campaign that the public cannot see, audited", async () => {
    const res = await post(editorCookie, "/admin/campaigns/new", form("draft-week"));
    assert.equal(res.statusCode, 303);
    const campaign = await findCampaignBySlug(db(), "draft-week");
    assert.equal(campaign?.status, "draft");
    assert.equal(campaign?.texts.length, 2);
    assert.equal((await ctx.app.inject({ url: "/campaigns/draft-week" })).statusCode, 404);
    const preview = await ctx.app.inject({
      url: "/campaigns/draft-week",
      headers: { cookie: editorCookie },
    });
    assert.equal(preview.statusCode, 200);
    assert.match(text(preview.body), /Preview: this campaign is a draft/);
    const audit = await db()
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", campaign?.id ?? "")
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ["campaign.create"],
    );
  });

  it("refuses a second campaign at the same address", async () => {
    await post(editorCookie, "/admin/campaigns/new", form("taken-week"));
    const again = await post(editorCookie, "/admin/campaigns/new", form("taken-week"));
    assert.equal(again.statusCode, 422);
    assert.match(text(again.body), /Another campaign has this address/);
  });

  it("creates one campaign when the same address is sent twice at once, the other told why", async () => {
    const [a, b] = await Promise.all([
      post(editorCookie, "/admin/campaigns/new", form("twice-week")),
      post(editorCookie, "/admin/campaigns/new", form("twice-week")),
    ]);
    assert.deepEqual([a.statusCode, b.statusCode].sort(), [303, 422]);
    const refused = a.statusCode === 422 ? a : b;
    assert.match(text(refused.body), /Another campaign has this address/);
    const rows = await db()
      .selectFrom("campaigns")
      .select("id")
      .where("slug", "=", "twice-week")
      .execute();
    assert.equal(rows.length, 1);
  });

  it("lets only an admin publish; publishing mails members' staff in their language, once", async () => {
    await post(editorCookie, "/admin/campaigns/new", form("publish-week"));
    const byEditor = await post(editorCookie, "/admin/campaigns/publish-week/status", {
      to: "published",
    });
    assert.equal(byEditor.statusCode, 403);
    assert.match(text(byEditor.body), /Only coalition administrators can publish/);

    const [a, b] = await Promise.all([
      post(adminCookie, "/admin/campaigns/publish-week/status", { to: "published" }),
      post(adminCookie, "/admin/campaigns/publish-week/status", { to: "published" }),
    ]);
    assert.deepEqual([a.statusCode, b.statusCode].sort(), [303, 409]);
    assert.equal((await findCampaignBySlug(db(), "publish-week"))?.status, "published");
    const mails = await mailTo(db(), tucsonStaff.email);
    const announcements = mails.filter((m) => m.subject.includes("carga pública"));
    assert.equal(announcements.length, 1);
    assert.equal(announcements[0]?.locale, "es");
    assert.match(announcements[0]?.text_body ?? "", /\/es\/campaigns\/publish-week/);

    const page = await ctx.app.inject({ url: "/es/campaigns/publish-week" });
    assert.equal(page.statusCode, 200);
    assert.match(text(page.body), /Semana de acción sobre la carga pública/);
    assert.match(text(page.body), /Abierta/);
  });

  it("shows a translation that is not ready in English, marked, and the list of campaigns", async () => {
    await post(
      editorCookie,
      "/admin/campaigns/new",
      form("fallback-week", { title_es: "Borrador", ready_es: "" }),
    );
    await post(adminCookie, "/admin/campaigns/fallback-week/status", { to: "published" });
    const page = await ctx.app.inject({ url: "/es/campaigns/fallback-week" });
    assert.match(page.body, /<h1 lang="en">Public Charge Week of Action<\/h1>/);
    const list = await ctx.app.inject({ url: "/zh-hans/campaigns" });
    assert.equal(list.statusCode, 200);
    assert.match(text(list.body), /进行中和即将开始/);
  });

  it("closes a campaign, then publishes its results for everyone", async () => {
    await post(editorCookie, "/admin/campaigns/new", form("closing-week"));
    for (const to of ["published", "closed", "results"]) {
      const res = await post(adminCookie, "/admin/campaigns/closing-week/status", { to });
      assert.equal(res.statusCode, 303, `${to}: ${text(res.body).slice(0, 300)}`);
    }
    const results = await ctx.app.inject({ url: "/campaigns/closing-week/results" });
    assert.equal(results.statusCode, 200);
    assert.match(text(results.body), /No member took part/);
  });

  it("adds an action in two languages and edits it", async () => {
    await post(editorCookie, "/admin/campaigns/new", form("action-week"));
    const added = await post(editorCookie, "/admin/campaigns/action-week/actions/new", {
      kind: "letter",
      title_en: "Sign the letter",
      body_en: "Dear Secretary,",
      "title_zh-Hans": "签署联名信",
      "body_zh-Hans": "尊敬的部长：",
    });
    assert.equal(added.statusCode, 303);
    const page = await ctx.app.inject({
      url: "/zh-hans/campaigns/action-week",
      headers: { cookie: editorCookie },
    });
    assert.match(text(page.body), /签署联名信/);
    const untitled = await post(editorCookie, String(added.headers.location).split("?")[0] ?? "", {
      kind: "event",
      title_en: "",
      body_en: "",
    });
    assert.equal(untitled.statusCode, 422);
    assert.match(text(untitled.body), /Enter a title/);
  });
});
