import assert from "node:assert/strict";
import { before, it } from "node:test";
import { createUser, csrfTokenOf, signIn } from "../../test/support/accounts.js";
import { describeEachDatabase } from "../../test/support/app.js";
import { text } from "../../test/support/html.js";
import { LOCALES } from "../i18n/index.js";
import { seedContent } from "./content.seed.js";
import { textMark } from "./editor.service.js";

describeEachDatabase("saving the site's texts", { seed: false }, (ctx) => {
  const db = () => ctx.database.db;
  let cookie = "";
  let csrf = "";

  before(async () => {
    await seedContent(db(), "2024-01-01T00:00:00.000Z");
    // Translations missing, as in a text added in English only.
    await db()
      .deleteFrom("content_blocks")
      .where("key", "=", "pledge.intro")
      .where("locale", "=", "zh-Hans")
      .execute();
    await db()
      .deleteFrom("content_blocks")
      .where("key", "=", "pledge.list")
      .where("locale", "=", "es")
      .execute();
    await createUser(ctx.app, { email: "editor@example.org", coalitionRole: "coalition_editor" });
    cookie = await signIn(ctx.app, "editor@example.org");
    csrf = await csrfTokenOf(ctx.app, "/admin/content/edit?key=home.mission", cookie);
  });

  /** A text's rows, by language. */
  async function stored(key: string) {
    const rows = await db()
      .selectFrom("content_blocks")
      .select(["locale", "body", "updated_at"])
      .where("key", "=", key)
      .execute();
    return Object.fromEntries(rows.map((r) => [r.locale, r]));
  }

  /** The form as the edit page fills it now: every language's text and its mark. */
  async function formOf(key: string): Promise<Record<string, string>> {
    const rows = await stored(key);
    return Object.fromEntries([
      ["_csrf", csrf],
      ["key", key],
      ...LOCALES.flatMap((l) => [
        [`body_${l.tag}`, rows[l.tag]?.body ?? ""],
        [`seen_${l.tag}`, textMark(rows[l.tag]?.body)],
      ]),
    ]);
  }

  async function post(body: Record<string, string>, url = "/es/admin/content/edit") {
    return ctx.app.inject({
      method: "POST",
      url,
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams(body).toString(),
    });
  }

  const audited = async (entityId: string) =>
    db()
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "content.update")
      .where("entity_id", "=", entityId)
      .execute();

  it("saves the changed languages in one go, each audited, and refreshes the pages", async () => {
    const before = await ctx.app.inject({ url: "/es/principles" });
    assert.equal(before.statusCode, 200);
    const form = await formOf("principles.list");
    const es = "1. **Principio editado.** <script>alert(1)</script>";
    // Sent back with the browser's CRLF line breaks: the unchanged English is not a change.
    const english = form.body_en?.replaceAll("\n", "\r\n") ?? "";
    const saved = await post({
      ...form,
      body_en: english,
      body_es: es,
      "body_zh-Hans": "新的文本",
    });
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, "/es/admin/content?saved=principles.list:es,zh-Hans");
    const list = await ctx.app.inject({ url: String(saved.headers.location), headers: { cookie } });
    assert.match(
      text(list.body),
      /Se guardó «Los diez principios» en español y chino simplificado\./,
    );

    const rows = await stored("principles.list");
    assert.equal(rows.es?.body, es);
    assert.equal(rows["zh-Hans"]?.body, "新的文本");
    assert.equal(rows.en?.updated_at, "2024-01-01T00:00:00.000Z", "English untouched");
    assert.deepEqual(await audited("principles.list:en"), []);
    const [audit] = await audited("principles.list:es");
    assert.equal(audit?.actor_email, "editor@example.org");
    assert.equal(JSON.parse(audit?.after ?? "{}").body, es);
    assert.match(JSON.parse(audit?.before ?? "{}").body, /^1\. \*\*/);
    assert.equal((await audited("principles.list:zh-Hans")).length, 1);

    const page = await ctx.app.inject({ url: "/es/principles" });
    assert.match(page.body, /<strong>Principio editado\.<\/strong>/, "the cache refreshed");
    assert.match(page.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.doesNotMatch(page.body, /<script>alert/);

    const again = await post(await formOf("principles.list"));
    assert.equal(again.statusCode, 303);
    assert.equal(again.headers.location, "/es/admin/content?saved=principles.list:");
  });

  it("writes a missing translation, and leaves an empty one missing", async () => {
    const form = await formOf("pledge.intro");
    assert.equal((await post(form)).statusCode, 303);
    assert.equal((await stored("pledge.intro"))["zh-Hans"], undefined, "still missing");
    const created = await post({ ...form, "body_zh-Hans": "每个加入的城市或县都作出三项承诺：" });
    assert.equal(created.statusCode, 303);
    assert.equal(
      (await stored("pledge.intro"))["zh-Hans"]?.body,
      "每个加入的城市或县都作出三项承诺：",
    );
    const [audit] = await audited("pledge.intro:zh-Hans");
    assert.equal(audit?.before, null);
  });

  it("refuses the whole form, and keeps what was typed, when one language is wrong", async () => {
    const form = await formOf("home.background");
    const typed = { ...form, body_en: "A new background." };
    const cases: [Record<string, string>, RegExp][] = [
      [{ ...typed, body_es: "   " }, /El texto en español no se puede quitar aquí/],
      [{ ...typed, body_es: "x".repeat(20_001) }, /Tiene 20,001 caracteres; el máximo es 20,000\./],
      [{ ...typed, body_es: "Texto\u0000" }, /Contiene caracteres de control invisibles/],
    ];
    for (const [body, reason] of cases) {
      const res = await post(body);
      assert.equal(res.statusCode, 422);
      assert.match(text(res.body), reason);
      assert.match(res.body, /<textarea[^>]*name="body_es"[^>]*aria-invalid="true"/);
      assert.match(res.body, /<textarea[^>]*name="body_en"[^>]*>A new background\.<\/textarea>/);
    }
    assert.equal((await stored("home.background")).en?.body, form.body_en, "nothing saved");
    assert.deepEqual(await audited("home.background:en"), []);
  });

  it("refuses a form without its token, for another text, or tampered with", async () => {
    const form = await formOf("home.mission");
    const { _csrf, ...noToken } = form;
    assert.equal((await post({ ...noToken, body_es: "x" })).statusCode, 403, "no CSRF token");
    for (const tampered of [
      { ...form, key: "home.surprise", body_en: "A block no page shows" },
      { ...form, key: "Bad Key" },
      { ...form, seen_es: "not a mark" },
      { ...form, action: "publish" },
    ]) {
      assert.equal((await post(tampered)).statusCode, 404, JSON.stringify(tampered).slice(0, 80));
    }
    const rows = await db()
      .selectFrom("content_blocks")
      .select("key")
      .where("key", "=", "home.surprise")
      .execute();
    assert.deepEqual(rows, []);
  });

  it("does not undo a language someone else saved meanwhile", async () => {
    const opened = await formOf("principles.intro");
    // Someone else saves the Spanish text while the form is open.
    const theirs = "Texto de otra persona.";
    assert.equal((await post({ ...opened, body_es: theirs })).statusCode, 303);
    // The form, sent with the old Spanish untouched, saves the English change only.
    const mine = await post({ ...opened, body_en: "My new introduction." });
    assert.equal(mine.statusCode, 303);
    assert.equal(mine.headers.location, "/es/admin/content?saved=principles.intro:en");
    assert.equal((await stored("principles.intro")).es?.body, theirs);
    // A Spanish change on a form that did not show their text: refused, mine kept in the field.
    const conflict = await post({ ...opened, body_es: "Mi versión." });
    assert.equal(conflict.statusCode, 422);
    assert.match(text(conflict.body), /Otra persona guardó el texto en español/);
    assert.match(conflict.body, /<textarea[^>]*name="body_es"[^>]*>Mi versión\.<\/textarea>/);
    assert.equal((await stored("principles.intro")).es?.body, theirs);
    // Saving the form as it came back replaces their text: the editor has been told.
    const seen = conflict.body.match(/name="seen_es" value="([0-9a-f]{64})"/)?.[1] ?? "";
    assert.equal(seen, textMark(theirs));
    const resent = await post({ ...opened, seen_es: seen, body_es: "Mi versión." });
    assert.equal(resent.statusCode, 303);
    assert.equal((await stored("principles.intro")).es?.body, "Mi versión.");
  });

  it("two editors saving one language at once: one saves, the other is told", async () => {
    const opened = await formOf("home.recent_actions");
    const [a, b] = await Promise.all([
      post({ ...opened, body_es: "Versión A." }),
      post({ ...opened, body_es: "Versión B." }),
    ]);
    assert.deepEqual([a.statusCode, b.statusCode].sort(), [303, 422]);
    const winner = a.statusCode === 303 ? "Versión A." : "Versión B.";
    assert.equal((await stored("home.recent_actions")).es?.body, winner);
    assert.equal((await audited("home.recent_actions:es")).length, 1);
  });

  it("two editors adding one missing translation at once: one adds it, the other is told", async () => {
    const opened = await formOf("pledge.list");
    assert.equal(opened.seen_es, "", "missing when the form opened");
    const [a, b] = await Promise.all([
      post({ ...opened, body_es: "1. Versión A." }),
      post({ ...opened, body_es: "1. Versión B." }),
    ]);
    assert.deepEqual([a.statusCode, b.statusCode].sort(), [303, 422]);
    const loser = a.statusCode === 422 ? a : b;
    assert.match(text(loser.body), /Otra persona guardó el texto en español/);
    assert.equal((await audited("pledge.list:es")).length, 1);
  });
});
