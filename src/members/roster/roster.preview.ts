// A roster file checked against the format, the Census geographies and the roster, writing
// nothing: what an import would do with each row, and every problem.
import type { Kysely } from "kysely";
import type { DB, JurisdictionKind, JurisdictionStatus } from "../../db/index.js";
import { geographiesByGeoid } from "../census/census.queries.js";
import { rosterRows } from "../jurisdictions.queries.js";
import { uniqueSlug } from "../slug.js";
import { parseFile } from "./roster.parse.js";
import {
  type ExistingRow,
  type RosterPreview,
  type RosterValues,
  showValue,
  type ValidRow,
} from "./roster.schema.js";
import { checkCells } from "./roster.validate.js";

/** The roster as the preview compares a file with it. */
export const readRoster = (db: Kysely<DB>): Promise<ExistingRow[]> => rosterRows(db);

/** Lines per value, for values used by more than one row. */
function repeats(entries: [string, number][]): Map<string, number[]> {
  const lines = new Map<string, number[]>();
  for (const [value, line] of entries) lines.set(value, [...(lines.get(value) ?? []), line]);
  return new Map([...lines].filter(([, l]) => l.length > 1));
}

export const COMPARED: (keyof RosterValues)[] = [
  "slug",
  "name",
  "kind",
  "state",
  "executive_name",
  "executive_title",
  "website",
  "status",
  "joined_on",
];

/**
 * Checks every row of a roster file against the format, the Census geographies and the roster,
 * writing nothing. Rows whose GEOID is on the roster are updates of that jurisdiction.
 */
export async function previewRosterImport(db: Kysely<DB>, csvText: string): Promise<RosterPreview> {
  const parsed = parseFile(csvText);
  const problems = [...parsed.problems];
  if (parsed.fileProblem) {
    return { rows: [], problems, total: 0, badLines: [], fileProblem: true, ignoredColumns: [] };
  }
  for (const row of parsed.rows) checkCells(row, problems);

  const wellFormed = parsed.rows.filter((r) => /^\d{5}$|^\d{7}$/.test(r.cells.geoid ?? ""));
  const geographies = await geographiesByGeoid(
    db,
    wellFormed.map((r) => r.cells.geoid ?? ""),
  );
  const roster = await readRoster(db);
  const byGeoid = new Map(roster.map((j) => [j.geoid, j]));
  const bySlug = new Map(roster.map((j) => [j.slug, j]));

  for (const { line, cells } of wellFormed) {
    const geoid = cells.geoid ?? "";
    const place = geographies.get(geoid);
    if (!place) {
      problems.push({
        line,
        field: "geoid",
        code: "unknown_geoid",
        message: `GEOID ${geoid} is not a 2020 Census place or county`,
      });
      continue;
    }
    const described = `GEOID ${geoid} (${place.name}, ${place.state})`;
    if (cells.kind === "county" && geoid.length !== 5) {
      problems.push({
        line,
        field: "kind",
        code: "kind_mismatch",
        message: `a county needs a 5-digit county GEOID; ${described} is a place`,
      });
    } else if (cells.kind === "city" && geoid.length !== 7) {
      problems.push({
        line,
        field: "kind",
        code: "kind_mismatch",
        message: `a city needs a 7-digit place GEOID; ${described} is a county (use city_county for a consolidated city-county)`,
      });
    }
    if (cells.state && /^[A-Z]{2}$/.test(cells.state) && cells.state !== place.state) {
      problems.push({
        line,
        field: "state",
        code: "state_mismatch",
        message: `${described} is in ${place.state}, not ${cells.state}`,
      });
    }
  }

  for (const [geoid, lines] of repeats(parsed.rows.map((r) => [r.cells.geoid ?? "", r.line]))) {
    if (!geoid) continue;
    for (const line of lines) {
      problems.push({
        line,
        field: "geoid",
        code: "duplicate_geoid",
        message: `GEOID ${showValue(geoid)} is on lines ${lines.join(", ")}; keep one of them`,
      });
    }
  }
  for (const [slug, lines] of repeats(parsed.rows.map((r) => [r.cells.slug ?? "", r.line]))) {
    if (!slug) continue;
    for (const line of lines) {
      problems.push({
        line,
        field: "slug",
        code: "duplicate_slug",
        message: `slug ${showValue(slug)} is on lines ${lines.join(", ")}`,
      });
    }
  }
  for (const { line, cells } of parsed.rows) {
    const holder = cells.slug ? bySlug.get(cells.slug) : undefined;
    if (holder && holder.geoid !== cells.geoid) {
      problems.push({
        line,
        field: "slug",
        code: "slug_taken",
        message: `slug ${showValue(cells.slug ?? "")} already belongs to ${holder.name}, ${holder.state} (GEOID ${holder.geoid})`,
      });
    }
  }

  const demo = new Set(
    parsed.rows.filter((r) => byGeoid.get(r.cells.geoid ?? "")?.is_demo).map((r) => r.line),
  );
  for (const p of problems) {
    if (p.code === "required" && p.field === "executive_name" && demo.has(p.line))
      p.message += " (the demo roster has titles only: fill in the name to make this row real)";
  }

  const bad = new Set(problems.map((p) => p.line));
  // Slugs in use once this file is imported: the roster's, and every slug the file names.
  const taken = new Set([...bySlug.keys(), ...parsed.rows.map((r) => r.cells.slug ?? "")]);
  const rows: ValidRow[] = [];
  for (const { line, cells } of parsed.rows) {
    if (bad.has(line)) continue;
    const existing = byGeoid.get(cells.geoid ?? "") ?? null;
    let slug = cells.slug || existing?.slug;
    if (!slug) {
      slug = uniqueSlug(cells.name ?? "", cells.state ?? "", taken);
      taken.add(slug);
    }
    const values: RosterValues = {
      geoid: cells.geoid ?? "",
      slug,
      name: cells.name ?? "",
      kind: cells.kind as JurisdictionKind,
      state: cells.state ?? "",
      executive_name: cells.executive_name || null,
      executive_title: cells.executive_title || null,
      website: cells.website || null,
      status: cells.status as JurisdictionStatus,
      joined_on: cells.joined_on || null,
    };
    const changes: ValidRow["changes"] = existing
      ? COMPARED.filter((c) => (existing[c] ?? null) !== values[c])
      : [];
    if (existing && existing.is_demo !== 0) changes.push("is_demo");
    rows.push({
      line,
      action: !existing ? "insert" : changes.length > 0 ? "update" : "unchanged",
      values,
      existing,
      changes,
    });
  }
  problems.sort((a, b) => a.line - b.line);
  return {
    rows,
    problems,
    total: parsed.rows.length,
    badLines: [...bad].sort((a, b) => a - b),
    fileProblem: false,
    ignoredColumns: parsed.ignoredColumns,
  };
}
