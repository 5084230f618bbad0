import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB, JurisdictionKind } from "../db/index.js";
import { geographiesByGeoid } from "./census/census.queries.js";
import { insertJurisdictions } from "./jurisdictions.queries.js";
import { reindexMembers } from "./search.source.js";

interface DemoMember {
  geoid: string;
  slug: string;
  name: string;
  kind: JurisdictionKind;
  state: string;
  executiveTitle: string;
  joinedOn: string;
}

// A demo roster, labelled as such wherever it shows: the founding and steering-committee cities
// and other members named in public sources. Join dates are approximate (the month of the
// founding meeting, or the month a source names); the real roster is entered by coalition staff.
const FOUNDED = "2014-12-01";
const DEMO_ROSTER: DemoMember[] = [
  {
    geoid: "3651000",
    slug: "new-york-ny",
    name: "New York City",
    kind: "city",
    state: "NY",
    executiveTitle: "Mayor",
    joinedOn: FOUNDED,
  },
  {
    geoid: "0644000",
    slug: "los-angeles-ca",
    name: "Los Angeles",
    kind: "city",
    state: "CA",
    executiveTitle: "Mayor",
    joinedOn: FOUNDED,
  },
  {
    geoid: "4835000",
    slug: "houston-tx",
    name: "Houston",
    kind: "city",
    state: "TX",
    executiveTitle: "Mayor",
    joinedOn: FOUNDED,
  },
  {
    geoid: "1150000",
    slug: "washington-dc",
    name: "Washington, DC",
    kind: "city",
    state: "DC",
    executiveTitle: "Mayor",
    joinedOn: FOUNDED,
  },
  {
    geoid: "4261000",
    slug: "pittsburgh-pa",
    name: "Pittsburgh",
    kind: "city",
    state: "PA",
    executiveTitle: "Mayor",
    joinedOn: FOUNDED,
  },
  {
    geoid: "1304000",
    slug: "atlanta-ga",
    name: "Atlanta",
    kind: "city",
    state: "GA",
    executiveTitle: "Mayor",
    joinedOn: "2015-01-01",
  },
  {
    geoid: "2507000",
    slug: "boston-ma",
    name: "Boston",
    kind: "city",
    state: "MA",
    executiveTitle: "Mayor",
    joinedOn: "2015-01-01",
  },
  {
    geoid: "1714000",
    slug: "chicago-il",
    name: "Chicago",
    kind: "city",
    state: "IL",
    executiveTitle: "Mayor",
    joinedOn: FOUNDED,
  },
  {
    geoid: "0820000",
    slug: "denver-co",
    name: "Denver",
    kind: "city_county",
    state: "CO",
    executiveTitle: "Mayor",
    joinedOn: "2015-01-01",
  },
  {
    geoid: "4260000",
    slug: "philadelphia-pa",
    name: "Philadelphia",
    kind: "city_county",
    state: "PA",
    executiveTitle: "Mayor",
    joinedOn: FOUNDED,
  },
  {
    geoid: "4459000",
    slug: "providence-ri",
    name: "Providence",
    kind: "city",
    state: "RI",
    executiveTitle: "Mayor",
    joinedOn: "2015-01-01",
  },
  {
    geoid: "0667000",
    slug: "san-francisco-ca",
    name: "San Francisco",
    kind: "city_county",
    state: "CA",
    executiveTitle: "Mayor",
    joinedOn: FOUNDED,
  },
  {
    geoid: "5363000",
    slug: "seattle-wa",
    name: "Seattle",
    kind: "city",
    state: "WA",
    executiveTitle: "Mayor",
    joinedOn: FOUNDED,
  },
  {
    geoid: "0666000",
    slug: "san-diego-ca",
    name: "San Diego",
    kind: "city",
    state: "CA",
    executiveTitle: "Mayor",
    joinedOn: "2017-01-01",
  },
  {
    geoid: "4865000",
    slug: "san-antonio-tx",
    name: "San Antonio",
    kind: "city",
    state: "TX",
    executiveTitle: "Mayor",
    joinedOn: "2017-01-01",
  },
  {
    geoid: "0673080",
    slug: "south-gate-ca",
    name: "South Gate",
    kind: "city",
    state: "CA",
    executiveTitle: "Mayor",
    joinedOn: "2017-08-01",
  },
  {
    geoid: "1608830",
    slug: "boise-id",
    name: "Boise",
    kind: "city",
    state: "ID",
    executiveTitle: "Mayor",
    joinedOn: "2020-12-01",
  },
  {
    geoid: "2148006",
    slug: "louisville-ky",
    name: "Louisville Metro",
    kind: "city_county",
    state: "KY",
    executiveTitle: "Mayor",
    joinedOn: "2020-12-01",
  },
  {
    geoid: "2758000",
    slug: "saint-paul-mn",
    name: "Saint Paul",
    kind: "city",
    state: "MN",
    executiveTitle: "Mayor",
    joinedOn: "2020-12-01",
  },
  {
    geoid: "0477000",
    slug: "tucson-az",
    name: "Tucson",
    kind: "city",
    state: "AZ",
    executiveTitle: "Mayor",
    joinedOn: "2020-12-01",
  },
  {
    geoid: "24031",
    slug: "montgomery-county-md",
    name: "Montgomery County",
    kind: "county",
    state: "MD",
    executiveTitle: "County Executive",
    joinedOn: "2017-01-01",
  },
];

/**
 * Inserts the demo roster. Its Census figures come from the loaded snapshots
 * (census-load.ts), which must be loaded first. Run inside the caller's transaction.
 */
export async function seedDemoMembers(db: Kysely<DB>, now: string): Promise<number> {
  const known = await geographiesByGeoid(
    db,
    DEMO_ROSTER.map((m) => m.geoid),
  );
  const missing = DEMO_ROSTER.filter((m) => !known.has(m.geoid));
  if (missing.length) {
    throw new Error(
      `Demo roster: ${missing.map((m) => `${m.slug} (${m.geoid})`).join(", ")} not among the Census geographies; load the snapshots first`,
    );
  }
  const rows = DEMO_ROSTER.map((m) => ({
    id: randomUUID(),
    slug: m.slug,
    name: m.name,
    kind: m.kind,
    state: m.state,
    geoid: m.geoid,
    executive_name: null,
    executive_title: m.executiveTitle,
    website: null,
    status: "member" as const,
    joined_on: m.joinedOn,
    is_demo: 1,
    created_at: now,
    updated_at: now,
  }));
  await insertJurisdictions(db, rows);
  // Found at once, even where the index was built before the seed (`cfa seed` later).
  await reindexMembers(
    db,
    rows.map((r) => r.id),
  );
  return DEMO_ROSTER.length;
}
