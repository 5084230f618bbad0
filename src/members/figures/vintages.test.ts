// Figures of different vintages are never divided or added without saying so (issue 10): a
// profile's share names the population it is a share of, and a home-page total names the
// surveys it adds up.
import assert from "node:assert/strict";
import { before, it } from "node:test";
import { describeEachDatabase } from "../../../test/support/app.js";
import { buildCensusFigure, buildMember } from "../../../test/support/builders.js";
import { text } from "../../../test/support/html.js";

describeEachDatabase("figures of different vintages", { seed: false }, (ctx) => {
  before(async () => {
    // A 2020 count beside a 2015 survey that has both a population and a foreign-born count:
    // 300 / 800 is 37.5%; 300 / 1,000 (the 2020 count shown above it) would be 30%.
    const city = await buildMember(ctx.app, {
      slug: "mixed-city",
      population: 1000,
      vintage: "2020 Census",
      year: 2020,
      is_demo: 1,
    });
    for (const [measure, value] of [
      ["population", 800],
      ["foreign_born", 300],
    ] as const) {
      await buildCensusFigure(ctx.app, {
        geoid: city.geoid,
        measure,
        value,
        vintage: "ACS 2015",
        year: 2015,
      });
    }
    // A county whose foreign-born figure is from another survey: the total adds two surveys.
    const county = await buildMember(ctx.app, {
      kind: "county",
      population: 5000,
      vintage: "2020 Census",
      year: 2020,
      is_demo: 1,
    });
    await buildCensusFigure(ctx.app, {
      geoid: county.geoid,
      measure: "foreign_born",
      value: 700,
      vintage: "ACS 5-year 2012-2016",
      year: 2016,
    });
  });

  it("a profile's share names the population of its own survey, not the newer count", async () => {
    const res = await ctx.app.inject({ url: "/members/mixed-city" });
    assert.equal(res.statusCode, 200);
    const body = text(res.body);
    assert.match(body, /1,000 Source: 2020 Census/);
    assert.match(body, /37\.5% of the 800 residents counted by the same survey \(ACS 2015\)/);
    const es = text((await ctx.app.inject({ url: "/es/members/mixed-city" })).body);
    assert.match(es, /37[.,]5\s?% de los 800 residentes contados por la misma encuesta/);
  });

  it("a home-page total says which surveys it adds up, and that the two do not divide", async () => {
    const res = await ctx.app.inject({ url: "/" });
    assert.equal(res.statusCode, 200);
    const body = text(res.body);
    assert.match(
      body,
      /6,000 people live in member jurisdictions Figures from one survey: 2020 Census/,
    );
    assert.match(
      body,
      /1,000 foreign-born residents Adds up figures from 2 different surveys: ACS 5-year 2012-2016; ACS 2015|1,000 foreign-born residents Adds up figures from 2 different surveys: ACS 2015; ACS 5-year 2012-2016/,
    );
    assert.match(body, /dividing one by the other does not give the share/);
    assert.match(body, /2 member cities and counties on the demo roster/);
    // The survey names are said in the page's language (members/names.ts).
    const es = await ctx.app.inject({ url: "/es/" });
    assert.match(
      text(es.body),
      /Suma cifras de 2 encuestas distintas: Encuesta sobre la Comunidad Estadounidense \(ACS\) de 2015; ACS de 5 años 2012–2016/,
    );
    assert.match(text(es.body), /ciudades y condados miembros de la lista de demostración/);
  });

  it("the figures page says which surveys each sum adds up, beside the sums", async () => {
    const body = text((await ctx.app.inject({ url: "/about/figures" })).body);
    assert.match(body, /Population\s*: Figures from one survey: 2020 Census/);
    assert.match(body, /Foreign-born residents\s*: Adds up figures from 2 different surveys:/);
  });
});
