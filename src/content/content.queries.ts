import type { Kysely } from "kysely";
import { type DB, lockRows } from "../db/index.js";
import { DEFAULT_LOCALE, type Locale } from "../i18n/index.js";

export interface Block {
  key: string;
  body: string;
  /** The locale the body is written in: the page's, or the default's when not yet translated. */
  locale: string;
  isDemo: boolean;
}

/** Content blocks for a page, each in the page's locale or, failing that, in the default locale. */
export async function findBlocks(
  db: Kysely<DB>,
  keys: string[],
  locale: Locale,
): Promise<Map<string, Block>> {
  const locales = [...new Set([locale.tag, DEFAULT_LOCALE.tag])];
  const rows = await db
    .selectFrom("content_blocks")
    .select(["key", "locale", "body", "is_demo"])
    .where("key", "in", keys)
    .where("locale", "in", locales)
    .execute();
  const blocks = new Map<string, Block>();
  for (const row of rows) {
    const existing = blocks.get(row.key);
    if (!existing || row.locale === locale.tag) {
      blocks.set(row.key, {
        key: row.key,
        body: row.body,
        locale: row.locale,
        isDemo: row.is_demo === 1,
      });
    }
  }
  return blocks;
}

/** One block's body in one locale, or undefined when it is not written yet. */
export async function findBody(
  db: Kysely<DB>,
  key: string,
  locale: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom("content_blocks")
    .select("body")
    .where("key", "=", key)
    .where("locale", "=", locale)
    .executeTakeFirst();
  return row?.body;
}

/**
 * Every written language of one block, by locale, its rows locked until the transaction ends
 * (PostgreSQL), so a save's "did it change since the form showed it?" holds until it writes.
 */
export async function lockedBodies(db: Kysely<DB>, key: string): Promise<Map<string, string>> {
  const rows = await lockRows(
    db,
    db.selectFrom("content_blocks").select(["locale", "body"]).where("key", "=", key),
  ).execute();
  return new Map(rows.map((r) => [r.locale, r.body]));
}

/** When each written block was last saved, by key and locale (the editor's table). */
export async function blockDates(
  db: Kysely<DB>,
): Promise<{ key: string; locale: string; updated_at: string }[]> {
  return db.selectFrom("content_blocks").select(["key", "locale", "updated_at"]).execute();
}

export interface BlockRow {
  key: string;
  locale: string;
  body: string;
  /** When it was saved, as an ISO instant. */
  updatedAt: string;
}

/** Writes a block, inserting or replacing it; a saved block is never demo content any more. */
export async function writeBlock(db: Kysely<DB>, block: BlockRow, exists: boolean): Promise<void> {
  if (exists) {
    await db
      .updateTable("content_blocks")
      .set({ body: block.body, is_demo: 0, updated_at: block.updatedAt })
      .where("key", "=", block.key)
      .where("locale", "=", block.locale)
      .execute();
  } else {
    await db
      .insertInto("content_blocks")
      .values({
        key: block.key,
        locale: block.locale,
        body: block.body,
        is_demo: 0,
        updated_at: block.updatedAt,
      })
      .execute();
  }
}

/** Inserts many blocks at once (the seed). */
export async function insertBlocks(db: Kysely<DB>, blocks: BlockRow[]): Promise<void> {
  if (blocks.length === 0) return;
  await db
    .insertInto("content_blocks")
    .values(
      blocks.map((b) => ({
        key: b.key,
        locale: b.locale,
        body: b.body,
        is_demo: 0,
        updated_at: b.updatedAt,
      })),
    )
    .execute();
}

/** Whether any content block (in any language) is written yet. */
export async function anyContent(db: Kysely<DB>): Promise<boolean> {
  const row = await db.selectFrom("content_blocks").select("key").limit(1).executeTakeFirst();
  return row !== undefined;
}
