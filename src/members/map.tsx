// The members map: a server-rendered SVG of the United States with member counties shaded and a
// marker in the county of each member city. Decorative for assistive technology (one role="img"
// with a title and a description); the member list on the page is its text alternative.
//
// Geometry: us-atlas's counties-10m (Census cartographic boundaries, 1:10,000,000), projected
// like d3's geoAlbersUsa (same parameters for the lower 48, Alaska and Hawaii) with Puerto Rico
// and the U.S. Virgin Islands in a fourth inset east of Florida, as in d3-composite-projections'
// geoAlbersUsaTerritories (whose published build does not load as an ES module under Node).
// Each shape is projected by its own inset (a county by its state's FIPS code, the land by where
// it lies), so no stream has to be multiplexed. Shapes are simplified once, after projection.
import { createRequire } from "node:module";
import {
  type GeoPermissibleObjects,
  type GeoProjection,
  type GeoStream,
  geoAlbers,
  geoConicEqualArea,
  geoPath,
} from "d3-geo";
import type {
  FeatureCollection,
  MultiPolygon as GeoMultiPolygon,
  Polygon as GeoPolygon,
  Position,
} from "geojson";
import { feature, mesh } from "topojson-client";
import type { GeometryCollection, GeometryObject, Topology } from "topojson-specification";
import type { MapMember } from "./map.queries.js";

/** The map's colours, chosen for at least 3:1 against the state fill (WCAG 1.4.11). */
export const MAP_COLORS = Object.freeze({
  /** USWDS base-lighter. */
  state: "#dfe1e2",
  stateBorder: "#ffffff",
  /** USWDS primary. */
  member: "#005ea2",
  memberBorder: "#ffffff",
  /** USWDS orange-60v: a dark fill, ringed in white so it also stands out on a member county. */
  marker: "#8c3d10",
  markerRing: "#ffffff",
  /** USWDS base-light: the frames around the insets. */
  inset: "#a9aeb1",
});

/** The drawing scale, as geoAlbersUsa's default: the lower 48 about 960 units wide. */
const SCALE = 1070;
const TRANSLATE: [number, number] = [480, 250];
/** How far (in viewBox units) a simplified coast or border may stray from the atlas's. */
const OUTLINE_TOLERANCE = 0.5;
/** Islands smaller than this (in square viewBox units) are left out of the outline. */
const MIN_ISLAND_AREA = 1.5;
/** How far a member county's simplified outline may stray: less, since counties can be small. */
const COUNTY_TOLERANCE = 0.25;
const INSET_MARGIN = 3;
const VIEW_MARGIN = 6;
const MARKER_RADIUS = 4;

/** A county's drawn shape and the centroid of what is drawn, in viewBox units. */
export interface CountyShape {
  d: string;
  x: number;
  y: number;
}

type Inset = "lower48" | "alaska" | "hawaii" | "caribbean";

/** The inset a state is drawn in, by state FIPS code; undefined for the Pacific territories. */
function insetOf(stateFips: string): Inset | undefined {
  switch (stateFips) {
    case "02":
      return "alaska";
    case "15":
      return "hawaii";
    case "72":
    case "78":
      return "caribbean";
    case "60":
    case "66":
    case "69":
      return undefined;
    default:
      return "lower48";
  }
}

/**
 * The inset a point of land is drawn in, by where it lies; undefined for the Pacific
 * territories (American Samoa, Guam, the Northern Mariana Islands), which the map leaves out.
 */
function insetAt(lon: number, lat: number): Inset | undefined {
  if (lat > 51 && (lon < -129 || lon > 170)) return "alaska"; // the Aleutians cross 180°
  if (lat < 0 || (lon > 140 && lat < 25)) return undefined;
  if (lon < -150 && lat < 30) return "hawaii";
  if (lon > -68.5 && lon < -64 && lat > 17 && lat < 19) return "caribbean";
  if (lon > -125 && lon < -66 && lat > 24 && lat < 50) return "lower48";
  return undefined;
}

