// Helpers of the roster CSV tests (src/members/roster/roster-csv.*.test.ts): rows, files and
// the roster as one comparable list.
import { stringify } from "csv-stringify/sync";
import type { Kysely } from "kysely";
import type { DB } from "../../src/db/index.js";
import { ROSTER_COLUMNS, type RosterPreview } from "../../src/members/roster/roster.schema.js";

export type Cells = Record<string, string>;

/** A complete, valid row for a new member; tests override what they are about. */
export function row(overrides: Cells = {}): Cells {
  return {
    geoid: "0653000",
    name: "Oakland",
    kind: "city",
    state: "CA",
    executive_name: "Barbara Lee",
    executive_title: "Mayor",
    website: "https://www.oaklandca.gov",
    status: "member",
    joined_on: "2024-06-01",
    ...overrides,
  };
}

export function csv(rows: Cells[], columns: readonly string[] = ROSTER_COLUMNS): string {
  return stringify(
    rows.map((r) => columns.map((c) => r[c] ?? "")),
    { header: true, columns: [...columns] },
  );
}

/** Every jurisdiction, sorted, so that "nothing changed" is one comparison. */
export async function roster(db: Kysely<DB>): Promise<string[]> {
  const rows = await db.selectFrom("jurisdictions").selectAll().orderBy("geoid").execute();
  return rows.map((r) => JSON.stringify(r));
}

/** "line:field:code" for each problem. */
export function found(preview: RosterPreview): string[] {
  return preview.problems.map((p) => `${p.line}:${p.field ?? ""}:${p.code}`);
}
