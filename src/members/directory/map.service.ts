import type { Kysely } from "kysely";
import type { DB, JurisdictionKind } from "../../db/index.js";
import { memberPlaceParts } from "../census/census.queries.js";
import { mapRows } from "../jurisdictions.queries.js";

/** A member as the map draws it: where it is, by county. */
export interface MapMember {
  slug: string;
  name: string;
  kind: JurisdictionKind;
  /** The member's own Census GEOID: 5 digits for a county, 7 for a place. */
  geoid: string;
  /** Two-letter USPS state code. */
  state: string;
  /**
   * The county the member is drawn in: a county's own GEOID; for a place, the county holding the
   * largest part of its 2020 population (`place_county_parts`); null when that is unknown.
   */
  countyGeoid: string | null;
}

/**
 * Every member, with the county it is drawn in, in two queries whatever the roster's size: the
 * members, then the county parts of the members that are places.
 */
export async function mapMembers(db: Kysely<DB>): Promise<MapMember[]> {
  const members = await mapRows(db);
  if (members.length === 0) return [];

  const parts = members.some((m) => isPlace(m.geoid)) ? await memberPlaceParts(db) : [];

  // The largest part of each place; shares are rounded, so ties go to the larger population,
  // then to the lower GEOID, the same on both engines.
  const largest = new Map<string, (typeof parts)[number]>();
  for (const part of parts) {
    const best = largest.get(part.place_geoid);
    if (
      !best ||
      part.share_of_place > best.share_of_place ||
      (part.share_of_place === best.share_of_place &&
        (part.population_2020 > best.population_2020 ||
          (part.population_2020 === best.population_2020 && part.county_geoid < best.county_geoid)))
    ) {
      largest.set(part.place_geoid, part);
    }
  }

  return members.map((m) => ({
    slug: m.slug,
    name: m.name,
    kind: m.kind,
    geoid: m.geoid,
    state: m.state,
    countyGeoid: isCounty(m.geoid)
      ? m.geoid
      : isPlace(m.geoid)
        ? (largest.get(m.geoid)?.county_geoid ?? null)
        : null,
  }));
}

/** A county (or county-equivalent) GEOID: state + county, 5 digits. */
function isCounty(geoid: string): boolean {
  return /^\d{5}$/.test(geoid);
}

/** A place GEOID: state + place, 7 digits. */
function isPlace(geoid: string): boolean {
  return /^\d{7}$/.test(geoid);
}