/** The four projections, as d3's geoAlbersUsa composes them, each clipped to its box. */
function projections(): Record<Inset, GeoProjection> {
  const k = SCALE;
  const [x, y] = TRANSLATE;
  return {
    lower48: geoAlbers()
      .scale(k)
      .translate([x, y])
      .clipExtent([
        [x - 0.455 * k, y - 0.238 * k],
        [x + 0.455 * k, y + 0.238 * k],
      ]),
    alaska: geoConicEqualArea()
      .rotate([154, 0])
      .center([-2, 58.5])
      .parallels([55, 65])
      .scale(0.35 * k)
      .translate([x - 0.307 * k, y + 0.201 * k])
      .clipExtent([
        [x - 0.425 * k, y + 0.12 * k],
        [x - 0.214 * k, y + 0.234 * k],
      ]),
    hawaii: geoConicEqualArea()
      .rotate([157, 0])
      .center([-3, 19.9])
      .parallels([8, 18])
      .scale(k)
      .translate([x - 0.205 * k, y + 0.212 * k])
      .clipExtent([
        [x - 0.214 * k, y + 0.166 * k],
        [x - 0.115 * k, y + 0.234 * k],
      ]),
    // d3-composite-projections' geoAlbersUsaTerritories (after Mike Bostock's block 5629120).
    caribbean: geoConicEqualArea()
      .rotate([66, 0])
      .center([0, 18])
      .parallels([8, 18])
      .scale(k)
      .translate([x + 0.35 * k, y + 0.224 * k])
      .clipExtent([
        [x + 0.312 * k, y + 0.2064 * k],
        [x + 0.385 * k, y + 0.234 * k],
      ]),
  };
}

type Point = [number, number];

/**
 * A stream filter that simplifies each projected line and ring (Douglas–Peucker, `tolerance` in
 * viewBox units) and drops a ring whose area is under `minArea` (small islands at this scale).
 * A ring that would be left with fewer than three points is kept as it came.
 */
function simplified(projection: GeoProjection, tolerance: number, minArea: number) {
  return {
    stream(output: GeoStream): GeoStream {
      let inPolygon = false;
      let line: Point[] | undefined;
      return projection.stream({
        point(x, y) {
          if (line) line.push([x, y]);
          else output.point(x, y);
        },
        lineStart() {
          line = [];
        },
        lineEnd() {
          const points = line ?? [];
          line = undefined;
          let kept: Point[];
          if (inPolygon) {
            if (Math.abs(ringArea(points)) < minArea) return;
            kept = simplifyRing(points, tolerance);
          } else {
            kept = douglasPeucker(points, tolerance);
          }
          output.lineStart();
          for (const [x, y] of kept) output.point(x, y);
          output.lineEnd();
        },
        polygonStart() {
          inPolygon = true;
          output.polygonStart();
        },
        polygonEnd() {
          inPolygon = false;
          output.polygonEnd();
        },
        sphere() {
          output.sphere?.();
        },
      });
    },
  };
}

function ringArea(points: Point[]): number {
  let sum = 0;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const a = points[j] as Point;
    const b = points[i] as Point;
    sum += a[0] * b[1] - b[0] * a[1];
  }
  return sum / 2;
}

/** A closed ring, simplified in two halves split at the point farthest from its first. */
function simplifyRing(points: Point[], tolerance: number): Point[] {
  const first = points[0];
  if (!first || points.length < 5) return points;
  let far = 0;
  let farDistance = -1;
  for (let i = 1; i < points.length; i++) {
    const p = points[i] as Point;
    const d = (p[0] - first[0]) ** 2 + (p[1] - first[1]) ** 2;
    if (d > farDistance) {
      far = i;
      farDistance = d;
    }
  }
  const kept = [
    ...douglasPeucker(points.slice(0, far + 1), tolerance),
    ...douglasPeucker(points.slice(far), tolerance).slice(1),
  ];
  return kept.length >= 4 ? kept : points;
}

