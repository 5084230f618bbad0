// A campaign's participation as CSV, in the roster export's format (UTF-8 with a byte order mark
// so that Excel reads accents right, a header row), every cell a spreadsheet would run as a
// formula neutralised with a leading quote. Staff's file lists every member, with the signer of
// each letter; the public file lists only the members that took part, and no person's name.
import { stringify } from "csv-stringify/sync";
import type { Kysely } from "kysely";
import type { DB } from "../../db/index.js";
import type { JurisdictionRef } from "../../members/index.js";
import { countingParticipations } from "../participation.queries.js";
import type { CampaignResults } from "./results.service.js";

/** OWASP's advice for CSV injection, as the roster and audit exports apply it: a leading quote. */
export function safeCell(value: string | null): string {
  if (value === null) return "";
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const toCsv = (columns: string[], rows: string[][]) =>
  stringify(
    rows.map((row) => row.map(safeCell)),
    { bom: true, header: true, columns, record_delimiter: "\n" },
  );

/** "letter 1: Sign-on letter": an action's column, numbered as the campaign orders them. */
const actionColumn = (a: CampaignResults["actions"][number], i: number) =>
  `${a.kind} ${i + 1}: ${a.title}`;

/**
 * Staff's file: every current member and every member that took part, with yes/no per action,
 * each letter's signer, and when it first took part.
 */
export async function participationCsv(
  db: Kysely<DB>,
  results: CampaignResults,
  notActed: readonly JurisdictionRef[],
): Promise<string> {
  const letters = results.actions.filter((a) => a.kind === "letter");
  const signers = new Map<string, string>();
  for (const row of await countingParticipations(
    db,
    letters.map((a) => a.id),
  )) {
    const who = [row.signer_name, row.signer_title].filter(Boolean).join(", ");
    signers.set(`${row.action_id} ${row.jurisdiction_id}`, who);
  }
  const columns = [
    "member",
    "state",
    "demo",
    ...results.actions.map(actionColumn),
    ...letters.map((a) => `${actionColumn(a, results.actions.indexOf(a))}: signer`),
    "first_acted_at",
  ];
  const rows = [
    ...results.participants.map((p) => ({ ...p, acted: true })),
    ...notActed.map((j) => ({
      jurisdiction: j,
      actionIds: [] as string[],
      firstAt: "",
      isDemo: false,
      acted: false,
    })),
  ]
    .sort((a, b) => a.jurisdiction.name.localeCompare(b.jurisdiction.name, "en"))
    .map((p) => [
      p.jurisdiction.name,
      p.jurisdiction.state,
      p.jurisdiction.isDemo || p.isDemo ? "yes" : "no",
      ...results.actions.map((a) => (p.actionIds.includes(a.id) ? "yes" : "no")),
      ...letters.map((a) => signers.get(`${a.id} ${p.jurisdiction.id}`) ?? ""),
      p.firstAt,
    ]);
  return toCsv(columns, rows);
}

/** The public file: the members that took part, yes/no per action, and the day each first did. */
export function resultsCsv(results: CampaignResults, firstDay: (iso: string) => string): string {
  const columns = [
    "member",
    "state",
    "demo",
    ...results.actions.map(actionColumn),
    "first_acted_on",
  ];
  const rows = results.participants.map((p) => [
    p.jurisdiction.name,
    p.jurisdiction.state,
    p.jurisdiction.isDemo || p.isDemo ? "yes" : "no",
    ...results.actions.map((a) => (p.actionIds.includes(a.id) ? "yes" : "no")),
    firstDay(p.firstAt),
  ]);
  return toCsv(columns, rows);
}
