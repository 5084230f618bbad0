// The library's writes keep search true at once: what an editor saves, an admin publishes,
// schedules or takes down is found (or no longer found) on the next search, on both databases.
import assert from "node:assert/strict";
import { before, it } from "node:test";
import { postAsSignedIn, signIn } from "../../test/support/accounts.js";
import { describeEachDatabase } from "../../test/support/app.js";
import { buildPerson } from "../../test/support/builders.js";

describeEachDatabase("the library in search", { seed: false }, (ctx) => {
  let adminCookie: string;
  let editorCookie: string;

  before(async () => {
    const admin = await buildPerson(ctx.database.db, { role: "coalition_admin" });
    const editor = await buildPerson(ctx.database.db, { role: "coalition_editor" });
    adminCookie = await signIn(ctx.app, admin.email);
    editorCookie = await signIn(ctx.app, editor.email);
  });

  async function post(cookie: string, url: string, fields: Record<string, string>) {
    const res = await postAsSignedIn(ctx.app, cookie, url, fields);
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
  }

  /** Slug and language of each result for `q`. */
  async function found(q: string): Promise<string[]> {
    const res = await ctx.app.inject({ url: `/api/v1/search?q=${encodeURIComponent(q)}%20` });
    const body = res.json() as { results: { slug: string; lang: string }[] };
    return body.results.map((r) => `${r.slug}:${r.lang}`);
  }

  const form = (overrides: Record<string, string> = {}) => ({
    slug: "findable-kit",
    type: "toolkit",
    dated_on: "2021-03-15",
    partner: "",
    video_url: "",
    parent: "",
    title_en: "Quokkaberry toolkit",
    summary_en: "A messaging toolkit.",
    body_en: "Key data on **immigrant contributions**.",
    status_en: "ready",
    sections_en: "",
    title_es: "Guía zorzal",
    summary_es: "Una guía lingüística.",
    body_es: "",
    status_es: "draft",
    ...overrides,
  });
  const status = (to: string, seen: string, seenAt = "", publishAt = "") =>
    post(adminCookie, "/admin/resources/findable-kit/status", {
      to,
      seen_status: seen,
      seen_publish_at: seenAt,
      publish_at: publishAt,
    });

  it("finds an item once published, each translation once ready, an edit at once", async () => {
    await post(editorCookie, "/admin/resources/new", form());
    assert.deepEqual(await found("quokkaberry"), [], "a draft is never found");
    await status("publish", "draft");
    assert.deepEqual(await found("quokkaberry"), ["findable-kit:en"]);
    assert.deepEqual(await found("linguistica"), [], "a draft translation is not found");

    await post(editorCookie, "/admin/resources/findable-kit", form({ status_es: "ready" }));
    assert.deepEqual(await found("linguistica"), ["findable-kit:es"]);
    assert.deepEqual(await found("lingüística"), ["findable-kit:es"]);

    await post(
      editorCookie,
      "/admin/resources/findable-kit",
      form({ status_es: "ready", title_en: "Wombatfruit toolkit" }),
    );
    assert.deepEqual(await found("quokkaberry"), [], "the old title is gone");
    assert.deepEqual(await found("wombatfruit"), ["findable-kit:en"]);
  });

  it("keeps one row per language when many saves come at once", async () => {
    const saves = Array.from({ length: 12 }, (_, i) =>
      post(
        editorCookie,
        "/admin/resources/findable-kit",
        form({ status_es: "ready", title_en: `Wombatfruit toolkit ${i}` }),
      ),
    );
    await Promise.all(saves);
    const rows = await ctx.database.db
      .selectFrom("search_documents")
      .select("locale")
      .where("slug", "=", "findable-kit")
      .orderBy("locale")
      .execute();
    assert.deepEqual(
      rows.map((r) => r.locale),
      ["en", "es"],
    );
    assert.deepEqual(await found("wombatfruit"), ["findable-kit:en"]);
  });

  it("loses an item scheduled for later or taken down", async () => {
    await status("unpublish", "published");
    assert.deepEqual(await found("wombatfruit"), []);
    await status("schedule", "unpublished", "", "2040-01-15 09:00");
    assert.deepEqual(await found("wombatfruit"), [], "not before its time");
  });

  it("finds an issue page once published, not after it is taken down", async () => {
    await post(editorCookie, "/admin/issues/new", {
      slug: "daca",
      title_en: "Platypusine youth",
      intro_en: "For immigrant youth.",
      status_en: "ready",
    });
    assert.deepEqual(await found("platypusine"), []);
    await post(adminCookie, "/admin/issues/daca/status", { to: "publish", seen_status: "draft" });
    assert.deepEqual(await found("platypusine"), ["daca:en"]);
    await post(adminCookie, "/admin/issues/daca/status", {
      to: "unpublish",
      seen_status: "published",
    });
    assert.deepEqual(await found("platypusine"), []);
  });
});
