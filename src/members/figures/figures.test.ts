import assert from "node:assert/strict";
import { it } from "node:test";
import { describeEachDatabase } from "../../../test/support/app.js";
import { buildMember } from "../../../test/support/builders.js";
import { htmlLang, text } from "../../../test/support/html.js";
import type { NewJurisdiction } from "../../db/index.js";
import { LOCALES, localizedPath, translator } from "../../i18n/index.js";

/** The HTML of the table whose caption reads `caption`; it fails the test when there is none. */
function table(html: string, caption: string): string {
  const found = (html.match(/<table[\s\S]*?<\/table>/g) ?? []).find(
    (t) => text(t.match(/<caption>([\s\S]*?)<\/caption>/)?.[1] ?? "").trim() === caption,
  );
  assert.ok(found, `a table captioned ${caption}`);
  return found;
}

// The page explains the totals with this roster's own numbers. Figures are the ones loaded from
// census/ (see members.test.ts for how each was computed by hand from the CSV files):
//   Los Angeles 0644000: 3,898,747 people (2020), 1,485,425 foreign-born (ACS 2015), wholly in
//     Los Angeles County 06037: 10,014,009 people, 3,474,305 foreign-born.
//   Houston 4835000: 2,304,580 people, 696,210 foreign-born; 42,369 (share 0.0184) of its
//     people in Fort Bend County 48157: 822,779 people, 185,044 foreign-born.
//   San Jose 0668000 (demo): 1,013,240 people, 401,493 foreign-born; its county is no member.
//   0199999: no Census figure at all.
// Sum of people: 3,898,747 + 10,014,009 + 2,304,580 + 822,779 + 1,013,240 = 18,053,355;
//   removed 3,898,747 + 42,369 = 3,941,116; total 14,112,239.
// Sum of foreign-born: 1,485,425 + 3,474,305 + 696,210 + 185,044 + 401,493 = 6,242,477;
//   removed 1,485,425 + round(696,210 × 0.0184 = 12,810.264) = 1,498,235; total 4,744,242.
describeEachDatabase("the figures page", { seed: false }, (ctx) => {
  /** A member of the roster with the real GEOID given (5 digits: a county). */
  const member = (geoid: string, name: string, overrides: Partial<NewJurisdiction> = {}) =>
    buildMember(ctx.app, {
      geoid,
      name,
      kind: geoid.length === 5 ? "county" : "city",
      slug: `m-${geoid}`,
      ...overrides,
    });

  it("explains the totals, lists the overlaps and sources, in every language", async () => {
    await member("0644000", "Los Angeles", { state: "CA" });
    await member("06037", "Los Angeles County", { state: "CA" });
    await member("4835000", "Houston", { state: "TX" });
    await member("48157", "Fort Bend County", { state: "TX" });
    await member("0668000", "San Jose", { state: "CA", is_demo: 1 });
    await member("0199999", "Nowhere", { state: "AL" });

    for (const locale of LOCALES) {
      const t = translator(locale);
      const url = localizedPath(locale, "/about/figures");
      const res = await ctx.app.inject({ url });
      assert.equal(res.statusCode, 200, url);
      assert.equal(htmlLang(res.body), locale.tag, url);
      const body = text(res.body);
      const n = (value: number) => new Intl.NumberFormat(locale.intl).format(value);

      assert.ok(body.includes(t("figures.title")), `${url}: title`);
      // The totals: sums, what was removed, and the totals the home page shows.
      for (const value of [18053355, 3941116, 14112239, 6242477, 1498235, 4744242])
        assert.ok(body.includes(n(value)), `${url}: ${n(value)}`);
      // The overlaps, one row each (by county), the city as the row's header.
      const overlaps = table(res.body, t("figures.overlaps.caption"));
      assert.match(overlaps, /<th scope="col">/);
      const rows = overlaps.match(/<tr>\s*<th scope="row"[\s\S]*?<\/tr>/g) ?? [];
      assert.equal(rows.length, 2, `${url}: two overlaps`);
      const [losAngeles = "", houston = ""] = rows.map(text);
      assert.ok(losAngeles.includes("Los Angeles County"), losAngeles);
      assert.ok(losAngeles.includes(n(3898747)) && losAngeles.includes(n(1485425)), losAngeles);
      assert.ok(houston.includes("Houston") && houston.includes("Fort Bend County"), houston);
      assert.ok(houston.includes(n(42369)) && houston.includes(n(12810)), houston);
      assert.ok(houston.includes(t("figures.overlaps.share", { share: 0.0184 })), houston);
      // The foreign-born removed are said to be an estimate.
      assert.ok(body.includes(t("figures.overlaps.estimate")), `${url}: estimate`);
      // Sources with their member counts: five members have the 2020 Census population.
      // Sources in the page's language (members/names.ts).
      assert.ok(body.includes(t("census.source.crosswalk_2020")), `${url}: crosswalk cited`);
      const sources = table(res.body, t("figures.sources.caption"));
      const census2020 = (sources.match(/<tr>[\s\S]*?<\/tr>/g) ?? []).filter((row) =>
        row.includes(t("census.vintage.decennial", { year: "2020" })),
      );
      assert.equal(census2020.length, 1, `${url}: one 2020 Census row`);
      assert.match(census2020[0] ?? "", new RegExp(`>${n(5)}</td>`));
      assert.ok(
        text(sources).includes(t("census.vintage.acs5", { start: "2012", end: "2016" })),
        `${url}: county ACS`,
      );
      // Members without figures, and the demo roster, said plainly.
      assert.ok(body.includes(t("figures.missing.body", { count: 1 })), `${url}: missing`);
      assert.ok(body.includes(t("common.demo.label")), `${url}: demo label`);
      assert.ok(body.includes(t("figures.demo", { count: 1 })), `${url}: demo`);

      // Text stored in English is marked so on pages in other languages.
      if (locale.tag === "en") {
        assert.doesNotMatch(res.body, /<span lang="en">/);
      } else {
        assert.match(res.body, /<span lang="en">Los Angeles County<\/span>/);
        // Citations are translated, not English data.
        assert.doesNotMatch(res.body, /Census Bureau/);
      }
    }
  });

  it("says nothing is removed when no member city lies in a member county", async () => {
    // Continues from the roster above: the counties leave, and the cached page follows.
    await ctx.database.db
      .updateTable("jurisdictions")
      .set({ status: "former" })
      .where("geoid", "in", ["06037", "48157"])
      .execute();
    for (const locale of LOCALES) {
      const res = await ctx.app.inject({ url: localizedPath(locale, "/about/figures") });
      assert.equal(res.statusCode, 200);
      const body = text(res.body);
      assert.ok(body.includes(translator(locale)("figures.overlaps.none")), locale.tag);
      assert.doesNotMatch(res.body, /<th scope="row"[^>]*><span[^>]*>Houston</);
    }
  });
});
