// Builders for federal rules and comment actions: a rule on the watch list, and a campaign's
// comment action on it with its templates. Rows with unique defaults, overridden by the test.
import { randomInt, randomUUID } from "node:crypto";
import type { Insertable, Selectable } from "kysely";
import type { FederalRulesTable } from "../../src/db/index.js";
import { dbOf, type Target } from "./builders.js";
import { buildAction, dayFromNow } from "./campaigns.js";

export type RuleRow = Selectable<FederalRulesTable>;

let n = 0;

/** An open proposed rule (closing in 30 days) unless overridden. */
export async function buildRule(
  target: Target,
  overrides: Partial<Insertable<FederalRulesTable>> = {},
): Promise<RuleRow> {
  const db = dbOf(target);
  n += 1;
  const now = new Date().toISOString();
  // Unique across test files sharing a database, in the Federal Register's shape.
  const number = overrides.document_number ?? `2026-${String(randomInt(10000, 99999))}`;
  const row: Insertable<FederalRulesTable> = {
    id: randomUUID(),
    document_number: number,
    title: `Proposed rule ${n}`,
    abstract: "A proposed rule.",
    type: "Proposed Rule",
    action: "Notice of proposed rulemaking.",
    citation: null,
    agencies: JSON.stringify([
      {
        name: "U.S. Citizenship and Immigration Services",
        slug: "u-s-citizenship-and-immigration-services",
      },
    ]),
    publication_date: dayFromNow(-10),
    comments_close_on: dayFromNow(30),
    docket_ids: JSON.stringify([`USCIS-2026-${String(n).padStart(4, "0")}`]),
    rins: JSON.stringify([]),
    regulations_document_id: `USCIS-2026-${String(n).padStart(4, "0")}-0001`,
    comments_count: null,
    html_url: `https://www.federalregister.gov/d/${number}`,
    pdf_url: null,
    comment_url: `https://www.regulations.gov/commenton/USCIS-2026-${String(n).padStart(4, "0")}-0001`,
    watched: 1,
    added_by: null,
    withdrawn_at: null,
    is_demo: 0,
    fetched_at: now,
    created_at: now,
    updated_at: now,
    ...overrides,
  };
  await db.insertInto("federal_rules").values(row).execute();
  return db
    .selectFrom("federal_rules")
    .selectAll()
    .where("id", "=", row.id)
    .executeTakeFirstOrThrow();
}

/** A comment action of `campaign` on `rule`, with a template per language given. */
export async function buildCommentAction(
  target: Target,
  campaign: { id: string },
  rule: { id: string },
  templates: Record<string, string> = {
    en: "On behalf of {{member.name}}, we oppose {{rule.title}}.\n\nOur residents would suffer.",
  },
): Promise<{ id: string }> {
  const db = dbOf(target);
  const action = await buildAction(db, campaign, "comment", { title: "Public comment" });
  const now = new Date().toISOString();
  await db
    .insertInto("comment_actions")
    .values({ action_id: action.id, rule_id: rule.id, updated_at: now })
    .execute();
  for (const [locale, body] of Object.entries(templates)) {
    await db
      .insertInto("comment_templates")
      .values({ action_id: action.id, locale, body, updated_at: now })
      .execute();
  }
  return { id: action.id };
}
