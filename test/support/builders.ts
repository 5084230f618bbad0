// Builders for test data: each returns a complete row, with overrides for what the test is about.
import { randomUUID } from "node:crypto";
import type { CensusFiguresTable, NewJurisdiction } from "../../src/db/index.js";

const NOW = "2026-01-15T12:00:00.000Z";

export function buildJurisdiction(overrides: Partial<NewJurisdiction> = {}): NewJurisdiction {
  const geoid = overrides.geoid ?? String(1000000 + Math.floor(Math.random() * 8999999));
  return {
    id: randomUUID(),
    slug: `jurisdiction-${geoid}`,
    name: `Jurisdiction ${geoid}`,
    kind: geoid.length === 5 ? "county" : "city",
    state: "NY",
    geoid,
    executive_name: null,
    executive_title: "Mayor",
    website: null,
    status: "member",
    joined_on: "2015-01-01",
    is_demo: 0,
    created_at: NOW,
    updated_at: NOW,
    ...overrides,
  };
}

export function buildFigure(
  overrides: Partial<CensusFiguresTable> & Pick<CensusFiguresTable, "geoid">,
): CensusFiguresTable {
  return {
    measure: "population",
    value: 1000,
    vintage: "ACS 2015",
    year: 2015,
    source: "test",
    is_estimate: 0,
    ...overrides,
  };
}
