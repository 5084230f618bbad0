import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { before, it } from "node:test";
import type { Kysely } from "kysely";
import { describeEachDatabase } from "../../../../test/support/app.js";
import { buildCensusFigure, buildMember } from "../../../../test/support/builders.js";
import type { DB } from "../../../db/index.js";
import { fillTemplate } from "./template.fields.js";
import { mergeValues } from "./template.service.js";

/** The public charge proposed rule (coalition-facts.md), as the watch list stores it. */
async function insertRule(db: Kysely<DB>): Promise<string> {
  const id = randomUUID();
  const now = new Date().toISOString();
  await db
    .insertInto("federal_rules")
    .values({
      id,
      document_number: `2018-21106-${id.slice(0, 6)}`,
      title: "Inadmissibility on Public Charge Grounds",
      type: "Proposed Rule",
      publication_date: "2018-10-10",
      comments_close_on: "2018-12-10",
      docket_ids: JSON.stringify(["USCIS-2010-0012", "DHS-2018-0001"]),
      rins: JSON.stringify(["1615-AA22"]),
      fetched_at: now,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

describeEachDatabase("a template's merge values", { seed: false }, (ctx) => {
  const db = () => ctx.database.db;
  let southGate: { id: string; geoid: string };
  let bare: { id: string };
  let ruleId: string;

  before(async () => {
    southGate = await buildMember(db(), {
      name: "South Gate",
      state: "CA",
      executive_name: "Maria Davila",
      executive_title: "Mayor",
      population: 1234567,
      foreignBorn: 471605,
      vintage: "ACS 5-year 2012-2016",
      year: 2016,
    });
    // A newer population from another survey: quoted with both vintages.
    await buildCensusFigure(db(), {
      geoid: southGate.geoid,
      measure: "population",
      value: 1250000,
      vintage: "2020 Census",
      year: 2020,
    });
    bare = await buildMember(db(), {
      name: "Montgomery County",
      state: "MD",
      kind: "county",
      executive_title: null,
    });
    ruleId = await insertRule(db());
  });

  it("gives the member's name, state, executive, figures with their surveys, and the rule", async () => {
    const values = await mergeValues(db(), { jurisdictionId: southGate.id, ruleId, locale: "en" });
    assert.deepEqual(values, {
      "member.name": "South Gate, CA",
      "member.state": "California",
      "member.executive": "Maria Davila",
      "member.executive_title": "Mayor",
      "member.population": "1,250,000",
      "member.foreign_born": "471,605",
      "member.foreign_born_share": "38.2%",
      "member.figures_source": "2020 Census and ACS 5-year 2012-2016",
      "rule.title": "Inadmissibility on Public Charge Grounds",
      "rule.document_number": values["rule.document_number"],
      "rule.docket": "USCIS-2010-0012, DHS-2018-0001",
    });
    assert.match(String(values["rule.document_number"]), /^2018-21106-/);
  });

  it("says them in the template's language: state, title and surveys translated", async () => {
    const es = await mergeValues(db(), { jurisdictionId: southGate.id, ruleId, locale: "es" });
    assert.equal(es["member.executive_title"], "Alcalde o alcaldesa");
    assert.equal(es["member.figures_source"], "Censo de 2020 y ACS de 5 años 2012–2016");
    const zh = await mergeValues(db(), { jurisdictionId: southGate.id, ruleId, locale: "zh-Hans" });
    assert.equal(zh["member.state"], "加利福尼亚州");
    assert.equal(
      zh["member.name"],
      "South Gate, CA",
      "a member's name is kept in its own spelling",
    );
  });

  it("leaves what is not on file empty, so the filled template shows placeholders", async () => {
    const values = await mergeValues(db(), { jurisdictionId: bare.id, locale: "en" });
    assert.equal(values["member.name"], "Montgomery County, MD");
    assert.equal(values["member.executive"], null);
    assert.equal(values["member.population"], null);
    assert.equal(values["rule.title"], null);
    assert.equal(
      fillTemplate(
        "{{member.executive}} of {{member.name}}: {{member.population}} ({{member.figures_source}}), {{rule.docket}}",
        values,
        "en",
      ),
      "[executive's name] of Montgomery County, MD: [number of residents] ([source of the figures]), [docket]",
    );
    const nobody = await mergeValues(db(), {
      jurisdictionId: randomUUID(),
      ruleId: randomUUID(),
      locale: "es",
    });
    assert.equal(
      fillTemplate("{{member.name}} {{rule.title}}", nobody, "es"),
      "[nombre del miembro] [título de la norma]",
    );
  });
});