/** Douglas–Peucker on an open polyline; its two ends are always kept. */
function douglasPeucker(points: Point[], tolerance: number): Point[] {
  if (points.length < 3) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const t2 = tolerance * tolerance;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length) {
    const [start, end] = stack.pop() as [number, number];
    const [ax, ay] = points[start] as Point;
    const [bx, by] = points[end] as Point;
    const dx = bx - ax;
    const dy = by - ay;
    const length2 = dx * dx + dy * dy;
    let index = -1;
    let max = t2;
    for (let i = start + 1; i < end; i++) {
      const [px, py] = points[i] as Point;
      let d: number;
      if (length2 === 0) d = (px - ax) ** 2 + (py - ay) ** 2;
      else {
        const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length2));
        d = (px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2;
      }
      if (d > max) {
        index = i;
        max = d;
      }
    }
    if (index >= 0) {
      keep[index] = 1;
      stack.push([start, index], [index, end]);
    }
  }
  return points.filter((_, i) => keep[i] === 1);
}

/**
 * A d3 path context that writes compact SVG path data: coordinates rounded to tenths, relative
 * to the point before (so rounding never drifts), with implied line-tos and no leading zeros.
 */
class CompactPath {
  #d = "";
  #x = 0;
  #y = 0;
  #startX = 0;
  #startY = 0;
  /** After an absolute M, implied commands would be absolute too: say "l" once. */
  #absolute = false;

  moveTo(x: number, y: number): void {
    const X = Math.round(x * 10);
    const Y = Math.round(y * 10);
    this.#absolute = !this.#d;
    this.#d += this.#absolute ? `M${pair(X, Y)}` : `m${pair(X - this.#x, Y - this.#y)}`;
    this.#x = this.#startX = X;
    this.#y = this.#startY = Y;
  }

