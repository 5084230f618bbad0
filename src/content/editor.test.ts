import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { createUser, csrfTokenOf, signIn } from "../../test/support/accounts.js";
import { describeEachDatabase } from "../../test/support/app.js";
import { text } from "../../test/support/html.js";
import { DEFAULT_LOCALE, LOCALES } from "../i18n/index.js";
import { readCatalog } from "../i18n/messages.js";
import { languageName } from "../views/language-name.js";
import { seedContent } from "./content.seed.js";
import { BLOCK_KEYS } from "./editor.schema.js";
import { blockName, blockWhere } from "./editor.view.js";

describe("the site texts' names", () => {
  const english = readCatalog(DEFAULT_LOCALE.tag);
  for (const locale of LOCALES) {
    it(`every editable text has a name and a place, and every language a name, in ${locale.tag}`, () => {
      const catalog = readCatalog(locale.tag);
      const keys = [
        ...BLOCK_KEYS.flatMap((key) => [blockName(key), blockWhere(key)]),
        ...LOCALES.map((l) => languageName(l.tag)),
      ];
      for (const key of keys) {
        const message = catalog.get(key);
        assert.ok(message?.trim(), `${locale.tag}: ${key} has no message`);
        // A translation, not an English copy (the catalog test only checks the keys exist).
        if (locale !== DEFAULT_LOCALE) assert.notEqual(message, english.get(key), key);
      }
      assert.equal(
        new Set(LOCALES.map((l) => languageName(l.tag))).size,
        LOCALES.length,
        "one name per language",
      );
    });
  }
});

