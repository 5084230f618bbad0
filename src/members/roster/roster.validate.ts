// The checks of a roster row that need no database: text hygiene, required cells and formats.
import type { JurisdictionKind, JurisdictionStatus } from "../../db/index.js";
import { isRealDate } from "../../http/dates.js";
import { webAddressProblem } from "../web-address.js";
import type { ParsedRow } from "./roster.parse.js";
import {
  CONTROL,
  EXPORT_COLUMNS,
  KINDS,
  length,
  MAX_LENGTH,
  type ProblemCode,
  type RosterField,
  type RosterProblem,
  STATUSES,
  showValue,
} from "./roster.schema.js";

// A spreadsheet treats a cell starting with one of these as a formula (OWASP "CSV injection");
// tab and carriage return are covered by CONTROL.
const FORMULA_START = /^[=+\-@]/;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function webAddress(text: string): string | null {
  switch (webAddressProblem(text)) {
    case null:
      return null;
    case "not_a_url":
      return "is not a web address; write it in full, e.g. https://www.example.gov";
    case "scheme":
      return `must start with https:// or http://, not ${showValue(new URL(text).protocol)}`;
    case "no_domain":
      return "has no domain name";
    case "credentials":
      return "must not hold a user name or password";
  }
}

/** The checks that need no database: text hygiene, required cells and formats. */
export function checkCells(row: ParsedRow, problems: RosterProblem[]): void {
  const { line, cells } = row;
  const add = (field: RosterField, code: ProblemCode, message: string) =>
    problems.push({ line, field, code, message });

  for (const field of EXPORT_COLUMNS) {
    const value = cells[field];
    if (value === undefined || value === "") continue;
    const control = CONTROL.exec(value);
    if (control) {
      const code = (control[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0");
      add(field, "control_characters", `contains a control character (U+${code})`);
    }
    if (value.includes("\uFFFD")) {
      add(
        field,
        "not_utf8",
        "contains an unreadable character: save the file as CSV UTF-8 (Excel: “CSV UTF-8 (Comma delimited)”)",
      );
    }
    if (FORMULA_START.test(value)) {
      add(
        field,
        "formula",
        `starts with ${showValue(value.charAt(0))}, which a spreadsheet runs as a formula; remove it`,
      );
    }
    const max = MAX_LENGTH[field];
    if (max !== undefined && length(value) > max) {
      add(field, "too_long", `is ${length(value)} characters long; at most ${max} are accepted`);
    }
  }

  const { geoid = "", name = "", kind = "", state = "", status = "" } = cells;
  if (!geoid) add("geoid", "required", "the GEOID is missing");
  else if (!/^\d{5}$|^\d{7}$/.test(geoid)) {
    const hint = /^\d{4}$|^\d{6}$/.test(geoid)
      ? `; a spreadsheet may have dropped a leading zero (${showValue(`0${geoid}`)}?)`
      : "";
    add(
      "geoid",
      "invalid_geoid",
      `${showValue(geoid)} is not a Census GEOID: 7 digits for a place, 5 for a county${hint}`,
    );
  }
  if (!name) add("name", "required", "the name is missing");
  if (!kind) add("kind", "required", `the kind is missing (${KINDS.join(", ")})`);
  else if (!KINDS.includes(kind as JurisdictionKind))
    add("kind", "invalid_kind", `${showValue(kind)} is not one of ${KINDS.join(", ")}`);
  if (!state) add("state", "required", "the state is missing");
  else if (!/^[A-Z]{2}$/.test(state))
    add("state", "invalid_state", `${showValue(state)} is not a two-letter USPS code such as NY`);
  if (!status) add("status", "required", `the status is missing (${STATUSES.join(", ")})`);
  else if (!STATUSES.includes(status as JurisdictionStatus))
    add("status", "invalid_status", `${showValue(status)} is not one of ${STATUSES.join(", ")}`);
  // Every jurisdiction has an executive office, whatever its status. A member's executive is
  // also named: the public roster presents members with their mayor or county executive, and
  // an import makes a row real (is_demo = 0), so it must be complete. Applicants and former
  // members may not have a named contact. The demo roster has titles but no names, so an export
  // of it re-imports only once staff fill the names in, which is the point of importing it.
  if (!cells.executive_title)
    add("executive_title", "required", "the executive's title (e.g. Mayor) is missing");
  if (!cells.executive_name && status === "member")
    add("executive_name", "required", "a member's executive must be named");
  if (cells.joined_on && !isRealDate(cells.joined_on)) {
    add(
      "joined_on",
      "invalid_date",
      `${showValue(cells.joined_on)} is not a date written YYYY-MM-DD, e.g. 2015-01-31`,
    );
  }
  if (cells.website) {
    const wrong = webAddress(cells.website);
    if (wrong) add("website", "invalid_website", `${showValue(cells.website)} ${wrong}`);
  }
  if (cells.slug && !SLUG.test(cells.slug)) {
    add(
      "slug",
      "invalid_slug",
      `${showValue(cells.slug)} is not a slug: lowercase letters and digits joined by single hyphens`,
    );
  }
}
