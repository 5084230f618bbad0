import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { before, describe, it } from "node:test";
import { DOMParser, type Element } from "@xmldom/xmldom";
import { HtmlValidate } from "html-validate";
import type { KyselyPlugin } from "kysely";
import { describeEachDatabase } from "../../../test/support/app.js";
import { buildMember } from "../../../test/support/builders.js";
import { countyShape, warmMembersMap } from "./map.geometry.js";
import { type MapMember, mapMembers } from "./map.service.js";
import { MAP_COLORS, MembersMap } from "./map.view.js";

const LABEL = "Map of the coalition's members";
const DESCRIPTION =
  "Member counties are shaded and member cities marked; the list below names them.";

function member(overrides: Partial<MapMember> & Pick<MapMember, "countyGeoid">): MapMember {
  const geoid = overrides.geoid ?? overrides.countyGeoid ?? "0000000";
  return {
    slug: `m-${geoid}`,
    name: `Member ${geoid}`,
    kind: geoid.length === 5 ? "county" : "city",
    geoid,
    state: "NY",
    ...overrides,
  };
}

async function render(members: MapMember[], label = LABEL): Promise<string> {
  return await MembersMap({
    members,
    label,
    description: DESCRIPTION,
    href: (s) => `/members/${s}`,
  });
}

/** The SVG parsed as XML (a well-formedness error throws), with its viewBox. */
function parse(svg: string) {
  const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
  const root = doc.documentElement;
  assert.ok(root);
  const [x, y, width, height] = (root.getAttribute("viewBox") ?? "").split(" ").map(Number);
  const all = (tag: string) => Array.from(root.getElementsByTagName(tag));
  const byClass = (tag: string, cls: string) =>
    all(tag).filter((e) => (e.getAttribute("class") ?? "").split(" ").includes(cls));
  return {
    root,
    all,
    byClass,
    viewBox: { x: x ?? Number.NaN, y: y ?? Number.NaN, width: width ?? 0, height: height ?? 0 },
    markers: () => byClass("circle", "cfa-map__marker"),
    shaded: () => byClass("path", "cfa-map__county--member"),
  };
}

function assertInside(svg: string, marker: Element): void {
  const { viewBox } = parse(svg);
  const cx = Number(marker.getAttribute("cx"));
  const cy = Number(marker.getAttribute("cy"));
  assert.ok(Number.isFinite(cx) && Number.isFinite(cy), `marker at ${cx},${cy}`);
  assert.ok(cx > viewBox.x && cx < viewBox.x + viewBox.width, `cx ${cx} in the viewBox`);
  assert.ok(cy > viewBox.y && cy < viewBox.y + viewBox.height, `cy ${cy} in the viewBox`);
}

/** WCAG 2 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Every county GEOID in the atlas the map draws (not the Pacific territories). */
function atlasCounties(): string[] {
  const require = createRequire(import.meta.url);
  const atlas = require("us-atlas/counties-10m.json") as {
    objects: { counties: { geometries: { id: string }[] } };
  };
  return atlas.objects.counties.geometries
    .map((g) => String(g.id))
    .filter((id) => !/^(60|66|69)/.test(id))
    .sort();
}

