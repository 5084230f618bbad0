// GET /api/v1/resources and a member's profile section, on both databases.
import assert from "node:assert/strict";
import { before, it } from "node:test";
import { describeEachDatabase } from "../../../test/support/app.js";
import {
  buildLibrary,
  HIDDEN_WORDS,
  type Library,
  pageText,
} from "../../../test/support/resources-fixture.js";

interface Listed {
  slug: string;
  type: string;
  title: string;
  locale: string;
  fallback: boolean;
  languages: string[];
  topics: string[];
  members: string[];
  url: string;
}

describeEachDatabase("resources API and profile section", { seed: false }, (ctx) => {
  let lib: Library;
  before(async () => {
    lib = await buildLibrary(ctx.app);
  });
  const list = async (query: string): Promise<Listed[]> => {
    const res = await ctx.app.inject({ url: `/api/v1/resources${query}` });
    assert.equal(res.statusCode, 200, res.body);
    return res.json<{ resources: Listed[] }>().resources;
  };

  it("lists published items only, newest first, filtered by type and topic", async () => {
    const all = await list("");
    assert.equal(all.length, 29);
    for (const word of HIDDEN_WORDS) assert.ok(!JSON.stringify(all).includes(word), word);
    assert.deepEqual(
      (await list("?type=video")).map((r) => r.slug),
      ["joses-story", "karens-story"],
    );
    assert.deepEqual(
      (await list("?topic=tps")).map((r) => r.slug),
      ["joses-story", "tps-statement"],
    );
    const [report] = await list("?type=report");
    assert.deepEqual(report?.members.sort(), [lib.losAngeles.slug, lib.newYork.slug].sort());
    assert.deepEqual(report?.topics, ["family_separation"]);
  });

  it("gives texts in the language asked for, else the fallback, saying which", async () => {
    const [toolkit] = await list("?type=toolkit&lang=es");
    assert.deepEqual(
      { ...toolkit, members: undefined },
      {
        slug: "reform-toolkit",
        type: "toolkit",
        title: "Impulsar la reforma migratoria",
        summary: "Una guía de mensajes.",
        locale: "es",
        fallback: false,
        languages: ["en", "es", "zh-Hans"],
        topics: ["immigration_reform"],
        datedOn: "2021-03-04",
        partner: "New American Economy",
        members: undefined,
        url: "https://cfa.test/es/resources/reform-toolkit",
        isDemo: false,
      },
    );
    const [report] = await list("?type=report&lang=zh-Hans");
    assert.equal(report?.locale, "en");
    assert.equal(report?.fallback, true);
    // A language the site does not speak still gets its fallback order (zh-Hant: zh-Hans first).
    const [social] = await list("?type=social_set&lang=zh-Hant");
    assert.equal(social?.title, "移民改革信息");
    assert.equal(social?.locale, "zh-Hans");
  });

  it("refuses filters it does not know, and is described in the OpenAPI document", async () => {
    assert.equal((await ctx.app.inject({ url: "/api/v1/resources?type=podcast" })).statusCode, 400);
    const doc = (await ctx.app.inject({ url: "/api/v1/openapi.json" })).json<{
      paths: Record<string, { get?: { parameters?: { name: string }[] } }>;
    }>();
    const params = doc.paths["/api/v1/resources"]?.get?.parameters?.map((p) => p.name);
    assert.deepEqual(params?.sort(), ["lang", "topic", "type"]);
  });

  it("a member's profile lists the visible resources featuring it, in the reader's language", async () => {
    const res = await ctx.app.inject({ url: `/es/members/${lib.newYork.slug}` });
    const text = pageText(res.body);
    assert.match(text, /Recursos sobre New York City/);
    assert.match(
      res.body,
      /<h2 id="member-resources">Recursos sobre <span lang="en">New York City<\/span><\/h2>/,
    );
    const report = text.indexOf("On the Frontlines of the Family Separation Crisis");
    const study = text.indexOf("New York City case study");
    assert.ok(study > 0 && report > study, `${study} ${report}`);
    for (const word of HIDDEN_WORDS) assert.ok(!text.includes(word), word);
    const la = pageText((await ctx.app.inject({ url: `/members/${lib.losAngeles.slug}` })).body);
    assert.match(la, /Resources featuring Los Angeles/);
    assert.match(la, /Immigrants kept us going/);
    assert.ok(!la.includes("New York City case study"));
  });

  it("a member no resource features has no such section", async () => {
    const { buildMember } = await import("../../../test/support/builders.js");
    const other = await buildMember(ctx.app, { name: "Quiet Town", state: "KS" });
    const res = await ctx.app.inject({ url: `/members/${other.slug}` });
    assert.equal(res.statusCode, 200);
    assert.ok(!res.body.includes("member-resources"));
  });
});