describeEachDatabase("the site texts editor's pages", { seed: false }, (ctx) => {
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

  it("is for coalition staff only: signed out is sent to sign in, others are refused", async () => {
    const out = await ctx.app.inject({ url: "/admin/content" });
    assert.equal(out.statusCode, 303);
    assert.match(String(out.headers.location), /^\/account\/sign-in\?next=%2Fadmin%2Fcontent/);
    const cookie = await signIn(ctx.app, "staff@example.org");
    for (const url of ["/admin/content", "/admin/content/edit?key=principles.list&locale=es"]) {
      assert.equal((await ctx.app.inject({ url, headers: { cookie } })).statusCode, 403, url);
    }
    const csrf = await csrfTokenOf(ctx.app, "/account", cookie);
    const res = await ctx.app.inject({
      method: "POST",
      url: "/admin/content/edit",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({
        _csrf: csrf,
        key: "principles.list",
        body_es: "Hacked",
      }).toString(),
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

  it("lists each text once, by its name and place, with each language's status", async () => {
    const cookie = await signIn(ctx.app, "editor@example.org");
    const list = await ctx.app.inject({ url: "/es/admin/content", headers: { cookie } });
    assert.equal(list.statusCode, 200);
    const shown = text(list.body);
    assert.match(shown, /Textos del sitio/);
    assert.doesNotMatch(list.body, /<table/, "a stacked list, not a table that overflows");
    // One link per text, named by the text, to the form of all its languages.
    for (const [key, name] of [
      ["home.background", "Antecedentes"],
      ["principles.list", "Los diez principios"],
    ]) {
      const links = [...list.body.matchAll(/<a href="([^"]*)">([^<]*)<\/a>/g)].filter(([, href]) =>
        href?.startsWith(`/es/admin/content/edit?key=${key}`),
      );
      assert.deepEqual(
        links.map(([, href, label]) => [href, label]),
        [[`/es/admin/content/edit?key=${key}`, name]],
      );
    }
    assert.match(shown, /Página de inicio — la sección «Antecedentes»/);
    assert.doesNotMatch(shown, /home\.background|principles\.list/, "no code keys shown");
    // Written languages with their date as secondary text; the missing one links to its field.
    assert.match(shown, /inglés: escrito última edición: 1 ene 2024/);
    const missing = list.body.match(
      /<li class="cfa-texts__language cfa-texts__language--missing"><a href="([^"]*)">([^<]*)</,
    );
    assert.deepEqual(missing?.slice(1), [
      "/es/admin/content/edit?key=pledge.intro&locale=zh-Hans",
      "chino simplificado: falta",
    ]);
  });

  it("unknown texts or languages are not found", async () => {
    const cookie = await signIn(ctx.app, "editor@example.org");
    for (const url of [
      "/admin/content/edit?key=Bad%20Key&locale=es",
      "/admin/content/edit?key=principles.list&locale=fr",
      "/admin/content/edit?key=home.surprise",
      "/admin/content/edit?locale=es",
    ]) {
      assert.equal((await ctx.app.inject({ url, headers: { cookie } })).statusCode, 404, url);
    }
  });

  it("edits every language of a text in one form, each field in its language", async () => {
    const cookie = await signIn(ctx.app, "editor@example.org");
    const page = await ctx.app.inject({
      url: "/es/admin/content/edit?key=pledge.intro",
      headers: { cookie },
    });
    assert.equal(page.statusCode, 200);
    assert.match(text(page.body), /Editar «Introducción al compromiso»/);
    const areas = [...page.body.matchAll(/<textarea([^>]*)>([^<]*)<\/textarea>/g)];
    assert.deepEqual(
      areas.map(([, attrs]) => [
        attrs?.match(/name="([^"]+)"/)?.[1],
        attrs?.match(/lang="([^"]+)"/)?.[1],
        attrs?.match(/dir="([^"]+)"/)?.[1],
        attrs?.includes('maxlength="20000"'),
        attrs?.includes("autofocus"),
      ]),
      [
        ["body_en", "en", "ltr", true, false],
        ["body_es", "es", "ltr", true, false],
        ["body_zh-Hans", "zh-Hans", "ltr", true, false],
      ],
    );
    assert.match(areas[0]?.[2] ?? "", /^Every city or county/);
    assert.equal(areas[2]?.[2], "", "a missing translation starts empty");
    for (const [id, label] of [
      ["content-en", "Texto en inglés"],
      ["content-zh-hans", "Texto en chino simplificado"],
    ]) {
      assert.match(page.body, new RegExp(`<label class="usa-label" for="${id}">${label}</label>`));
    }
    assert.match(text(page.body), /Aún no está escrito/, "the missing language says so");
    // The per-language link of the list (and of the language selector) still opens it, focused.
    const focused = await ctx.app.inject({
      url: "/admin/content/edit?key=pledge.intro&locale=zh-Hans",
      headers: { cookie },
    });
    assert.equal(focused.statusCode, 200);
    assert.deepEqual(
      [...focused.body.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*autofocus/g)].map((m) => m[1]),
      ["body_zh-Hans"],
    );
  });

  it("previews each language's Markdown without saving anything", async () => {
    const cookie = await signIn(ctx.app, "editor@example.org");
    const url = "/es/admin/content/edit?key=pledge.intro";
    const csrf = await csrfTokenOf(ctx.app, url, cookie);
    const preview = await ctx.app.inject({
      method: "POST",
      url: "/es/admin/content/edit",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({
        _csrf: csrf,
        key: "pledge.intro",
        action: "preview",
        body_en: "Every **new** member <b>pledges</b>:",
        body_es: "Cada miembro",
        "body_zh-Hans": "",
      }).toString(),
    });
    assert.equal(preview.statusCode, 200);
    assert.match(
      preview.body,
      /<div lang="en" dir="ltr"><div class="usa-prose"><p>Every <strong>new<\/strong> member &lt;b&gt;pledges&lt;\/b&gt;:<\/p>/,
    );
    assert.match(preview.body, /<h2[^>]*>Vista previa en español<\/h2>/);
    assert.match(text(preview.body), /Aún no hay nada escrito\./, "the empty language says so");
    assert.match(preview.body, /<textarea[^>]*name="body_es"[^>]*>Cada miembro<\/textarea>/);
    const rows = await db()
      .selectFrom("content_blocks")
      .select("body")
      .where("key", "=", "pledge.intro")
      .execute();
    assert.ok(
      rows.every((r) => !/new|Cada miembro$/.test(r.body)),
      "nothing saved",
    );
    const audit = await db()
      .selectFrom("audit_log")
      .select("id")
      .where("action", "=", "content.update")
      .execute();
    assert.deepEqual(audit, []);
  });
});
