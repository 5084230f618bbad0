// The members map's geometry: us-atlas's counties-10m (Census cartographic boundaries,
// 1:10,000,000), projected like d3's geoAlbersUsa (same parameters for the lower 48, Alaska and
// Hawaii) with Puerto Rico and the U.S. Virgin Islands in a fourth inset east of Florida, as in
// d3-composite-projections' geoAlbersUsaTerritories (whose published build does not load as an ES
// module under Node). Each shape is projected by its own inset (a county by its state's FIPS
// code, the land by where it lies), so no stream has to be multiplexed. Shapes are simplified
// once, after projection. map.view.tsx draws them.
import { createRequire } from "node:module";
import { type GeoPermissibleObjects, geoPath } from "d3-geo";
import type {
  FeatureCollection,
  MultiPolygon as GeoMultiPolygon,
  Polygon as GeoPolygon,
  Position,
} from "geojson";
import { feature, mesh } from "topojson-client";
import type { GeometryCollection, GeometryObject, Topology } from "topojson-specification";
import {
  COUNTY_TOLERANCE,
  CompactPath,
  INSET_MARGIN,
  type Inset,
  insetAt,
  insetOf,
  MIN_ISLAND_AREA,
  OUTLINE_TOLERANCE,
  pathData,
  projections,
  simplified,
  VIEW_MARGIN,
} from "./map.projection.js";

/** A county's drawn shape and the centroid of what is drawn, in viewBox units. */
export interface CountyShape {
  d: string;
  x: number;
  y: number;
}

type AtlasTopology = Topology<{
  counties: GeometryCollection<{ name: string }>;
  states: GeometryCollection<{ name: string }>;
  nation: GeometryCollection;
}>;

export interface Atlas {
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
export function loadAtlas(): Atlas {
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
