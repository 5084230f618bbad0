import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { describeEachDatabase } from "../../../test/support/app.js";
import { buildMember, jurisdictionRow } from "../../../test/support/builders.js";
import { htmlLang, text } from "../../../test/support/html.js";
import { fieldErrors, formAjv } from "../../http/validation.js";
import { LOCALES, localizedPath, translator } from "../../i18n/index.js";
import { FilterQuery, filtersOf, PAGE_SIZE } from "./directory.schema.js";
import { applyFilters, type DirectoryEntry } from "./directory.service.js";

const checkQuery = formAjv.compile(FilterQuery);

/** Control characters other than line breaks and tabs. */
const controlsIn = (body: string) =>
  [...body].filter((c) => /\p{Cc}/u.test(c) && !"\n\r\t".includes(c));

/** The filters of a query string as the route reads them: its schema, then filtersOf. */
function parseFilters(query: Record<string, unknown>) {
  const valid = checkQuery(query);
  const errors = valid ? [] : fieldErrors(checkQuery.errors ?? [], query).map((e) => e.field);
  return { filters: filtersOf(query as FilterQuery, new Set(errors)), errors };
}

function entry(
  overrides: Partial<DirectoryEntry> & { name: string; population?: number },
): DirectoryEntry {
  const { population, ...rest } = overrides;
  return {
    slug: overrides.name.toLowerCase(),
    kind: "city",
    state: "CA",
    geoid: "0600000",
    joinedOn: "2015-01-01",
    isDemo: false,
    figures:
      population === undefined
        ? {}
        : {
            population: {
              value: population,
              vintage: "v",
              year: 2020,
              source: "s",
              isEstimate: false,
            },
          },
    ...rest,
  };
}

describe("directory filters", () => {
  const entries = [
    entry({ name: "San José", population: 1_000_000 }),
    entry({ name: "Fresno", population: 540_000, joinedOn: "2017-05-01" }),
    entry({
      name: "Kings County",
      kind: "county",
      state: "NY",
      geoid: "36047",
      population: 2_600_000,
    }),
    entry({ name: "Nowhere", state: "TX" }),
  ];
  const names = (filters: Record<string, string>) =>
    applyFilters(entries, parseFilters(filters).filters).map((e) => e.name);

  it("searches names ignoring case and accents", () => {
    assert.deepEqual(names({ q: "san jose" }), ["San José"]);
    assert.deepEqual(names({ q: "  KINGS " }), ["Kings County"]);
  });

  it("filters by state, kind, size band and year joined", () => {
    assert.deepEqual(names({ state: "CA" }), ["Fresno", "San José"]);
    assert.deepEqual(names({ kind: "county" }), ["Kings County"]);
    assert.deepEqual(names({ size: "500k-1m" }), ["Fresno"]);
    assert.deepEqual(
      names({ size: "1m-plus" }),
      ["Kings County", "San José"],
      "1,000,000 is in the top band",
    );
    assert.deepEqual(names({ joined: "2017" }), ["Fresno"]);
  });

  it("orders by population with members lacking a figure last", () => {
    assert.deepEqual(names({ sort: "population" }), [
      "Kings County",
      "San José",
      "Fresno",
      "Nowhere",
    ]);
  });

  it("reports each bad value and does not apply it", () => {
    const parsed = parseFilters({
      state: "ZZ",
      kind: "village",
      size: "huge",
      joined: "1850",
      sort: "random",
      q: "x".repeat(101),
    });
    assert.deepEqual(parsed.errors.sort(), ["joined", "kind", "q", "size", "sort", "state"]);
    assert.deepEqual(parsed.filters, {
      q: "",
      state: "",
      kind: "",
      size: "",
      joined: "",
      sort: "name",
    });
    assert.deepEqual(
      parseFilters({ state: ["CA", "NY"] }).errors,
      ["state"],
      "a repeated parameter is refused",
    );
  });
});

/**
 * The roster these tests read, built before them (no demo seed): real Census places and one
 * county, so the loaded snapshots give their figures; all marked as demo members.
 */
const ROSTER = [
  { geoid: "3651000", slug: "new-york-ny", name: "New York City", state: "NY" },
  { geoid: "0644000", slug: "los-angeles-ca", name: "Los Angeles", state: "CA" },
  { geoid: "0666000", slug: "san-diego-ca", name: "San Diego", state: "CA" },
  { geoid: "0667000", slug: "san-francisco-ca", name: "San Francisco", state: "CA" },
  { geoid: "0673080", slug: "south-gate-ca", name: "South Gate", state: "CA" },
  { geoid: "4865000", slug: "san-antonio-tx", name: "San Antonio", state: "TX" },
  { geoid: "1150000", slug: "washington-dc", name: "Washington, DC", state: "DC" },
  {
    geoid: "24031",
    slug: "montgomery-county-md",
    name: "Montgomery County",
    state: "MD",
    kind: "county" as const,
    executive_title: "County Executive",
  },
];

