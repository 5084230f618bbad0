// The rule a template quotes. federal_rules belongs to rules/: once rules/index.ts exports
// `ruleById`, this read goes through it and this file goes away.
import type { Kysely } from "kysely";
import type { DB } from "../../../db/index.js";

/** A rule's title, Federal Register document number and docket ids (a JSON array in text). */
export async function ruleForTemplate(
  db: Kysely<DB>,
  ruleId: string,
): Promise<{ title: string; document_number: string; docket_ids: string } | undefined> {
  return db
    .selectFrom("federal_rules")
    .select(["title", "document_number", "docket_ids"])
    .where("id", "=", ruleId)
    .executeTakeFirst();
}
