import {
  type GeoPermissibleObjects,
  type GeoProjection,
  type GeoStream,
  geoAlbers,
  geoConicEqualArea,
  geoPath,
} from "d3-geo";

/** The drawing scale, as geoAlbersUsa's default: the lower 48 about 960 units wide. */
const SCALE = 1070;
const TRANSLATE: [number, number] = [480, 250];
/** How far (in viewBox units) a simplified coast or border may stray from the atlas's. */
export const OUTLINE_TOLERANCE = 0.5;
/** Islands smaller than this (in square viewBox units) are left out of the outline. */
export const MIN_ISLAND_AREA = 1.5;
/** How far a member county's simplified outline may stray: less, since counties can be small. */
export const COUNTY_TOLERANCE = 0.25;
export const INSET_MARGIN = 3;
export const VIEW_MARGIN = 6;

export type Inset = "lower48" | "alaska" | "hawaii" | "caribbean";

/** The inset a state is drawn in, by state FIPS code; undefined for the Pacific territories. */
export function insetOf(stateFips: string): Inset | undefined {
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
export function insetAt(lon: number, lat: number): Inset | undefined {
  if (lat > 51 && (lon < -129 || lon > 170)) return "alaska"; // the Aleutians cross 180°
  if (lat < 0 || (lon > 140 && lat < 25)) return undefined;
  if (lon < -150 && lat < 30) return "hawaii";
  if (lon > -68.5 && lon < -64 && lat > 17 && lat < 19) return "caribbean";
  if (lon > -125 && lon < -66 && lat > 24 && lat < 50) return "lower48";
  return undefined;
}

/** The four projections, as d3's geoAlbersUsa composes them, each clipped to its box. */
export function projections(): Record<Inset, GeoProjection> {
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

export type Point = [number, number];

/**
 * A stream filter that simplifies each projected line and ring (Douglas–Peucker, `tolerance` in
 * viewBox units) and drops a ring whose area is under `minArea` (small islands at this scale).
 * A ring that would be left with fewer than three points is kept as it came.
 */
export function simplified(projection: GeoProjection, tolerance: number, minArea: number) {
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
export class CompactPath {
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
export function pathData(
  projection: { stream(s: GeoStream): GeoStream },
  context: CompactPath,
): (object: GeoPermissibleObjects) => string {
  const path = geoPath(projection, context);
  return (object) => {
    path(object);
    return context.take();
  };
}
