// The words shown beside English data: translated when known, kept (and flagged English) when not.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { findLocale, type Locale, translator } from "../i18n/index.js";
import { acs5Source, acs5Vintage } from "./census/refresh.service.js";
import {
  COUNTIES_2016,
  COUNTIES_LANGUAGE_2013,
  CROSSWALK_2020,
  PLACES_2015,
} from "./census/snapshots.read.js";
import {
  executiveTitle,
  geographyName,
  placeName,
  sourceName,
  stateName,
  vintageName,
} from "./names.js";

const en = translator(findLocale("en") as Locale);
const es = translator(findLocale("es") as Locale);
const zh = translator(findLocale("zh-Hans") as Locale);

describe("names shown beside English data", () => {
  it("names states in the page's language", () => {
    assert.equal(stateName(en, "NY"), "New York");
    assert.equal(stateName(es, "NY"), "Nueva York");
    assert.equal(stateName(es, "CA"), "California");
    assert.equal(stateName(zh, "CA"), "加利福尼亚州");
    assert.equal(stateName(zh, "PR"), "波多黎各");
    assert.equal(stateName(zh, "XX"), "XX");
  });

  it("adds a member's state to its name once", () => {
    assert.equal(placeName("Boston", "MA"), "Boston, MA");
    assert.equal(placeName("Washington, DC", "DC"), "Washington, DC");
    assert.equal(placeName("Kansas City", "KS"), "Kansas City, KS");
  });

  it("gives a Census name's kind in the page's language, the bare name kept", () => {
    assert.deepEqual(geographyName(zh, "Oakland city", "place"), {
      text: "Oakland 市",
      english: false,
    });
    assert.deepEqual(geographyName(es, "Cook County", "county"), {
      text: "el condado de Cook",
      english: false,
    });
    assert.equal(geographyName(es, "Dodge City city", "place").text, "la ciudad de Dodge City");
    assert.equal(
      geographyName(es, "Juneau city and borough", "place").text,
      "la ciudad y distrito de Juneau",
    );
    assert.equal(geographyName(zh, "Baltimore city", "county").text, "Baltimore 市");
    assert.equal(geographyName(es, "Orleans Parish", "county").text, "la parroquia de Orleans");
    // In English the official name stays as it came.
    assert.deepEqual(geographyName(en, "Oakland CDP", "place"), {
      text: "Oakland CDP",
      english: false,
    });
    // A form we do not know is shown whole, and said to be English.
    assert.deepEqual(geographyName(es, "Indianapolis city (balance)", "place"), {
      text: "Indianapolis city (balance)",
      english: true,
    });
  });

  it("translates usual executives' titles and keeps others as typed", () => {
    assert.deepEqual(executiveTitle(zh, "Mayor"), { text: "市长", english: false });
    assert.equal(executiveTitle(zh, " county  executive ").text, "县行政首长");
    assert.equal(executiveTitle(en, "County Judge").text, "County Judge");
    // Typed in Spanish on the Spanish join form, shown in English on English pages.
    assert.deepEqual(executiveTitle(en, "Alcaldesa"), { text: "Mayor", english: false });
    assert.equal(executiveTitle(en, "县行政首长").text, "County Executive");
    assert.deepEqual(executiveTitle(es, "Lord Mayor"), { text: "Lord Mayor", english: true });
  });

  it("translates the vintages and sources the site stores, table ids kept", () => {
    const stored = [CROSSWALK_2020, PLACES_2015, COUNTIES_2016, COUNTIES_LANGUAGE_2013].map(
      (s) => [s.vintage, s.source] as const,
    );
    stored.push([acs5Vintage(2023), acs5Source(2023)]);
    for (const [vintage, source] of stored) {
      // English reads as stored.
      assert.equal(vintageName(en, vintage).text, vintage);
      assert.equal(sourceName(en, source).text, source);
      for (const t of [es, zh]) {
        for (const shown of [vintageName(t, vintage), sourceName(t, source)]) {
          assert.equal(shown.english, false, shown.text);
          assert.doesNotMatch(shown.text, /Census|Bureau|year|places|via|tables/, shown.text);
        }
      }
    }
    assert.match(sourceName(es, acs5Source(2023)).text, /2023.*tablas B01003 y B05002/);
    assert.match(vintageName(zh, acs5Vintage(2023)).text, /^2019–2023 年/);
    assert.deepEqual(sourceName(es, "test builder"), { text: "test builder", english: true });
  });
});
