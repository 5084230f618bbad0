import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  FIELD_DESCRIPTIONS,
  fillTemplate,
  MERGE_FIELDS,
  type MergeValues,
  templateProblems,
} from "./template.fields.js";

const SOUTH_GATE: MergeValues = {
  "member.name": "South Gate, CA",
  "member.state": "California",
  "member.executive": "Maria Davila",
  "member.executive_title": "Mayor",
  "member.population": 1234567,
  "member.foreign_born": "41,000",
  "member.foreign_born_share": "38.2%",
  "member.figures_source": "ACS 5-year 2012–2016",
  "rule.title": "Inadmissibility on Public Charge Grounds",
  "rule.document_number": "2018-21106",
  "rule.docket": "USCIS-2010-0012",
};

describe("templateProblems", () => {
  it("accepts every known field, with or without spaces inside the braces", () => {
    const all = MERGE_FIELDS.map((f, i) => (i % 2 ? `{{${f}}}` : `{{ ${f} }}`)).join(" and ");
    assert.deepEqual(templateProblems(`Dear agency, ${all}. A {brace} alone is text.`), []);
    assert.deepEqual(Object.keys(FIELD_DESCRIPTIONS), [...MERGE_FIELDS]);
  });

  it("names an unknown field as typed, once however often it appears", () => {
    assert.deepEqual(templateProblems("{{member.nmae}} and {{member.nmae}} and {{ programs }}"), [
      { id: "comment-template.problem.unknown", values: { field: "{{member.nmae}}" } },
      { id: "comment-template.problem.unknown", values: { field: "{{programs}}" } },
    ]);
    assert.deepEqual(templateProblems("{{Member.Name}}"), [
      { id: "comment-template.problem.unknown", values: { field: "{{Member.Name}}" } },
    ]);
  });

  it("finds braces that do not pair, quoting where they are, in the template's order", () => {
    assert.deepEqual(
      templateProblems("On behalf of {{member.name}, we write.\nIts rule.title}} is wrong."),
      [
        {
          id: "comment-template.problem.unclosed",
          values: { text: "{{member.name}, we write.", example: "{{member.name}}" },
        },
        {
          id: "comment-template.problem.unopened",
          values: { text: "Its rule.title}}", example: "{{member.name}}" },
        },
      ],
    );
    assert.deepEqual(templateProblems("Population: {member.population}."), [
      {
        id: "comment-template.problem.single",
        values: { text: "{member.population}", example: "{{member.population}}" },
      },
    ]);
    assert.deepEqual(
      templateProblems("{{{{member.name}}").map((p) => p.id),
      ["comment-template.problem.unclosed"],
    );
  });
});

describe("fillTemplate", () => {
  const template =
    "{{member.executive_title}} {{member.executive}} of {{member.name}} ({{member.state}}): " +
    "{{member.population}} residents, {{ member.foreign_born_share }} born abroad " +
    "({{member.figures_source}}). Re {{rule.title}}, {{rule.docket}}, {{rule.document_number}}.";

  it("fills every field, numbers formatted for the language", () => {
    assert.equal(
      fillTemplate(template, SOUTH_GATE, "en"),
      "Mayor Maria Davila of South Gate, CA (California): 1,234,567 residents, 38.2% born " +
        "abroad (ACS 5-year 2012–2016). Re Inadmissibility on Public Charge Grounds, " +
        "USCIS-2010-0012, 2018-21106.",
    );
    // es-US, the site's Spanish (i18n/locales.ts), groups thousands as U.S. Spanish does.
    assert.match(fillTemplate("{{member.population}}", SOUTH_GATE, "es"), /^1,234,567$/);
    assert.equal(fillTemplate("{{member.population}}", SOUTH_GATE, "zh-Hans"), "1,234,567");
  });

  it("shows a placeholder in the template's language where a value is not on file", () => {
    const missing: MergeValues = { ...SOUTH_GATE, "member.executive": null };
    delete missing["member.population"];
    missing["member.figures_source"] = "  ";
    assert.equal(
      fillTemplate(
        "{{member.executive}}, {{member.population}}, {{member.figures_source}}",
        missing,
        "en",
      ),
      "[executive's name], [number of residents], [source of the figures]",
    );
    assert.equal(
      fillTemplate("{{member.executive}}", missing, "es"),
      "[nombre de la autoridad ejecutiva]",
    );
    assert.equal(fillTemplate("{{member.executive}}", {}, "zh-Hans"), "[行政首长姓名]");
    assert.doesNotMatch(fillTemplate(template, {}, "en"), /undefined|null|\{\{/);
  });

  it("leaves unknown fields and stray braces as typed, and values as plain text", () => {
    assert.equal(
      fillTemplate("{{member.nmae}} {{member.name} {{member.name}}", SOUTH_GATE, "en"),
      "{{member.nmae}} {{member.name} South Gate, CA",
    );
    const hostile = { "member.name": "<b>$&</b> {{member.state}}" };
    assert.equal(
      fillTemplate("{{member.name}}!", hostile, "en"),
      "<b>$&</b> {{member.state}}!",
      "a value is not read as a replacement pattern nor filled again",
    );
  });
});
