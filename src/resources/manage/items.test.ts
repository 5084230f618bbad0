import assert from "node:assert/strict";
import { before, it } from "node:test";
import { postAsSignedIn, signIn } from "../../../test/support/accounts.js";
import { describeEachDatabase } from "../../../test/support/app.js";
import { buildMember, buildPerson, type Person } from "../../../test/support/builders.js";
import { text } from "../../../test/support/html.js";
import { findResourceForStaff } from "./manage.queries.js";

describeEachDatabase("writing the resource library", { seed: false }, (ctx) => {
  const db = () => ctx.database.db;
  let admin: Person;
  let editor: Person;
  let secondEditor: Person;
  let adminCookie: string;
  let editorCookie: string;
  let secondCookie: string;
  let staffCookie: string;

  before(async () => {
    admin = await buildPerson(db(), { role: "coalition_admin" });
    editor = await buildPerson(db(), { role: "coalition_editor", name: "Edna Editor" });
    secondEditor = await buildPerson(db(), { role: "coalition_editor", name: "Tomás Traductor" });
    const sanAntonio = await buildMember(db(), {
      name: "San Antonio",
      state: "TX",
      slug: "san-antonio-tx",
    });
    const staff = await buildPerson(db(), { jurisdiction: sanAntonio });
    adminCookie = await signIn(ctx.app, admin.email);
    editorCookie = await signIn(ctx.app, editor.email);
    secondCookie = await signIn(ctx.app, secondEditor.email);
    staffCookie = await signIn(ctx.app, staff.email);
  });

  async function post(cookie: string, url: string, fields: Record<string, string>) {
    return postAsSignedIn(ctx.app, cookie, url, fields);
  }

  const form = (slug: string, overrides: Record<string, string> = {}) => ({
    slug,
    type: "toolkit",
    dated_on: "2021-03-15",
    partner: "New American Economy",
    video_url: "",
    parent: "",
    topic_immigration_reform: "yes",
    "member_san-antonio-tx": "yes",
    title_en: "Advancing Immigration Reform",
    summary_en: "A messaging and advocacy toolkit.",
    body_en: "Key data on **immigrant contributions**.",
    status_en: "ready",
    sections_en: "22-24 Social media messages and graphics",
    title_es: "Impulsar la reforma migratoria",
    summary_es: "",
    body_es: "",
    status_es: "draft",
    ...overrides,
  });

  const auditOf = async (id: string) =>
    (
      await db()
        .selectFrom("audit_log")
        .select(["action", "actor_id", "before", "after"])
        .where("entity_id", "=", id)
        .orderBy("at")
        .execute()
    ).map((a) => a.action);

  it("refuses a form with every problem at its field, keeping what was typed", async () => {
    const res = await post(
      editorCookie,
      "/admin/resources/new",
      form("Not A Slug", {
        dated_on: "2021-02-30",
        video_url: "http://www.youtube.com/watch?v=x",
        sections_en: "22-24 Social media\n30-12 Backwards",
        parent: "no-such-report",
        "title_zh-Hans": "",
        "body_zh-Hans": "只有正文",
      }),
    );
    assert.equal(res.statusCode, 422);
    const body = text(res.body);
    assert.match(body, /Use lower-case letters, digits and hyphens/);
    assert.match(body, /Enter a real date, as YYYY-MM-DD/);
    assert.match(body, /must start with https:\/\//);
    assert.match(body, /Line 2: write the pages, then the name/);
    assert.match(body, /Only a case study belongs to a report/);
    assert.match(body, /Enter a title for this language/);
    // What was typed comes back, the roster's checkbox included.
    assert.match(res.body, /value="Advancing Immigration Reform"/);
    assert.match(res.body, /name="member_san-antonio-tx" value="yes" checked/);
    assert.match(res.body, /只有正文/);
    const rows = await db().selectFrom("resources").select("id").execute();
    assert.equal(rows.length, 0);
  });

  it("refuses a video host it cannot embed, and a schema breach with the field's reason", async () => {
    const res = await post(
      editorCookie,
      "/admin/resources/new",
      form("video-host", {
        video_url: "https://videos.example.org/karen",
        title_en: "x".repeat(201),
      }),
    );
    assert.equal(res.statusCode, 422);
    assert.match(text(res.body), /This is 201 characters long; the limit is 200/);
    const again = await post(
      editorCookie,
      "/admin/resources/new",
      form("video-host", { video_url: "https://videos.example.org/karen" }),
    );
    assert.equal(again.statusCode, 422);
    assert.match(text(again.body), /Only YouTube and Vimeo videos can be played on the page/);
  });

  it("lets an editor create a draft with its versions, topics, members and pages, audited", async () => {
    const res = await post(editorCookie, "/admin/resources/new", form("toolkit-draft"));
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, "/admin/resources/toolkit-draft?done=created");
    const item = await findResourceForStaff(db(), "toolkit-draft");
    assert.ok(item);
    assert.equal(item.status, "draft");
    assert.equal(item.partner, "New American Economy");
    assert.deepEqual(item.topics, ["immigration_reform"]);
    assert.equal(item.memberIds.length, 1);
    assert.deepEqual(
      item.versions.map((v) => [v.locale, v.status, v.editor]),
      [
        ["en", "ready", "Edna Editor"],
        ["es", "draft", "Edna Editor"],
      ],
    );
    assert.deepEqual(item.sections, [
      { locale: "en", title: "Social media messages and graphics", first_page: 22, last_page: 24 },
    ]);
    assert.deepEqual(await auditOf(item.id), ["resource.create"]);
    const page = await ctx.app.inject({
      url: "/admin/resources/toolkit-draft?done=created",
      headers: { cookie: editorCookie },
    });
    assert.equal(page.statusCode, 200);
    assert.match(text(page.body), /The draft is created/);
    assert.match(text(page.body), /Last saved by Edna Editor/);
    assert.match(page.body, /22-24 Social media messages and graphics<\/textarea>/);
  });

  it("records as a version's editor only the person who changed that version", async () => {
    await post(editorCookie, "/admin/resources/new", form("two-editors"));
    const res = await post(
      secondCookie,
      "/admin/resources/two-editors",
      form("two-editors", {
        title_es: "Impulsar la reforma migratoria (revisado)",
        status_es: "ready",
      }),
    );
    assert.equal(res.statusCode, 303);
    const item = await findResourceForStaff(db(), "two-editors");
    assert.deepEqual(
      item?.versions.map((v) => [v.locale, v.status, v.editor]),
      [
        ["en", "ready", "Edna Editor"],
        ["es", "ready", "Tomás Traductor"],
      ],
    );
    const audit = await db()
      .selectFrom("audit_log")
      .select(["before", "after"])
      .where("action", "=", "resource.update")
      .where("entity_id", "=", item?.id ?? "")
      .executeTakeFirstOrThrow();
    assert.match(audit.before ?? "", /"title":"Impulsar la reforma migratoria"/);
    assert.match(audit.after ?? "", /Impulsar la reforma migratoria \(revisado\)/);
  });

  it("creates one item when the same form is sent twice at once, the other told why", async () => {
    const [a, b] = await Promise.all([
      post(editorCookie, "/admin/resources/new", form("double-click")),
      post(editorCookie, "/admin/resources/new", form("double-click")),
    ]);
    assert.deepEqual([a.statusCode, b.statusCode].sort(), [303, 422]);
    const refused = a.statusCode === 422 ? a : b;
    assert.match(text(refused.body), /Another item has this address/);
    const rows = await db()
      .selectFrom("resources")
      .select("id")
      .where("slug", "=", "double-click")
      .execute();
    assert.equal(rows.length, 1);
  });

  it("refuses member staff, with nothing written", async () => {
    const list = await ctx.app.inject({
      url: "/admin/resources",
      headers: { cookie: staffCookie },
    });
    assert.equal(list.statusCode, 403);
    const res = await post(staffCookie, "/admin/resources/new", form("by-staff"));
    assert.equal(res.statusCode, 403);
    assert.equal(await findResourceForStaff(db(), "by-staff"), undefined);
  });

  it("shows the language matrix and finds the items that lack a language", async () => {
    await post(editorCookie, "/admin/resources/new", form("matrix-item", { type: "op_ed" }));
    const list = await ctx.app.inject({
      url: "/admin/resources",
      headers: { cookie: editorCookie },
    });
    assert.equal(list.statusCode, 200);
    const row = list.body.match(/<tr>(?:(?!<\/tr>)[\s\S])*matrix-item[\s\S]*?<\/tr>/)?.[0] ?? "";
    assert.deepEqual(
      [...row.matchAll(/cfa-lang-cell--(\w+)/g)].map((m) => m[1]),
      ["ready", "draft", "missing"],
    );
    assert.match(text(row), /Op-ed/);
    assert.match(text(row), /Draft/);
    const lacksChinese = await ctx.app.inject({
      url: "/admin/resources?lacks=zh-Hans",
      headers: { cookie: editorCookie },
    });
    assert.match(lacksChinese.body, /\/admin\/resources\/matrix-item"/);
    const lacksEnglish = await ctx.app.inject({
      url: "/es/admin/resources?lacks=en",
      headers: { cookie: editorCookie },
    });
    assert.doesNotMatch(lacksEnglish.body, /\/admin\/resources\/matrix-item"/);
    assert.match(text(lacksEnglish.body), /Biblioteca de recursos/);
  });

  it("lets only an admin publish, once of two at once; unpublishes; schedules in New York time", async () => {
    await post(editorCookie, "/admin/resources/new", form("to-publish"));
    const seen = { seen_status: "draft", seen_publish_at: "", publish_at: "" };
    const byEditor = await post(editorCookie, "/admin/resources/to-publish/status", {
      to: "publish",
      ...seen,
    });
    assert.equal(byEditor.statusCode, 403);
    assert.match(text(byEditor.body), /Only coalition administrators can publish/);
    const [a, b] = await Promise.all([
      post(adminCookie, "/admin/resources/to-publish/status", { to: "publish", ...seen }),
      post(adminCookie, "/admin/resources/to-publish/status", { to: "publish", ...seen }),
    ]);
    assert.deepEqual([a.statusCode, b.statusCode].sort(), [303, 409]);
    let item = await findResourceForStaff(db(), "to-publish");
    assert.equal(item?.status, "published");
    assert.equal(item?.publish_at, null);
    assert.ok(item?.published_at);

    const down = await post(adminCookie, "/admin/resources/to-publish/status", {
      to: "unpublish",
      seen_status: "published",
      seen_publish_at: "",
      publish_at: "",
    });
    assert.equal(down.statusCode, 303);
    item = await findResourceForStaff(db(), "to-publish");
    assert.equal(item?.status, "unpublished");

    const past = await post(adminCookie, "/admin/resources/to-publish/status", {
      to: "schedule",
      seen_status: "unpublished",
      seen_publish_at: "",
      publish_at: "2020-01-15 09:00",
    });
    assert.equal(past.statusCode, 422);
    assert.match(text(past.body), /That time has passed/);
    assert.match(past.body, /value="2020-01-15 09:00"/);
    const scheduled = await post(adminCookie, "/admin/resources/to-publish/status", {
      to: "schedule",
      seen_status: "unpublished",
      seen_publish_at: "",
      publish_at: "2040-01-15 09:00",
    });
    assert.equal(scheduled.statusCode, 303);
    item = await findResourceForStaff(db(), "to-publish");
    assert.equal(item?.status, "published");
    // 09:00 in New York in January is 14:00 UTC (EST).
    assert.equal(item?.publish_at, "2040-01-15T14:00:00.000Z");
    const page = await ctx.app.inject({
      url: "/admin/resources/to-publish",
      headers: { cookie: adminCookie },
    });
    assert.match(text(page.body), /Scheduled/);
    assert.match(page.body, /value="2040-01-15 09:00"/);
    assert.deepEqual(await auditOf(item?.id ?? ""), [
      "resource.create",
      "resource.publish",
      "resource.unpublish",
      "resource.schedule",
    ]);
  });

  it("checks social messages by their platform's rule and saves them", async () => {
    await post(editorCookie, "/admin/resources/new", form("messages-set", { type: "social_set" }));
    const over = await post(editorCookie, "/admin/resources/messages-set/messages", {
      msg_x_en: "x".repeat(281),
      "msg_x_zh-Hans": "城市团结一致。",
    });
    assert.equal(over.statusCode, 422);
    assert.match(text(over.body), /281 of 280 characters: 1 too many for X/);
    assert.match(over.body, /城市团结一致。<\/textarea>/);
    const saved = await post(editorCookie, "/admin/resources/messages-set/messages", {
      msg_x_en: "Cities stand together for #ImmigrationReform.",
      "msg_x_zh-Hans": "城市团结一致。",
      msg_facebook_es: "Las ciudades se unen.",
    });
    assert.equal(saved.statusCode, 303);
    const rows = await db()
      .selectFrom("resource_messages")
      .innerJoin("resources", "resources.id", "resource_messages.resource_id")
      .select(["resource_messages.platform", "resource_messages.locale"])
      .where("resources.slug", "=", "messages-set")
      .orderBy("resource_messages.position")
      .execute();
    assert.deepEqual(
      rows.map((r) => `${r.platform}/${r.locale}`),
      ["x/en", "x/zh-Hans", "facebook/es"],
    );
  });
});
