// The members map: a server-rendered SVG of the United States with member counties shaded and a
// marker in the county of each member city. Decorative for assistive technology (one role="img"
// with a title and a description); the member list on the page is its text alternative. The
// shapes come from map.geometry.ts.
import { type CountyShape, countyShape, loadAtlas } from "./map.geometry.js";
import type { MapMember } from "./map.service.js";
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

const MARKER_RADIUS = 4;

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
