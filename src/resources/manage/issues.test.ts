import assert from "node:assert/strict";
import { before, it } from "node:test";
import { postAsSignedIn, signIn } from "../../../test/support/accounts.js";
import { describeEachDatabase } from "../../../test/support/app.js";
import { buildPerson } from "../../../test/support/builders.js";
import { text } from "../../../test/support/html.js";
import { findIssueForStaff } from "./issues.queries.js";

describeEachDatabase("composing issue pages", { seed: false }, (ctx) => {
  const db = () => ctx.database.db;
  let adminCookie: string;
  let editorCookie: string;

  before(async () => {
    const admin = await buildPerson(db(), { role: "coalition_admin" });
    const editor = await buildPerson(db(), { role: "coalition_editor", name: "Edna Editor" });
    adminCookie = await signIn(ctx.app, admin.email);
    editorCookie = await signIn(ctx.app, editor.email);
    for (const [slug, type, title] of [
      ["karen-story", "video", "Karen's story"],
      ["the-toolkit", "toolkit", "Advancing Immigration Reform"],
      ["an-op-ed", "op_ed", "Immigrants keep our city running"],
    ] as const) {
      const res = await post(editorCookie, "/admin/resources/new", {
        slug,
        type,
        dated_on: "2021-03-15",
        title_en: title,
        status_en: "ready",
      });
      assert.equal(res.statusCode, 303, text(res.body).slice(0, 400));
    }
  });

  async function post(cookie: string, url: string, fields: Record<string, string>) {
    return postAsSignedIn(ctx.app, cookie, url, fields);
  }

  const order = async (slug: string) =>
    (await findIssueForStaff(db(), slug))?.items.map((i) => i.slug) ?? [];

  it("refuses an issue page without a title, keeping what was typed", async () => {
    const res = await post(editorCookie, "/admin/issues/new", {
      slug: "immigration-reform",
      title_en: "",
      intro_en: "Welcome to the **Immigration Reform** page.",
      status_en: "ready",
    });
    assert.equal(res.statusCode, 422);
    assert.match(text(res.body), /Enter a title for this language/);
    assert.match(res.body, /Welcome to the \*\*Immigration Reform\*\* page\./);
    assert.equal(await findIssueForStaff(db(), "immigration-reform"), undefined);
  });

  it("creates a page, composes it in the order set, moves items up and down, takes one off", async () => {
    const created = await post(editorCookie, "/admin/issues/new", {
      slug: "immigration-reform",
      title_en: "Immigration Reform",
      intro_en: "Tools for local governments.",
      status_en: "ready",
      title_es: "Reforma migratoria",
      intro_es: "",
      status_es: "draft",
    });
    assert.equal(created.statusCode, 303);
    for (const item of ["karen-story", "the-toolkit", "an-op-ed"]) {
      const res = await post(editorCookie, "/admin/issues/immigration-reform/items", { item });
      assert.equal(res.statusCode, 303);
    }
    assert.deepEqual(await order("immigration-reform"), ["karen-story", "the-toolkit", "an-op-ed"]);
    const issue = await findIssueForStaff(db(), "immigration-reform");
    const idOf = (slug: string) => issue?.items.find((i) => i.slug === slug)?.id ?? "";

    await post(editorCookie, "/admin/issues/immigration-reform/items/move", {
      item: idOf("an-op-ed"),
      move: "up",
    });
    assert.deepEqual(await order("immigration-reform"), ["karen-story", "an-op-ed", "the-toolkit"]);
    await post(editorCookie, "/admin/issues/immigration-reform/items/move", {
      item: idOf("karen-story"),
      move: "down",
    });
    assert.deepEqual(await order("immigration-reform"), ["an-op-ed", "karen-story", "the-toolkit"]);
    // The first item moved up stays first.
    await post(editorCookie, "/admin/issues/immigration-reform/items/move", {
      item: idOf("an-op-ed"),
      move: "up",
    });
    assert.deepEqual(await order("immigration-reform"), ["an-op-ed", "karen-story", "the-toolkit"]);
    await post(editorCookie, "/admin/issues/immigration-reform/items/move", {
      item: idOf("karen-story"),
      move: "remove",
    });
    assert.deepEqual(await order("immigration-reform"), ["an-op-ed", "the-toolkit"]);

    const page = await ctx.app.inject({
      url: "/admin/issues/immigration-reform?done=items",
      headers: { cookie: editorCookie },
    });
    assert.equal(page.statusCode, 200);
    const list = page.body.match(/<ol class="usa-list cfa-issue-items"[\s\S]*?<\/ol>/)?.[0] ?? "";
    assert.match(text(list), /Immigrants keep our city running[\s\S]*Advancing Immigration Reform/);
    assert.match(list, /Move “Advancing Immigration Reform” up/);
    assert.doesNotMatch(list, /Move “Advancing Immigration Reform” down/);
    // The item taken off can be added again.
    assert.match(page.body, /<option value="karen-story"/);

    const audit = await db()
      .selectFrom("audit_log")
      .select(["action", "before", "after"])
      .where("entity_id", "=", issue?.id ?? "")
      .orderBy("at")
      .execute();
    assert.equal(audit[0]?.action, "issue_page.create");
    // Three added, one up, one down, one off: the first item "moved up" changed nothing.
    assert.equal(audit.filter((a) => a.action === "issue_page.items").length, 6);
  });

  it("lets an admin publish and unpublish a page, an editor not, a stale button refused", async () => {
    await post(editorCookie, "/admin/issues/new", {
      slug: "daca",
      title_en: "DACA and immigrant youth",
      status_en: "ready",
    });
    const byEditor = await post(editorCookie, "/admin/issues/daca/status", {
      to: "publish",
      seen_status: "draft",
    });
    assert.equal(byEditor.statusCode, 403);
    const published = await post(adminCookie, "/admin/issues/daca/status", {
      to: "publish",
      seen_status: "draft",
    });
    assert.equal(published.statusCode, 303);
    assert.equal((await findIssueForStaff(db(), "daca"))?.status, "published");
    const stale = await post(adminCookie, "/admin/issues/daca/status", {
      to: "publish",
      seen_status: "draft",
    });
    assert.equal(stale.statusCode, 409);
    assert.match(text(stale.body), /Someone else changed this a moment ago/);
    const down = await post(adminCookie, "/admin/issues/daca/status", {
      to: "unpublish",
      seen_status: "published",
    });
    assert.equal(down.statusCode, 303);
    assert.equal((await findIssueForStaff(db(), "daca"))?.status, "unpublished");
    const list = await ctx.app.inject({
      url: "/zh-hans/admin/issues",
      headers: { cookie: editorCookie },
    });
    assert.match(text(list.body), /议题页面/);
    assert.match(text(list.body), /已撤下/);
  });
});