describe("members map", () => {
  it("is a well-formed SVG named by its title and described by its desc", async () => {
    const svg = await render([
      member({ countyGeoid: "24031" }),
      member({ geoid: "3651000", countyGeoid: "36047" }),
    ]);
    const { root, all, viewBox } = parse(svg);
    assert.equal(root.tagName, "svg");
    assert.equal(root.namespaceURI, "http://www.w3.org/2000/svg");
    // A group, not role="img": an image's children are presentational and may hold no links.
    assert.equal(root.getAttribute("role"), "group");
    assert.ok(viewBox.width > 0 && viewBox.height > 0, "a viewBox");
    const title = all("title")[0];
    const desc = all("desc")[0];
    assert.equal(title?.parentNode, root, "the title is the svg's first child");
    assert.equal(root.firstChild, title);
    assert.equal(title?.textContent, LABEL);
    assert.equal(desc?.textContent, DESCRIPTION);
    assert.equal(root.getAttribute("aria-labelledby"), title?.getAttribute("id"));
    assert.equal(root.getAttribute("aria-describedby"), desc?.getAttribute("id"));

    // Links out of the tab order (decision 0017: the list has them, one tab stop each), each
    // named; no script, no inline style (the CSP forbids it).
    for (const el of all("*")) {
      assert.ok(!["script", "style", "foreignObject"].includes(el.tagName), el.tagName);
      for (const attr of ["style", "onclick"]) {
        assert.equal(el.getAttribute(attr), null, `${el.tagName} has no ${attr}`);
      }
      if (el.tagName === "a") {
        assert.equal(el.getAttribute("tabindex"), "-1");
        assert.ok(el.getAttribute("aria-label"), "a link is named");
      } else assert.equal(el.getAttribute("tabindex"), null, `${el.tagName} has no tabindex`);
    }
    for (const path of all("path")) {
      const d = path.getAttribute("d") ?? "";
      assert.match(d, /^M[-\d. lmzHVMz]+$/, "path data of numbers and commands only");
      assert.doesNotMatch(d, /NaN|Infinity/);
    }
  });

  it("is valid HTML where the page embeds it", async () => {
    const svg = await render([member({ countyGeoid: "24031" })]);
    const page = `<!doctype html><html lang="en"><head><title>Members</title></head><body><main><h1>Members</h1>${svg}</main></body></html>`;
    const validator = new HtmlValidate({
      extends: ["html-validate:recommended"],
      rules: {
        "doctype-style": ["error", { style: "lowercase" }],
        "no-redundant-role": ["error", { exclude: ["img"] }],
        "void-style": "off",
      },
    });
    const report = await validator.validateString(page);
    assert.ok(
      report.valid,
      report.results
        .flatMap((r) => r.messages)
        .map((m) => `${m.ruleId}: ${m.message}`)
        .join("\n"),
    );
  });

  it("escapes the label and description", async () => {
    const svg = await MembersMap({
      members: [],
      label: `<b>"A&B"</b>`,
      description: "<i>x</i>",
      href: (s) => s,
    });
    assert.ok(!svg.includes("<b>") && !svg.includes("<i>"));
    const { all } = parse(svg);
    assert.equal(all("title")[0]?.textContent, `<b>"A&B"</b>`);
  });

  it("shades exactly the county of a county member, with no marker", async () => {
    const svg = await render([member({ countyGeoid: "24031", state: "MD" })]);
    const { shaded, markers } = parse(svg);
    const [path, ...others] = shaded();
    assert.equal(others.length, 0);
    assert.equal(path?.getAttribute("data-geoid"), "24031");
    assert.equal(path?.getAttribute("d"), countyShape("24031")?.d);
    assert.equal(markers().length, 0);
  });

  it("marks a city once, at the centroid of its county, without shading the county", async () => {
    const svg = await render([member({ geoid: "1714000", countyGeoid: "17031", state: "IL" })]);
    const { shaded, markers } = parse(svg);
    assert.equal(shaded().length, 0);
    const [marker, ...others] = markers();
    assert.equal(others.length, 0);
    assert.ok(marker);
    const cook = countyShape("17031");
    assert.equal(Number(marker.getAttribute("cx")), cook?.x);
    assert.equal(Number(marker.getAttribute("cy")), cook?.y);
    assertInside(svg, marker);
  });

  it("shades and marks a consolidated city-county; two cities in one county get a dot each", async () => {
    const svg = await render([
      member({ geoid: "0667000", kind: "city_county", countyGeoid: "06075", state: "CA" }),
      member({ geoid: "0644000", countyGeoid: "06037", state: "CA" }),
      member({ geoid: "0673080", countyGeoid: "06037", state: "CA" }),
    ]);
    const { shaded, markers } = parse(svg);
    assert.deepEqual(
      shaded().map((p) => p.getAttribute("data-geoid")),
      ["06075"],
    );
    assert.deepEqual(
      markers()
        .map((m) => m.getAttribute("data-geoid"))
        .sort(),
      ["06037", "06037", "06075"],
    );
    // Los Angeles and South Gate: side by side around the county's centroid, not overlapping.
    const [a, b] = markers().filter((m) => m.getAttribute("data-geoid") === "06037");
    const at = (m: Element | undefined) => [
      Number(m?.getAttribute("cx")),
      Number(m?.getAttribute("cy")),
    ];
    const [[ax = 0, ay = 0], [bx = 0, by = 0]] = [at(a), at(b)];
    const r = Number(a?.getAttribute("r"));
    assert.ok(Math.hypot(ax - bx, ay - by) >= 2 * r + 1.5, "apart by more than their rings");
    const la = countyShape("06037");
    assert.ok(la && Math.abs((ax + bx) / 2 - la.x) < 0.2 && Math.abs((ay + by) / 2 - la.y) < 0.2);
  });

  it("draws Alaska, Hawaii and Puerto Rico inside the viewBox", async () => {
    const places: [string, string][] = [
      ["0203000", "02020"], // Anchorage
      ["1571550", "15003"], // Urban Honolulu
      ["7276770", "72127"], // San Juan
    ];
    const svg = await render(places.map(([geoid, countyGeoid]) => member({ geoid, countyGeoid })));
    const markers = parse(svg).markers();
    assert.equal(markers.length, 3);
    for (const marker of markers) assertInside(svg, marker);
    // Three insets, each in its own place: Alaska left of Hawaii, Puerto Rico far right.
    const x = (geoid: string) => countyShape(geoid)?.x ?? Number.NaN;
    assert.ok(x("02020") < x("15003") && x("15003") < x("72127"));
    assert.ok(x("72127") > (countyShape("12086")?.x ?? Number.POSITIVE_INFINITY), "east of Miami");
  });

  it("draws a 2022 county-equivalent the atlas lacks as the county it came from", async () => {
    // New Haven, CT: the crosswalk puts it in South Central Connecticut Planning Region (09170).
    const svg = await render([member({ geoid: "0952000", countyGeoid: "09170", state: "CT" })]);
    const [marker] = parse(svg).markers();
    assert.ok(marker);
    assert.equal(Number(marker.getAttribute("cx")), countyShape("09009")?.x);
  });

  it("skips members whose county is unknown, without throwing", async () => {
    const svg = await render([
      member({ geoid: "3699999", countyGeoid: "36999" }),
      member({ geoid: "3600000", countyGeoid: null }),
      member({ geoid: "garbage", countyGeoid: "not-a-geoid" }),
      member({ geoid: "6600000", countyGeoid: "66010" }), // Guam: not drawn
      member({ countyGeoid: "24031" }),
    ]);
    const { shaded, markers } = parse(svg);
    assert.equal(shaded().length, 1);
    assert.equal(markers().length, 0);
    assert.equal(countyShape("36999"), undefined);
  });

  it("uses colours with at least 3:1 contrast against the state fill (WCAG 1.4.11)", () => {
    assert.ok(contrast(MAP_COLORS.member, MAP_COLORS.state) >= 3, "member county vs state");
    assert.ok(contrast(MAP_COLORS.marker, MAP_COLORS.state) >= 3, "marker vs state");
    // A marker on a member county stands out by its ring.
    assert.ok(contrast(MAP_COLORS.markerRing, MAP_COLORS.member) >= 3, "marker ring vs county");
  });

  it("renders 500 members well under 50 ms once warm", async (t) => {
    const counties = atlasCounties();
    const step = Math.floor(counties.length / 500);
    const members = Array.from({ length: 500 }, (_, i) => {
      const county = counties[i * step] as string;
      return i % 2
        ? member({ geoid: `${county}00`, kind: "city", countyGeoid: county })
        : member({ geoid: county, kind: "county", countyGeoid: county });
    });
    warmMembersMap();
    let start = performance.now();
    const first = await render(members);
    const firstMs = performance.now() - start;
    const times: number[] = [];
    let svg = first;
    for (let i = 0; i < 15; i++) {
      start = performance.now();
      svg = await render(members);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)] as number;
    const { shaded, markers } = parse(svg);
    assert.equal(shaded().length, 250);
    assert.equal(markers().length, 250);
    assert.equal(svg, first, "the same members draw the same map");
    const small = await render(counties.slice(0, 21).map((c) => member({ countyGeoid: c })));
    t.diagnostic(
      `500 members: first ${firstMs.toFixed(1)} ms (projecting their counties), then median ${median.toFixed(2)} ms; ` +
        `${Buffer.byteLength(svg)} bytes; 21 counties: ${Buffer.byteLength(small)} bytes`,
    );
    assert.ok(median < 25, `median ${median.toFixed(2)} ms`);
  });
});