  lineTo(x: number, y: number): void {
    const X = Math.round(x * 10);
    const Y = Math.round(y * 10);
    if (X === this.#x && Y === this.#y) return;
    const next = pair(X - this.#x, Y - this.#y);
    if (this.#absolute) {
      this.#d += `l${next}`;
      this.#absolute = false;
    } else {
      this.#d += next.startsWith("-") ? next : ` ${next}`;
    }
    this.#x = X;
    this.#y = Y;
  }

  closePath(): void {
    this.#d += "z";
    this.#x = this.#startX;
    this.#y = this.#startY;
  }

  beginPath(): void {}

  arc(): void {}

  /** The path data written since the last call (starting with an absolute M), and a fresh start. */
  take(): string {
    const d = this.#d;
    this.#d = "";
    this.#x = this.#y = this.#startX = this.#startY = 0;
    this.#absolute = false;
    return d;
  }
}

/** Two numbers in tenths, as path data: "12.5-3", "-.5 4". */
function pair(x: number, y: number): string {
  const b = tenths(y);
  return `${tenths(x)}${b.startsWith("-") ? "" : " "}${b}`;
}

function tenths(n: number): string {
  const s = (n / 10).toString();
  return s.startsWith("0.") ? s.slice(1) : s.startsWith("-0.") ? `-${s.slice(2)}` : s;
}

/** A projection's path data for `object`, written by a CompactPath. */
function pathData(
  projection: { stream(s: GeoStream): GeoStream },
  context: CompactPath,
): (object: GeoPermissibleObjects) => string {
  const path = geoPath(projection, context);
  return (object) => {
    path(object);
    return context.take();
  };
}

type AtlasTopology = Topology<{
  counties: GeometryCollection<{ name: string }>;
  states: GeometryCollection<{ name: string }>;
  nation: GeometryCollection;
}>;

interface Atlas {
  viewBox: string;
  width: number;
  height: number;
  /** The land of every drawn state, merged and filled: one path. */
  land: string;
  /** The borders between states, each drawn once: one path. */
  borders: string;
  /** Frames around the Alaska, Hawaii and Caribbean insets. */
  insets: string;
  topology: AtlasTopology;
  counties: Map<string, GeometryObject<{ name: string }>>;
  /** Per inset: a county's path data, and its centroid. */
  countyPath: Record<Inset, (object: GeoPermissibleObjects) => string>;
  countyCentroid: Record<Inset, (object: GeoPermissibleObjects) => [number, number]>;
  shapes: Map<string, CountyShape | null>;
}

let atlas: Atlas | undefined;

/** The map's geometry, read and projected on first use and kept for the process's life. */
function loadAtlas(): Atlas {
  if (atlas) return atlas;
  const require = createRequire(import.meta.url);
  const topology = require("us-atlas/counties-10m.json") as AtlasTopology;
  const projected = projections();
  const insets = Object.keys(projected) as Inset[];
  const context = new CompactPath();

  // The nation's land, already merged in the atlas, split into its insets by where each
  // polygon lies; the borders between states, all in the lower 48.
  const nation = feature(topology, topology.objects.nation) as FeatureCollection<
    GeoMultiPolygon | GeoPolygon
  >;
  const polygons: Record<Inset, Position[][][]> = {
    lower48: [],
    alaska: [],
    hawaii: [],
    caribbean: [],
  };
  for (const f of nation.features) {
    const parts = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const polygon of parts) {
      const [lon, lat] = polygon[0]?.[0] ?? [Number.NaN, Number.NaN];
      const inset = insetAt(lon ?? Number.NaN, lat ?? Number.NaN);
      if (inset) polygons[inset].push(polygon);
    }
  }
  const stateBorders = mesh(topology, topology.objects.states, (a, b) => a !== b);

  let land = "";
  let borders = "";
  let frames = "";
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const inset of insets) {
    const outline = simplified(projected[inset], OUTLINE_TOLERANCE, MIN_ISLAND_AREA);
    const draw = pathData(outline, context);
    const shape: GeoMultiPolygon = { type: "MultiPolygon", coordinates: polygons[inset] };
    land += draw(shape);
    if (inset === "lower48") borders = draw(stateBorders);
    // The bounds of what is drawn: small islands left out, e.g. the Northwestern Hawaiian Islands.
    const [[bx0, by0], [bx1, by1]] = geoPath(outline).bounds(shape);
    x0 = Math.min(x0, bx0);
    y0 = Math.min(y0, by0);
    x1 = Math.max(x1, bx1);
    y1 = Math.max(y1, by1);
    if (inset !== "lower48") {
      const m = INSET_MARGIN;
      const [left, top] = [Math.floor(bx0 - m), Math.floor(by0 - m)];
      frames += `M${left} ${top}H${Math.ceil(bx1 + m)}V${Math.ceil(by1 + m)}H${left}z`;
    }
  }
  // Paths are relative after their first point: each part starts afresh with an absolute M.
  const left = Math.floor(x0 - VIEW_MARGIN);
  const top = Math.floor(y0 - VIEW_MARGIN);
  const width = Math.ceil(x1 + VIEW_MARGIN) - left;
  const height = Math.ceil(y1 + VIEW_MARGIN) - top;
  const countyPath = {} as Atlas["countyPath"];
  const countyCentroid = {} as Atlas["countyCentroid"];
  for (const inset of insets) {
    countyPath[inset] = pathData(simplified(projected[inset], COUNTY_TOLERANCE, 0), context);
    const path = geoPath(projected[inset]);
    countyCentroid[inset] = (object) => path.centroid(object);
  }
  atlas = {
    viewBox: `${left} ${top} ${width} ${height}`,
    width,
    height,
    land,
    borders,
    insets: frames,
    topology,
    counties: new Map(topology.objects.counties.geometries.map((g) => [String(g.id), g])),
    countyPath,
    countyCentroid,
    shapes: new Map(),
  };
  return atlas;
}

/**
 * Reads and projects the map's geometry now rather than on the first render (about 0.2 s of
 * CPU, once per process), e.g. at start-up. Member counties are still projected on first use.
 */
