// The one owner of `federal_rules` (migration 0018): the watch list's rules, their lists kept as
// JSON text and read back as arrays.
import { randomUUID } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import { type DB, type FederalRulesTable, lockRows } from "../db/index.js";
import type { FederalAgency, FederalRuleData } from "./federal-register/fr.client.js";

/** A stored rule, its lists parsed. */
export interface FederalRule {
  id: string;
  documentNumber: string;
  title: string;
  abstract: string | null;
  type: string;
  action: string | null;
  citation: string | null;
  agencies: FederalAgency[];
  publicationDate: string;
  /** YYYY-MM-DD, the last day (Eastern time) comments are taken; null: none given. */
  commentsCloseOn: string | null;
  docketIds: string[];
  rins: string[];
  regulationsDocumentId: string | null;
  commentsCount: number | null;
  htmlUrl: string | null;
  pdfUrl: string | null;
  commentUrl: string | null;
  watched: boolean;
  addedBy: string | null;
  withdrawnAt: string | null;
  isDemo: boolean;
  fetchedAt: string;
  createdAt: string;
  updatedAt: string;
}

type Row = Selectable<FederalRulesTable>;

function list<T>(json: string): T[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
}

export function toRule(row: Row): FederalRule {
  return {
    id: row.id,
    documentNumber: row.document_number,
    title: row.title,
    abstract: row.abstract,
    type: row.type,
    action: row.action,
    citation: row.citation,
    agencies: list<FederalAgency>(row.agencies),
    publicationDate: row.publication_date,
    commentsCloseOn: row.comments_close_on,
    docketIds: list<string>(row.docket_ids),
    rins: list<string>(row.rins),
    regulationsDocumentId: row.regulations_document_id,
    commentsCount: row.comments_count,
    htmlUrl: row.html_url,
    pdfUrl: row.pdf_url,
    commentUrl: row.comment_url,
    watched: row.watched === 1,
    addedBy: row.added_by,
    withdrawnAt: row.withdrawn_at,
    isDemo: row.is_demo === 1,
    fetchedAt: row.fetched_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The columns a Federal Register answer sets. */
function dataColumns(data: FederalRuleData) {
  return {
    document_number: data.documentNumber,
    title: data.title,
    abstract: data.abstract,
    type: data.type,
    action: data.action,
    citation: data.citation,
    agencies: JSON.stringify(data.agencies),
    publication_date: data.publicationDate,
    comments_close_on: data.commentsCloseOn,
    docket_ids: JSON.stringify(data.docketIds),
    rins: JSON.stringify(data.rins),
    regulations_document_id: data.regulationsDocumentId,
    comments_count: data.commentsCount,
    html_url: data.htmlUrl,
    pdf_url: data.pdfUrl,
    comment_url: data.commentUrl,
  };
}

export async function ruleById(db: Kysely<DB>, id: string): Promise<FederalRule | undefined> {
  const row = await db
    .selectFrom("federal_rules")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? toRule(row) : undefined;
}

export async function ruleByNumber(
  db: Kysely<DB>,
  documentNumber: string,
): Promise<FederalRule | undefined> {
  const row = await db
    .selectFrom("federal_rules")
    .selectAll()
    .where("document_number", "=", documentNumber)
    .executeTakeFirst();
  return row ? toRule(row) : undefined;
}

/** Every rule's id (the search index's rebuild asks each for what the public may find). */
export async function ruleIds(db: Kysely<DB>): Promise<string[]> {
  const rows = await db.selectFrom("federal_rules").select("id").orderBy("id").execute();
  return rows.map((r) => r.id);
}

/** The rules with these ids, by id; unknown ids are left out. */
export async function rulesByIds(db: Kysely<DB>, ids: readonly string[]): Promise<FederalRule[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("federal_rules")
    .selectAll()
    .where("id", "in", [...new Set(ids)])
    .orderBy("id")
    .execute();
  return rows.map(toRule);
}

/** The rule's row, locked until the transaction ends (PostgreSQL), to change it. */
export async function lockRule(trx: Kysely<DB>, id: string): Promise<FederalRule | undefined> {
  const row = await lockRows(
    trx,
    trx.selectFrom("federal_rules").selectAll().where("id", "=", id),
  ).executeTakeFirst();
  return row ? toRule(row) : undefined;
}

export async function insertRule(
  db: Kysely<DB>,
  data: FederalRuleData,
  options: { now: string; addedBy?: string | null; isDemo?: boolean; withdrawnAt?: string | null },
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto("federal_rules")
    .values({
      id,
      ...dataColumns(data),
      watched: 1,
      added_by: options.addedBy ?? null,
      withdrawn_at: options.withdrawnAt ?? null,
      is_demo: options.isDemo ? 1 : 0,
      fetched_at: options.now,
      created_at: options.now,
      updated_at: options.now,
    })
    .execute();
  return id;
}

/** What the Federal Register says now, over what we had. */
export async function updateRuleData(
  db: Kysely<DB>,
  id: string,
  data: FederalRuleData,
  now: string,
): Promise<void> {
  await db
    .updateTable("federal_rules")
    .set({ ...dataColumns(data), fetched_at: now, updated_at: now })
    .where("id", "=", id)
    .execute();
}

/** Asked and answered, nothing changed: only when we last looked. */
export async function touchFetched(db: Kysely<DB>, id: string, now: string): Promise<void> {
  await db.updateTable("federal_rules").set({ fetched_at: now }).where("id", "=", id).execute();
}

export async function markWithdrawn(db: Kysely<DB>, id: string, now: string): Promise<void> {
  await db
    .updateTable("federal_rules")
    .set({ withdrawn_at: now, fetched_at: now, updated_at: now })
    .where("id", "=", id)
    .execute();
}

export async function setWatched(
  db: Kysely<DB>,
  id: string,
  watched: boolean,
  now: string,
): Promise<void> {
  await db
    .updateTable("federal_rules")
    .set({ watched: watched ? 1 : 0, updated_at: now })
    .where("id", "=", id)
    .execute();
}

/**
 * Rules the job reads again: watched, real (not demo), not withdrawn, and still taking comments
 * on `today` or with no close date yet (one may be added).
 */
export async function rulesToRefresh(db: Kysely<DB>, today: string): Promise<FederalRule[]> {
  const rows = await db
    .selectFrom("federal_rules")
    .selectAll()
    .where("watched", "=", 1)
    .where("is_demo", "=", 0)
    .where("withdrawn_at", "is", null)
    .where((eb) =>
      eb.or([eb("comments_close_on", ">=", today), eb("comments_close_on", "is", null)]),
    )
    .orderBy("document_number")
    .execute();
  return rows.map(toRule);
}

/** Every rule's number, watched or not (the search must not add back what staff took off). */
export async function knownNumbers(db: Kysely<DB>): Promise<Map<string, string>> {
  const rows = await db.selectFrom("federal_rules").select(["id", "document_number"]).execute();
  return new Map(rows.map((r) => [r.document_number, r.id]));
}

/**
 * The watch list on `today`: rules open for comment (soonest deadline first; those without a
 * deadline last), and those closed or withdrawn since `since`, latest first.
 */
export async function watchList(
  db: Kysely<DB>,
  today: string,
  since: string,
): Promise<{ open: FederalRule[]; closed: FederalRule[] }> {
  const rows = await db
    .selectFrom("federal_rules")
    .selectAll()
    .where("watched", "=", 1)
    .where((eb) =>
      eb.or([
        eb("comments_close_on", ">=", since),
        eb("comments_close_on", "is", null),
        eb("withdrawn_at", ">=", since),
      ]),
    )
    .orderBy("comments_close_on")
    .orderBy("document_number")
    .execute();
  const rules = rows.map(toRule);
  const isOpen = (r: FederalRule) =>
    r.withdrawnAt === null && (r.commentsCloseOn === null || r.commentsCloseOn >= today);
  const open = rules.filter(isOpen).sort((a, b) => {
    if (a.commentsCloseOn === b.commentsCloseOn) return 0;
    if (a.commentsCloseOn === null) return 1;
    if (b.commentsCloseOn === null) return -1;
    return a.commentsCloseOn < b.commentsCloseOn ? -1 : 1;
  });
  const closed = rules
    .filter((r) => !isOpen(r))
    .sort((a, b) => ((a.commentsCloseOn ?? "") < (b.commentsCloseOn ?? "") ? 1 : -1));
  return { open, closed };
}

/**
 * Rules whose Regulations.gov comment count is worth asking for: watched, real, with a
 * Regulations.gov document, open or closed since `since` (the count still grows while the agency
 * posts what it received).
 */
export async function rulesToCount(db: Kysely<DB>, since: string): Promise<FederalRule[]> {
  const rows = await db
    .selectFrom("federal_rules")
    .selectAll()
    .where("watched", "=", 1)
    .where("is_demo", "=", 0)
    .where("regulations_document_id", "is not", null)
    .where((eb) =>
      eb.or([eb("comments_close_on", ">=", since), eb("comments_close_on", "is", null)]),
    )
    .orderBy("document_number")
    .execute();
  return rows.map(toRule);
}

/** Regulations.gov's count of the comments on a rule's document. */
export async function setCommentsCount(
  db: Kysely<DB>,
  id: string,
  count: number,
  now: string,
): Promise<void> {
  await db
    .updateTable("federal_rules")
    .set({ comments_count: count, updated_at: now })
    .where("id", "=", id)
    .execute();
}
