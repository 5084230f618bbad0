// The map draws what the list lists (issue 10: 19 markers while 4 members were listed), each
// member its own dot and a link to its profile; a long list is paged.
import assert from "node:assert/strict";
import { before, it } from "node:test";
import { describeEachDatabase } from "../../../test/support/app.js";
import { buildMember, jurisdictionRow } from "../../../test/support/builders.js";
import { text } from "../../../test/support/html.js";
import { PAGE_SIZE } from "./directory.schema.js";

/** The map's markers on a page: each dot's member and the profile its link opens. */
function markers(html: string) {
  const svg = html.slice(html.indexOf("<svg"), html.indexOf("</svg>"));
  return [
    ...svg.matchAll(
      /<a class="cfa-map__link" href="([^"]+)" tabindex="-1" aria-label="([^"]+)"(?: lang="en")?><title>[^<]*<\/title><circle class="cfa-map__marker" data-geoid="(\d+)" data-slug="([^"]+)" cx="([\d.-]+)" cy="([\d.-]+)"/g,
    ),
  ].map(([, href, name, county, slug, cx, cy]) => ({ href, name, county, slug, cx, cy }));
}

/** The shaded counties on a page, with the profile each one's link opens. */
function shaded(html: string) {
  return [
    ...html.matchAll(
      /<a class="cfa-map__link" href="([^"]+)" tabindex="-1" aria-label="[^"]+"(?: lang="en")?><title>[^<]*<\/title><path class="cfa-map__county--member" data-geoid="(\d+)"/g,
    ),
  ].map(([, href, county]) => ({ href, county }));
}

describeEachDatabase("members map on the directory", { seed: false }, (ctx) => {
  before(async () => {
    for (const member of [
      { geoid: "0644000", slug: "los-angeles-ca", name: "Los Angeles", state: "CA" },
      { geoid: "0673080", slug: "south-gate-ca", name: "South Gate", state: "CA" },
      { geoid: "0666000", slug: "san-diego-ca", name: "San Diego", state: "CA" },
      { geoid: "3651000", slug: "new-york-ny", name: "New York", state: "NY" },
      {
        geoid: "24031",
        slug: "montgomery-county-md",
        name: "Montgomery County",
        state: "MD",
        kind: "county" as const,
      },
    ]) {
      await buildMember(ctx.app, member);
    }
  });

  it("follows the filters: the map shows the members the list shows", async () => {
    const all = await ctx.app.inject({ url: "/members" });
    assert.equal(markers(all.body).length, 4);
    assert.deepEqual(shaded(all.body), [
      { href: "/members/montgomery-county-md", county: "24031" },
    ]);
    const res = await ctx.app.inject({ url: "/members?state=CA" });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(
      markers(res.body)
        .map((m) => m.slug)
        .sort(),
      ["los-angeles-ca", "san-diego-ca", "south-gate-ca"],
    );
    assert.deepEqual(shaded(res.body), []);
    assert.match(text(res.body), /The map shows the 3 members that match the filters/);
    const none = await ctx.app.inject({ url: "/members?q=nowhere" });
    assert.equal(markers(none.body).length, 0);
    assert.match(text(none.body), /The map shows no members/);
  });

  it("draws each member as its own dot, a link to its profile in the page's language", async () => {
    const res = await ctx.app.inject({ url: "/es/members?state=CA" });
    const dots = markers(res.body);
    for (const dot of dots) assert.equal(dot.href, `/es/members/${dot.slug}`);
    // Names are English data: marked so on a Spanish page.
    assert.match(res.body, /aria-label="Los Angeles" lang="en"/);
    const la = dots.find((d) => d.slug === "los-angeles-ca");
    const southGate = dots.find((d) => d.slug === "south-gate-ca");
    assert.equal(la?.county, "06037");
    assert.equal(southGate?.county, "06037");
    assert.equal(la?.name, "Los Angeles");
    assert.notDeepEqual([la?.cx, la?.cy], [southGate?.cx, southGate?.cy], "two dots, not one");
  });

  it("has a visible key in every language", async () => {
    for (const [url, words] of [
      ["/members", ["Map key", "Member county", "Member city"]],
      ["/es/members", ["Leyenda del mapa", "Condado miembro", "Ciudad miembro"]],
      ["/zh-hans/members", ["地图图例", "成员县", "成员城市"]],
    ] as const) {
      const res = await ctx.app.inject({ url });
      const legend = res.body.slice(res.body.indexOf('class="cfa-map-legend"'));
      for (const word of words) assert.ok(text(legend).includes(word), `${url}: ${word}`);
    }
  });
});

describeEachDatabase("members directory in pages", { seed: false }, (ctx) => {
  const COUNT = PAGE_SIZE + 7;
  before(async () => {
    const rows = Array.from({ length: COUNT }, (_, i) =>
      jurisdictionRow({
        name: `Member ${String(i + 1).padStart(3, "0")}`,
        slug: `member-${i + 1}`,
        geoid: `36${String(90000 + i).padStart(5, "0")}`,
      }),
    );
    await ctx.database.db.insertInto("jurisdictions").values(rows).execute();
  });
  const rows = (html: string) =>
    [...html.matchAll(/<th scope="row"[^>]*><a href="\/members\/([^"]+)"/g)].map((m) => m[1]);

  it("lists a long roster a page at a time, with links to every page", async () => {
    const first = await ctx.app.inject({ url: "/members" });
    assert.equal(rows(first.body).length, PAGE_SIZE);
    assert.match(
      text(first.body),
      new RegExp(`${COUNT} members Showing 1–${PAGE_SIZE} \\(page 1 of 2\\)`),
    );
    assert.match(
      first.body,
      /<a class="usa-pagination__button" href="\/members\?page=2" aria-label="Page 2">2<\/a>/,
    );
    const second = await ctx.app.inject({ url: "/members?page=2" });
    assert.equal(second.statusCode, 200);
    assert.deepEqual(rows(second.body), [
      "member-51",
      "member-52",
      "member-53",
      "member-54",
      "member-55",
      "member-56",
      "member-57",
    ]);
    // Filters and order are kept from page to page.
    const sorted = await ctx.app.inject({ url: "/members?sort=joined&q=member" });
    assert.match(sorted.body, /href="\/members\?q=member&(amp;)?sort=joined&(amp;)?page=2"/);
  });

  it("shows the nearest page for a page number out of range or malformed", async () => {
    const beyond = await ctx.app.inject({ url: "/members?page=9" });
    assert.equal(beyond.statusCode, 200);
    assert.equal(rows(beyond.body).length, COUNT - PAGE_SIZE);
    const malformed = await ctx.app.inject({ url: "/members?page=abc" });
    assert.equal(malformed.statusCode, 200);
    assert.equal(rows(malformed.body).length, PAGE_SIZE);
  });
});