export function warmMembersMap(): void {
  loadAtlas();
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/**
 * A county's shape and centroid, projected on first use; undefined for a GEOID the atlas does
 * not have (or one whose shape falls outside the map, e.g. a Pacific territory).
 */
export function countyShape(geoid: string): CountyShape | undefined {
  const a = loadAtlas();
  const cached = a.shapes.get(geoid);
  if (cached !== undefined) return cached ?? undefined;
  let shape: CountyShape | null = null;
  const geometry = a.counties.get(geoid) ?? a.counties.get(LEGACY_COUNTIES[geoid] ?? "");
  const inset = insetOf(geoid.slice(0, 2));
  if (geometry && inset) {
    const f = feature(a.topology, geometry) as GeoPermissibleObjects;
    const d = a.countyPath[inset](f);
    const [x, y] = a.countyCentroid[inset](f);
    if (d && Number.isFinite(x) && Number.isFinite(y)) shape = { d, x: round(x), y: round(y) };
  }
  a.shapes.set(geoid, shape);
  return shape ?? undefined;
}

/**
 * County-equivalents of the 2022 Census geography (which the place–county crosswalk uses) that
 * the atlas, drawn from 2017 boundaries, does not have: each is drawn as the older county that
 * holds most of its people. Connecticut's planning regions replaced its counties in 2022;
 * Alaska's Valdez-Cordova Census Area was split in two in 2019.
 */
const LEGACY_COUNTIES: Readonly<Record<string, string>> = Object.freeze({
  "02063": "02261", // Chugach → Valdez-Cordova
  "02066": "02261", // Copper River → Valdez-Cordova
  "09110": "09003", // Capitol (Hartford) → Hartford County
  "09120": "09001", // Greater Bridgeport → Fairfield County
  "09130": "09007", // Lower Connecticut River Valley (Middletown) → Middlesex County
  "09140": "09009", // Naugatuck Valley (Waterbury) → New Haven County
  "09150": "09015", // Northeastern Connecticut → Windham County
  "09160": "09005", // Northwest Hills (Torrington) → Litchfield County
  "09170": "09009", // South Central Connecticut (New Haven) → New Haven County
  "09180": "09011", // Southeastern Connecticut (New London, Norwich) → New London County
  "09190": "09001", // Western Connecticut (Stamford, Norwalk, Danbury) → Fairfield County
});

const TITLE_ID = "cfa-members-map-title";
const DESC_ID = "cfa-members-map-desc";

/**
 * The members map. `label` and `description` are translated by the caller; the description
 * should say that the list of members on the page is the map's text alternative.
 *
 * Counties (and consolidated city-counties) are shaded; cities (and city-counties) get one
 * marker at the centroid of the county holding most of their people, one per county however
 * many member cities it holds. Members whose county the map does not have are left out.
 */
export function MembersMap({
  members,
  label,
  description,
}: {
  members: MapMember[];
  label: string;
  description: string;
}): JSX.Element {
  const a = loadAtlas();
  const shaded = new Map<string, CountyShape>();
  const marked = new Map<string, CountyShape>();
  for (const m of members) {
    if (!m.countyGeoid) continue;
    const shape = countyShape(m.countyGeoid);
    if (!shape) continue;
    if (m.kind !== "city") shaded.set(m.countyGeoid, shape);
    if (m.kind !== "county") marked.set(m.countyGeoid, shape);
  }
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      class="cfa-map"
      viewBox={a.viewBox}
      width={a.width}
      height={a.height}
      role="img"
      aria-labelledby={TITLE_ID}
      aria-describedby={DESC_ID}
    >
      <title id={TITLE_ID} safe>
        {label}
      </title>
      <desc id={DESC_ID} safe>
        {description}
      </desc>
      <path class="cfa-map__state" d={a.land} fill={MAP_COLORS.state} />
      <g
        class="cfa-map__counties"
        fill={MAP_COLORS.member}
        stroke={MAP_COLORS.memberBorder}
        stroke-width="0.5"
        stroke-linejoin="round"
      >
        {[...shaded].map(([geoid, s]) => (
          <path class="cfa-map__county--member" data-geoid={geoid} d={s.d} />
        ))}
      </g>
      <path
        class="cfa-map__border"
        d={a.borders}
        fill="none"
        stroke={MAP_COLORS.stateBorder}
        stroke-width="0.75"
        stroke-linejoin="round"
      />
      <path
        class="cfa-map__inset"
        d={a.insets}
        fill="none"
        stroke={MAP_COLORS.inset}
        stroke-width="0.75"
      />
      <g
        class="cfa-map__markers"
        fill={MAP_COLORS.marker}
        stroke={MAP_COLORS.markerRing}
        stroke-width="1.5"
      >
        {[...marked].map(([geoid, s]) => (
          <circle class="cfa-map__marker" data-geoid={geoid} cx={s.x} cy={s.y} r={MARKER_RADIUS} />
        ))}
      </g>
    </svg>
  );
}
