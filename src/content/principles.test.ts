import assert from "node:assert/strict";
import { before, it } from "node:test";
import { describeEachDatabase } from "../../test/support/app.js";
import { htmlLang, text } from "../../test/support/html.js";
import { DEFAULT_LOCALE, findLocale, LOCALES, localizedPath, translator } from "../i18n/index.js";
import { seedContent } from "./content.seed.js";
import { en } from "./seed/en.js";
import { es } from "./seed/es.js";
import { zhHans } from "./seed/zh-hans.js";

/** A word each language's principles use, so a page in the wrong language is caught. */
const WORD: Record<string, RegExp> = {
  en: /citizenship/,
  es: /ciudadanía/,
  "zh-Hans": /入籍/,
};

/** The HTML of a block's wrapper, up to the end of the (first) ordered list in it. */
function listOf(html: string, className: string): string {
  const match = html.match(new RegExp(`<div class="${className}">[\\s\\S]*?</ol>`));
  assert.ok(match, `${className} is on the page`);
  return match[0];
}

const items = (html: string) => html.match(/<li>/g)?.length ?? 0;

it("the principles and pledge are seeded in every language, with the same keys", () => {
  const keys = Object.keys(en).sort();
  assert.deepEqual(Object.keys(es).sort(), keys);
  assert.deepEqual(Object.keys(zhHans).sort(), keys);
  for (const key of ["principles.intro", "principles.list", "pledge.intro", "pledge.list"]) {
    assert.ok(keys.includes(key), key);
  }
});

describeEachDatabase("principles page", { seed: false }, (ctx) => {
  // The site's texts only: the page shows no member.
  before(async () => {
    await seedContent(ctx.database.db, "2024-01-01T00:00:00.000Z");
  });

  for (const locale of LOCALES) {
    it(`${locale.tag}: ten principles and the three-part pledge, in its language, with a way to join`, async () => {
      const t = translator(locale);
      const url = localizedPath(locale, "/principles");
      const res = await ctx.app.inject({ url });
      assert.equal(res.statusCode, 200, url);
      assert.equal(htmlLang(res.body), locale.tag);
      assert.doesNotMatch(res.body, /cfa-fallback/, "every block is translated");

      const principles = listOf(res.body, "cfa-principles__list");
      assert.equal(items(principles), 10, "ten principles");
      assert.match(text(principles), WORD[locale.tag] as RegExp);
      assert.equal(items(listOf(res.body, "cfa-pledge__list")), 3, "three commitments");

      // One h1, then the pledge's h2: headings in order.
      const headings = [...res.body.matchAll(/<h([1-6])[^>]*>([\s\S]*?)<\/h\1>/g)];
      const main = headings.filter(([, , inner]) =>
        [t("pages.principles.title"), t("pages.principles.pledge_heading")].includes(
          text(inner ?? "").trim(),
        ),
      );
      assert.deepEqual(
        main.map(([, level]) => level),
        ["1", "2"],
      );
      assert.equal(res.body.match(/<h1[\s>]/g)?.length, 1, "one h1");

      const join = localizedPath(locale, "/join");
      const link = res.body.match(
        new RegExp(`<a class="usa-button[^"]*" href="${join}">([^<]*)</a>`),
      );
      assert.ok(link, `links to ${join}`);
      assert.equal(text(link[1] ?? "").trim(), t("pages.principles.join.link"));
    });
  }

  it("shows the English text, marked as such, where a block is not yet translated", async () => {
    const spanish = LOCALES.find((l) => l.tag === "es");
    assert.ok(spanish);
    const db = ctx.database.db;
    // Seen first, so the deletion must invalidate the cached page.
    assert.match(text((await ctx.app.inject({ url: "/es/principles" })).body), /ciudadanía/);
    await db
      .deleteFrom("content_blocks")
      .where("key", "=", "principles.list")
      .where("locale", "=", "es")
      .execute();
    try {
      const res = await ctx.app.inject({ url: "/es/principles" });
      assert.equal(res.statusCode, 200);
      assert.equal(htmlLang(res.body), "es");
      const principles = listOf(res.body, "cfa-principles__list");
      assert.equal(items(principles), 10);
      assert.match(principles, /class="usa-prose cfa-fallback" lang="en"/);
      assert.match(text(principles), /A path to citizenship/);
      assert.doesNotMatch(text(principles), /ciudadanía/);
      const notice = translator(spanish)("common.fallback.notice", {
        language: findLocale(DEFAULT_LOCALE.tag)?.name ?? DEFAULT_LOCALE.tag,
      });
      assert.ok(text(principles).includes(notice), "labelled as not yet translated");
      // The rest of the page is still in Spanish.
      assert.ok(text(listOf(res.body, "cfa-pledge__list")).includes("coalición"));
      assert.doesNotMatch(listOf(res.body, "cfa-pledge__list"), /cfa-fallback/);
    } finally {
      await db
        .insertInto("content_blocks")
        .values({
          key: "principles.list",
          locale: "es",
          body: es["principles.list"],
          is_demo: 0,
          updated_at: new Date().toISOString(),
        })
        .execute();
    }
    assert.doesNotMatch((await ctx.app.inject({ url: "/es/principles" })).body, /cfa-fallback/);
  });
});
