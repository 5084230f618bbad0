// Pages in Spanish and Chinese say the words around Census data in their language
// (docs/decisions/0018); e2e/languages.test.ts checks the same in a browser on the demo roster.
import assert from "node:assert/strict";
import { it } from "node:test";
import { describeEachDatabase } from "../../test/support/app.js";
import { buildMember } from "../../test/support/builders.js";
import { text } from "../../test/support/html.js";
import { findLocale, type Locale, localizedPath, translator } from "../i18n/index.js";
import { acs5Source, acs5Vintage } from "./census/refresh.service.js";

const es = findLocale("es") as Locale;
const zh = findLocale("zh-Hans") as Locale;

describeEachDatabase("Census words in the page's language", { seed: false }, (ctx) => {
  it("a profile gives the executive's title, the state and the sources in the page's language", async () => {
    const member = await buildMember(ctx.app, {
      kind: "county",
      state: "NY",
      executive_title: "County Executive",
      executive_name: "Ana Pérez",
      population: 123_456,
      vintage: acs5Vintage(2023),
      source: acs5Source(2023),
    });
    for (const locale of [es, zh]) {
      const t = translator(locale);
      const url = localizedPath(locale, `/members/${member.slug}`);
      const res = await ctx.app.inject({ url });
      assert.equal(res.statusCode, 200, url);
      const body = text(res.body);
      for (const expected of [
        t("census.title.county_executive"),
        "Ana Pérez",
        t("census.state.NY"),
        t("census.vintage.acs5", { start: "2019", end: "2023" }),
        t("census.source.acs5_api", {
          year: "2023",
          population: "B01003",
          foreignBorn: "B05002",
        }),
      ]) {
        assert.ok(body.includes(expected), `${url}: ${expected}`);
      }
      assert.doesNotMatch(body, /County Executive|New York|Census Bureau|5-year/, url);
    }
  });

  it("the join form names the place and its state in the page's language", async () => {
    // Dodge City city, Kansas, in the Census data.
    for (const [locale, place] of [
      [es, "la ciudad de Dodge City"],
      [zh, "Dodge City 市"],
    ] as const) {
      const url = `${localizedPath(locale, "/join")}?geoid=2018250`;
      const res = await ctx.app.inject({ url });
      assert.equal(res.statusCode, 200, url);
      const body = text(res.body);
      assert.ok(body.includes(place), `${url}: ${place}`);
      assert.ok(body.includes(translator(locale)("census.state.KS")), `${url}: state`);
      assert.doesNotMatch(body, /Dodge City city/, url);
    }
  });
});
