import assert from "node:assert/strict";
import { before, it } from "node:test";
import { createUser, csrfTokenOf, signIn } from "../../test/support/accounts.js";
import { describeEachDatabase } from "../../test/support/app.js";
import { text } from "../../test/support/html.js";
import { seedContent } from "./content.seed.js";

describeEachDatabase("editing the site's texts", { seed: false }, (ctx) => {
  const db = () => ctx.database.db;

  // The site's texts as first seeded (no members: the editor does not need them), and its people.
  before(async () => {
    await seedContent(db(), "2024-01-01T00:00:00.000Z");
    // One translation missing, as a text added in English only would be.
    await db()
      .deleteFrom("content_blocks")
      .where("key", "=", "pledge.intro")
      .where("locale", "=", "zh-Hans")
      .execute();
    await createUser(ctx.app, { email: "staff@example.org" });
    await createUser(ctx.app, { email: "editor@example.org", coalitionRole: "coalition_editor" });
  });

  async function post(url: string, cookie: string, body: Record<string, string>) {
    return ctx.app.inject({
      method: "POST",
      url,
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams(body).toString(),
    });
  }

  it("is for coalition staff only: signed out is sent to sign in, others are refused", async () => {
    const out = await ctx.app.inject({ url: "/admin/content" });
    assert.equal(out.statusCode, 303);
    assert.match(String(out.headers.location), /^\/account\/sign-in\?next=%2Fadmin%2Fcontent/);
    const cookie = await signIn(ctx.app, "staff@example.org");
    for (const url of ["/admin/content", "/admin/content/edit?key=principles.list&locale=es"]) {
      assert.equal((await ctx.app.inject({ url, headers: { cookie } })).statusCode, 403, url);
    }
    const csrf = await csrfTokenOf(ctx.app, "/account", cookie);
    const res = await post("/admin/content/edit", cookie, {
      _csrf: csrf,
      key: "principles.list",
      locale: "es",
      body: "Hacked",
    });
    assert.equal(res.statusCode, 403, "a write is refused too");
    const row = await db()
      .selectFrom("content_blocks")
      .select("body")
      .where("key", "=", "principles.list")
      .where("locale", "=", "es")
      .executeTakeFirstOrThrow();
    assert.notEqual(row.body, "Hacked");
  });

  it("an editor lists every text, and unknown keys or locales are not found", async () => {
    const cookie = await signIn(ctx.app, "editor@example.org");
    const list = await ctx.app.inject({ url: "/es/admin/content", headers: { cookie } });
    assert.equal(list.statusCode, 200);
    for (const key of ["home.mission", "principles.list", "pledge.list"]) {
      assert.match(list.body, new RegExp(`key=${key.replace(".", "\\.")}&(amp;)?locale=zh-Hans`));
    }
    assert.match(text(list.body), /Textos del sitio/);
    for (const url of [
      "/admin/content/edit?key=Bad%20Key&locale=es",
      "/admin/content/edit?key=principles.list&locale=fr",
      "/admin/content/edit?locale=es",
    ]) {
      assert.equal((await ctx.app.inject({ url, headers: { cookie } })).statusCode, 404, url);
    }
    const page = await ctx.app.inject({
      url: "/admin/content/edit?key=principles.list&locale=es",
      headers: { cookie },
    });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<pre class="cfa-prewrap" lang="en">1\. \*\*A path to citizenship/);
    assert.match(page.body, /<textarea[^>]*name="body"[^>]*maxlength="20000"[^>]*>1\. \*\*/);
    const missing = await ctx.app.inject({
      url: "/admin/content/edit?key=pledge.intro&locale=zh-Hans",
      headers: { cookie },
    });
    assert.equal(missing.statusCode, 200, "a new translation starts empty");
    assert.match(missing.body, /<textarea[^>]*><\/textarea>/);
  });

  it("a well-formed key the site does not show is not found, and no row is made", async () => {
    const cookie = await signIn(ctx.app, "editor@example.org");
    const page = await ctx.app.inject({
      url: "/admin/content/edit?key=home.surprise&locale=en",
      headers: { cookie },
    });
    assert.equal(page.statusCode, 404);
    const csrf = await csrfTokenOf(
      ctx.app,
      "/admin/content/edit?key=home.mission&locale=en",
      cookie,
    );
    const res = await post("/admin/content/edit", cookie, {
      _csrf: csrf,
      key: "home.surprise",
      locale: "en",
      body: "A block no page shows and nobody can delete",
    });
    assert.equal(res.statusCode, 404);
    const rows = await db()
      .selectFrom("content_blocks")
      .select("key")
      .where("key", "=", "home.surprise")
      .execute();
    assert.deepEqual(rows, []);
  });

  it("saving refreshes the public page at once, escapes HTML and is audited", async () => {
    const cookie = await signIn(ctx.app, "editor@example.org");
    const before = await ctx.app.inject({ url: "/es/principles" });
    assert.equal(before.statusCode, 200);
    const url = "/es/admin/content/edit?key=principles.list&locale=es";
    const csrf = await csrfTokenOf(ctx.app, url, cookie);
    const fields = { key: "principles.list", locale: "es" };

    const noCsrf = await post("/es/admin/content/edit", cookie, { ...fields, body: "x" });
    assert.equal(noCsrf.statusCode, 403, "no CSRF token");
    const empty = await post("/es/admin/content/edit", cookie, {
      _csrf: csrf,
      ...fields,
      body: "   ",
    });
    assert.equal(empty.statusCode, 422);
    assert.match(text(empty.body), /Este campo es obligatorio\./);
    assert.match(empty.body, /<textarea[^>]*aria-invalid="true"[^>]*><\/textarea>/);
    const long = await post("/es/admin/content/edit", cookie, {
      _csrf: csrf,
      ...fields,
      body: "x".repeat(20_001),
    });
    assert.equal(long.statusCode, 422);
    assert.match(text(long.body), /Tiene 20,001 caracteres; el máximo es 20,000\./);
    const control = await post("/es/admin/content/edit", cookie, {
      _csrf: csrf,
      ...fields,
      body: "Texto\u0000",
    });
    assert.equal(control.statusCode, 422, "control characters are refused, even in Markdown");
    const unknown = await post("/es/admin/content/edit", cookie, {
      _csrf: csrf,
      key: "principles.list",
      locale: "fr",
      body: "x",
    });
    assert.equal(unknown.statusCode, 404);

    const body = "1. **Principio editado.** <script>alert(1)</script>";
    const saved = await post("/es/admin/content/edit", cookie, { _csrf: csrf, ...fields, body });
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, "/es/admin/content?saved=principles.list:es");
    const list = await ctx.app.inject({
      url: String(saved.headers.location),
      headers: { cookie },
    });
    assert.match(text(list.body), /Se guardó el texto principles\.list en Español\./);

    const page = await ctx.app.inject({ url: "/es/principles" });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<strong>Principio editado\.<\/strong>/, "the cache refreshed");
    assert.match(page.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.doesNotMatch(page.body, /<script>alert/);

    const row = await db()
      .selectFrom("content_blocks")
      .selectAll()
      .where("key", "=", "principles.list")
      .where("locale", "=", "es")
      .executeTakeFirstOrThrow();
    assert.equal(row.body, body);
    assert.equal(row.is_demo, 0);

    const created = await post("/admin/content/edit", cookie, {
      _csrf: csrf,
      key: "pledge.intro",
      locale: "zh-Hans",
      body: "新的文本",
    });
    assert.equal(created.statusCode, 303, "a missing translation is inserted");

    const audit = await db()
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "content.update")
      .orderBy("at")
      .execute();
    assert.deepEqual(
      audit.map((a) => [a.entity, a.entity_id, a.actor_email]),
      [
        ["content_block", "principles.list:es", "editor@example.org"],
        ["content_block", "pledge.intro:zh-Hans", "editor@example.org"],
      ],
    );
    assert.equal(JSON.parse(audit[0]?.after ?? "{}").body, body);
    assert.match(JSON.parse(audit[0]?.before ?? "{}").body, /^1\. \*\*/);
    assert.equal(audit[1]?.before, null);
  });
});
