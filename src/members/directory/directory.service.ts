// The members directory: the roster with figures, and the filters and orders people can apply.
import type { Kysely } from "kysely";
import type { DB, JurisdictionKind } from "../../db/index.js";
import { directoryRows } from "../jurisdictions.queries.js";
import { STATES } from "../states.js";
import { figuresFor, type MemberFigures } from "./member-figures.service.js";

export interface DirectoryEntry {
  slug: string;
  name: string;
  kind: JurisdictionKind;
  state: string;
  geoid: string;
  joinedOn: string | null;
  isDemo: boolean;
  figures: MemberFigures;
}

/** Every current member with its newest Census figures. */
export async function listMembers(db: Kysely<DB>): Promise<DirectoryEntry[]> {
  const rows = await directoryRows(db);
  const figures = await figuresFor(
    db,
    rows.map((r) => r.geoid),
  );
  return rows.map((r) => ({
    slug: r.slug,
    name: r.name,
    kind: r.kind,
    state: r.state,
    geoid: r.geoid,
    joinedOn: r.joined_on,
    isDemo: r.is_demo === 1,
    figures: figures.get(r.geoid) ?? {},
  }));
}

export const SIZE_BANDS = {
  "under-100k": [0, 100_000],
  "100k-500k": [100_000, 500_000],
  "500k-1m": [500_000, 1_000_000],
  "1m-plus": [1_000_000, Number.POSITIVE_INFINITY],
} as const;
export type SizeBand = keyof typeof SIZE_BANDS;
export const SIZES = Object.keys(SIZE_BANDS) as SizeBand[];
export const SORTS = ["name", "population", "foreign-born-share", "joined"] as const;
export type Sort = (typeof SORTS)[number];
export const KINDS: JurisdictionKind[] = ["city", "county", "city_county"];

export type FilterField = "q" | "state" | "kind" | "size" | "joined" | "sort";

export interface Filters {
  q: string;
  state: string;
  kind: JurisdictionKind | "";
  size: SizeBand | "";
  joined: string;
  sort: Sort;
}

/** Folds case and accents, so "san jose" finds "San José". */
function fold(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{Mn}/gu, "")
    .toLocaleLowerCase("en-US");
}

export function applyFilters(entries: DirectoryEntry[], filters: Filters): DirectoryEntry[] {
  const q = fold(filters.q);
  const band = filters.size ? SIZE_BANDS[filters.size] : undefined;
  const selected = entries.filter((e) => {
    if (q && !fold(e.name).includes(q)) return false;
    if (filters.state && e.state !== filters.state) return false;
    if (filters.kind && e.kind !== filters.kind) return false;
    if (filters.joined && e.joinedOn?.slice(0, 4) !== filters.joined) return false;
    if (band) {
      const population = e.figures.population?.value;
      if (population === undefined || population < band[0] || population >= band[1]) return false;
    }
    return true;
  });
  const byName = (a: DirectoryEntry, b: DirectoryEntry) =>
    a.name.localeCompare(b.name, "en-US") || a.state.localeCompare(b.state);
  // Members without the figure a sort uses go last, in name order.
  const descending =
    (value: (e: DirectoryEntry) => number | undefined) => (a: DirectoryEntry, b: DirectoryEntry) =>
      (value(b) ?? Number.NEGATIVE_INFINITY) - (value(a) ?? Number.NEGATIVE_INFINITY) ||
      byName(a, b);
  const order: Record<Sort, (a: DirectoryEntry, b: DirectoryEntry) => number> = {
    name: byName,
    population: descending((e) => e.figures.population?.value),
    "foreign-born-share": descending((e) => e.figures.foreignBornShare?.value),
    joined: (a, b) => (b.joinedOn ?? "").localeCompare(a.joinedOn ?? "") || byName(a, b),
  };
  return selected.sort(order[filters.sort]);
}

/** The values the filter lists offer: only states and years that some member has. */
export function filterChoices(entries: DirectoryEntry[]) {
  return {
    states: [...new Set(entries.map((e) => e.state))].sort((a, b) =>
      (STATES[a] ?? a).localeCompare(STATES[b] ?? b),
    ),
    years: [...new Set(entries.map((e) => e.joinedOn?.slice(0, 4)).filter((y): y is string => !!y))]
      .sort()
      .reverse(),
  };
}