describeEachDatabase("members directory", { seed: false }, (ctx) => {
  before(async () => {
    for (const member of ROSTER) await buildMember(ctx.database.db, { ...member, is_demo: 1 });
  });

  it("lists every member in every language, labelled as demo", async () => {
    for (const locale of LOCALES) {
      const res = await ctx.app.inject({ url: localizedPath(locale, "/members") });
      assert.equal(res.statusCode, 200);
      assert.equal(htmlLang(res.body), locale.tag);
      const body = text(res.body);
      for (const { name } of ROSTER) assert.ok(body.includes(name), `${locale.tag}: ${name}`);
      assert.ok(body.includes(translator(locale)("members.demo.notice")));
      assert.equal((res.body.match(/<th scope="row"/g) ?? []).length, ROSTER.length);
    }
  });

  it("filters and sorts from the query string", async () => {
    const rows = async (query: string) => {
      const res = await ctx.app.inject({ url: `/members?${query}` });
      assert.equal(res.statusCode, 200, query);
      return [...res.body.matchAll(/<th scope="row"[^>]*><a href="\/members\/([^"]+)"/g)].map(
        (m) => m[1],
      );
    };
    assert.deepEqual(await rows("state=CA"), [
      "los-angeles-ca",
      "san-diego-ca",
      "san-francisco-ca",
      "south-gate-ca",
    ]);
    assert.deepEqual(await rows("kind=county"), ["montgomery-county-md"]);
    assert.deepEqual(await rows("q=san"), ["san-antonio-tx", "san-diego-ca", "san-francisco-ca"]);
    assert.equal((await rows("sort=population"))[0], "new-york-ny");
    assert.deepEqual(await rows("state=CA&size=under-100k"), ["south-gate-ca"]);
  });

  it("answers bad filters with 400 and a message at each field, in the page's language", async () => {
    const res = await ctx.app.inject({ url: "/es/members?state=ZZ&sort=%3Cscript%3E" });
    assert.equal(res.statusCode, 400);
    const t = translator(LOCALES[1] as (typeof LOCALES)[number]);
    assert.ok(text(res.body).includes(t("members.filters.error.state")));
    assert.ok(text(res.body).includes(t("members.filters.error.sort")));
    assert.match(
      res.body,
      /id="filter-state"[^>]*aria-describedby="filter-state-error"[^>]*aria-invalid="true"/,
    );
    assert.doesNotMatch(res.body, /<script>/);
  });

  it("refuses control characters in the filters and never echoes them (issue 9, 9b)", async () => {
    for (const query of ["q=%00abc", "state=%00NY", "q=a%1Bb", "q=a%C2%9Bb", "joined=%0020"]) {
      const page = await ctx.app.inject({ url: `/es/members?${query}` });
      assert.equal(page.statusCode, 400, query);
      assert.match(page.body, /<html lang="es"/);
      assert.deepEqual(controlsIn(page.body), [], query);
      assert.doesNotMatch(page.body, /&#x?0*(0|1b|27|9b|155);/i, query);
      const api = await ctx.app.inject({ url: `/api/v1/members?${query}` });
      assert.equal(api.statusCode, 400, query);
      assert.deepEqual(controlsIn(api.body), [], query);
      assert.doesNotMatch(api.body, /\\u00(00|1b|9b)/i, query);
    }
  });

  it("shows a member's profile with each figure's vintage and source", async () => {
    const res = await ctx.app.inject({ url: "/members/montgomery-county-md" });
    assert.equal(res.statusCode, 200);
    const body = text(res.body);
    assert.match(body, /Montgomery County/);
    assert.match(body, /1,062,061/, "2020 Census population (sum of the county's parts)");
    assert.match(body, /Source: 2020 Census/);
    assert.match(body, /334,697/, "foreign-born, ACS 2012-2016 estimate");
    assert.match(
      body,
      /32\.6% of the 1,026,371 residents counted by the same survey \(ACS 5-year 2012-2016\)/,
      "share from one vintage: 334,697 / 1,026,371",
    );
    assert.match(body, /376,716/, "language other than English, ACS 2009-2013");
    const es = text((await ctx.app.inject({ url: "/es/members/south-gate-ca" })).body);
    assert.match(es, /Nuestros datos tienen esta cifra solo para condados\./);
  });

  it("answers 404 for unknown, malformed and applicant slugs", async () => {
    await buildMember(ctx.app, { geoid: "0644001", slug: "pending-city", status: "applicant" });
    for (const slug of ["no-such-member", "pending-city", "..%2F..%2Fetc", "A".repeat(150)]) {
      const res = await ctx.app.inject({ url: `/members/${slug}` });
      assert.equal(res.statusCode, 404, slug);
    }
  });

  it("serves the roster as JSON with the same filters", async () => {
    const res = await ctx.app.inject({ url: "/api/v1/members?state=CA&sort=population" });
    assert.equal(res.statusCode, 200);
    const { members } = res.json();
    assert.deepEqual(
      members.map((m: { slug: string }) => m.slug),
      ["los-angeles-ca", "san-diego-ca", "san-francisco-ca", "south-gate-ca"],
    );
    assert.equal(members[0].geoid, "0644000");
    assert.equal(members[0].populationVintage, "2020 Census");
    assert.equal(members[0].isDemo, true);
    const bad = await ctx.app.inject({ url: "/api/v1/members?state=ZZ" });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.fields[0].field, "state");
    const wrongKind = await ctx.app.inject({ url: "/api/v1/members?kind=village" });
    assert.equal(wrongKind.statusCode, 400);
    // One validation, one vocabulary: one error per refused field, with the catalogue's ids.
    assert.deepEqual(
      wrongKind.json().error.fields.map((f: { field: string; id: string }) => [f.field, f.id]),
      [["kind", "errors.field.choice"]],
    );
    const wrongYear = await ctx.app.inject({ url: "/api/v1/members?joined=abc&kind=county" });
    assert.equal(wrongYear.statusCode, 400);
    assert.deepEqual(
      wrongYear.json().error.fields.map((f: { field: string; id: string }) => [f.field, f.id]),
      [["joined", "errors.field.invalid"]],
    );
  });

  it("renders 500 members in under 50 ms of server time", async () => {
    const db = ctx.database.db;
    const places = await db
      .selectFrom("census_geographies")
      .select(["geoid", "state", "name"])
      .where("kind", "=", "place")
      .orderBy("population_2020", "desc")
      .limit(520)
      .execute();
    const existing = await db.selectFrom("jurisdictions").select(["geoid", "status"]).execute();
    const taken = new Set(existing.map((j) => j.geoid));
    const members = existing.filter((j) => j.status === "member").length;
    const extra = places.filter((p) => !taken.has(p.geoid)).slice(0, 500 - members);
    for (let i = 0; i < extra.length; i += 100) {
      await db
        .insertInto("jurisdictions")
        .values(
          extra.slice(i, i + 100).map((p) =>
            jurisdictionRow({
              geoid: p.geoid,
              state: p.state,
              name: p.name,
              slug: `m-${p.geoid}`,
            }),
          ),
        )
        .execute();
    }
    const count = await db
      .selectFrom("jurisdictions")
      .select("id")
      .where("status", "=", "member")
      .execute();
    assert.equal(count.length, 500, "members in the database");
    // Server time is the CPU this process spends (queries' wait excluded, as are other
    // processes competing for the machine), measured on cold renders: the cache is cleared.
    // As in `npm run bench`, three renders first, so one-time work (JIT, projecting the base
    // map, which production does at start) is not counted as a render's cost.
    for (let i = 0; i < 3; i++) {
      ctx.app.pageCache.clear();
      await ctx.app.inject({ url: "/members?sort=population" });
    }
    const times: number[] = [];
    for (let i = 0; i < 11; i++) {
      ctx.app.pageCache.clear();
      const started = process.cpuUsage();
      const res = await ctx.app.inject({ url: "/members?sort=population" });
      const used = process.cpuUsage(started);
      times.push((used.user + used.system) / 1000);
      assert.equal(res.statusCode, 200);
      // A page of the list (the rest are on the next pages), and all 500 on the map.
      assert.equal((res.body.match(/<th scope="row"/g) ?? []).length, PAGE_SIZE);
    }
    const median = times.sort((a, b) => a - b)[5] ?? Number.POSITIVE_INFINITY;
    assert.ok(
      median < 50,
      `median ${median.toFixed(1)} ms over ${times.map((t) => t.toFixed(1)).join(", ")}`,
    );
  });
});
