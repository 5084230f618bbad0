// The members map: a server-rendered SVG of the United States with member counties shaded and a
// marker for each member city in its county. Each shaded county and each marker is a link to the
// member's profile, named by the member's name. They are out of the tab order: the member list
// on the page has the same links, one tab stop each, and a keyboard would otherwise cross
// hundreds of dots before the filters (decisions 0006, 0017). The map is named by its title and
// described by its description; it is a group, not role="img", whose children can hold no links.
// The shapes come from map.geometry.ts.
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
/** Space between the rings of two markers drawn side by side in one county. */
const MARKER_GAP = 2;

const TITLE_ID = "cfa-members-map-title";
const DESC_ID = "cfa-members-map-desc";

interface Marker {
  member: MapMember;
  countyGeoid: string;
  x: number;
  y: number;
}

/**
 * One marker per member city. Cities sharing a county (Los Angeles and South Gate) are set on a
 * small ring around the county's centroid, just far enough apart not to overlap, in name order,
 * so each is its own dot and its own link.
 */
function markersOf(byCounty: Map<string, { shape: CountyShape; members: MapMember[] }>): Marker[] {
  const markers: Marker[] = [];
  for (const [countyGeoid, { shape, members }] of byCounty) {
    const sorted = [...members].sort(
      (a, b) => a.name.localeCompare(b.name, "en-US") || a.slug.localeCompare(b.slug),
    );
    const n = sorted.length;
    // Adjacent points on a ring of radius R are 2R·sin(π/n) apart.
    const ring = n < 2 ? 0 : (MARKER_RADIUS + MARKER_GAP / 2) / Math.sin(Math.PI / n);
    sorted.forEach((member, i) => {
      const angle = Math.PI + (2 * Math.PI * i) / n;
      markers.push({
        member,
        countyGeoid,
        x: Math.round((shape.x + ring * Math.cos(angle)) * 10) / 10,
        y: Math.round((shape.y + ring * Math.sin(angle)) * 10) / 10,
      });
    });
  }
  return markers;
}

/**
 * The members map. `label` and `description` are translated by the caller; the description
 * should say that the list of members on the page is the map's text alternative. `href` gives
 * a member's profile address.
 *
 * Counties (and consolidated city-counties) are shaded; cities (and city-counties) get a marker
 * at the centroid of the county holding most of their people. Members whose county the map does
 * not have are left out.
 */
export function MembersMap({
  members,
  label,
  description,
  href,
  namesLang,
}: {
  members: MapMember[];
  label: string;
  description: string;
  href: (slug: string) => string;
  /** `lang` of the members' names (English data) on a page in another language. */
  namesLang?: string;
}): JSX.Element {
  const a = loadAtlas();
  const shaded = new Map<string, { shape: CountyShape; member: MapMember }>();
  const marked = new Map<string, { shape: CountyShape; members: MapMember[] }>();
  for (const m of members) {
    if (!m.countyGeoid) continue;
    const shape = countyShape(m.countyGeoid);
    if (!shape) continue;
    if (m.kind !== "city") shaded.set(m.countyGeoid, { shape, member: m });
    if (m.kind !== "county") {
      const entry = marked.get(m.countyGeoid) ?? { shape, members: [] };
      entry.members.push(m);
      marked.set(m.countyGeoid, entry);
    }
  }
  return (
    // biome-ignore lint/a11y/useSemanticElements: an SVG cannot be a <fieldset>; a group names its links' container
    <svg
      xmlns="http://www.w3.org/2000/svg"
      class="cfa-map"
      viewBox={a.viewBox}
      width={a.width}
      height={a.height}
      role="group"
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
        {[...shaded].map(([geoid, { shape, member }]) => (
          <a
            class="cfa-map__link"
            href={href(member.slug)}
            tabindex="-1"
            aria-label={member.name}
            lang={namesLang}
          >
            <title safe>{member.name}</title>
            <path class="cfa-map__county--member" data-geoid={geoid} d={shape.d} />
          </a>
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
        {markersOf(marked).map((m) => (
          <a
            class="cfa-map__link"
            href={href(m.member.slug)}
            tabindex="-1"
            aria-label={m.member.name}
            lang={namesLang}
          >
            <title safe>{m.member.name}</title>
            <circle
              class="cfa-map__marker"
              data-geoid={m.countyGeoid}
              data-slug={m.member.slug}
              cx={m.x}
              cy={m.y}
              r={MARKER_RADIUS}
            />
          </a>
        ))}
      </g>
    </svg>
  );
}

/**
 * The map's key, as visible text beside it: what a shaded county and a dot mean, and how many
 * members the map shows (it follows the directory's filters).
 */
export function MapLegend({
  heading,
  showing,
  county,
  city,
}: {
  heading: string;
  showing: string;
  county: string;
  city: string;
}): JSX.Element {
  return (
    <div class="cfa-map-legend">
      <h2 class="cfa-map-legend__heading" safe>
        {heading}
      </h2>
      <ul class="cfa-map-legend__list">
        <li class="cfa-map-legend__item">
          <svg
            class="cfa-map-legend__swatch"
            viewBox="0 0 20 20"
            width="20"
            height="20"
            aria-hidden="true"
            focusable="false"
          >
            <rect x="1" y="1" width="18" height="18" fill={MAP_COLORS.member} />
          </svg>{" "}
          <span safe>{county}</span>
        </li>
        <li class="cfa-map-legend__item">
          <svg
            class="cfa-map-legend__swatch"
            viewBox="0 0 20 20"
            width="20"
            height="20"
            aria-hidden="true"
            focusable="false"
          >
            <rect x="0" y="0" width="20" height="20" fill={MAP_COLORS.state} />
            <circle
              cx="10"
              cy="10"
              r="6"
              fill={MAP_COLORS.marker}
              stroke={MAP_COLORS.markerRing}
              stroke-width="2"
            />
          </svg>{" "}
          <span safe>{city}</span>
        </li>
      </ul>
      <p class="cfa-map-legend__count" safe>
        {showing}
      </p>
    </div>
  );
}
