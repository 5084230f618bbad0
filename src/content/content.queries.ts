import type { Kysely } from "kysely";
import type { DB } from "../db/index.js";
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