describeEachDatabase("map members", { seed: false }, (ctx) => {
  /** Members built before the tests (no demo seed): real places and a county, with parts. */
  const ROSTER = [
    { geoid: "3651000", slug: "new-york-ny", state: "NY" },
    { geoid: "4835000", slug: "houston-tx", state: "TX" },
    { geoid: "1150000", slug: "washington-dc", state: "DC" },
    { geoid: "0667000", slug: "san-francisco-ca", state: "CA" },
    { geoid: "24031", slug: "montgomery-county-md", state: "MD", kind: "county" as const },
  ];
  before(async () => {
    for (const member of ROSTER) await buildMember(ctx.database.db, member);
  });

  it("puts each member in a county: its own, or its place's largest part", async () => {
    let queries = 0;
    const counting: KyselyPlugin = {
      transformQuery: (args) => {
        queries += 1;
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const members = await mapMembers(ctx.database.db.withPlugin(counting));
    assert.equal(members.length, ROSTER.length);
    assert.ok(queries <= 2, `${queries} queries`);
    const county = (slug: string) => members.find((m) => m.slug === slug)?.countyGeoid;
    // New York City spans five counties; Kings (Brooklyn) holds the most people (31%).
    assert.equal(county("new-york-ny"), "36047");
    assert.equal(county("houston-tx"), "48201");
    assert.equal(county("washington-dc"), "11001");
    assert.equal(county("san-francisco-ca"), "06075");
    const montgomery = members.find((m) => m.geoid === "24031");
    assert.deepEqual(montgomery && { kind: montgomery.kind, countyGeoid: montgomery.countyGeoid }, {
      kind: "county",
      countyGeoid: "24031",
    });
    assert.ok(members.every((m) => m.countyGeoid && countyShape(m.countyGeoid)));
  });

  it("leaves out applicants and former members; a place with no parts has no county", async () => {
    const db = ctx.database.db;
    const extra = [
      await buildMember(db, {
        geoid: "0653000",
        slug: "oakland-ca",
        status: "applicant",
        state: "CA",
      }),
      await buildMember(db, { geoid: "4805000", slug: "austin-tx", status: "former", state: "TX" }),
      await buildMember(db, { geoid: "3699999", slug: "nowhere-ny", status: "member" }),
    ];
    try {
      const members = await mapMembers(db);
      assert.equal(members.length, ROSTER.length + 1);
      assert.ok(!members.some((m) => m.slug === "oakland-ca" || m.slug === "austin-tx"));
      assert.equal(members.find((m) => m.slug === "nowhere-ny")?.countyGeoid, null);
    } finally {
      await db
        .deleteFrom("jurisdictions")
        .where(
          "slug",
          "in",
          extra.map((j) => j.slug),
        )
        .execute();
    }
  });
});
