import type { Kysely } from "kysely";
import type { DB } from "../db/index.js";
import { insertBlocks } from "./content.queries.js";
import { en } from "./seed/en.js";
import { es } from "./seed/es.js";
import { zhHans } from "./seed/zh-hans.js";

const SEED: Record<string, Record<string, string>> = { en, es, "zh-Hans": zhHans };

/** Inserts the home page's content in every language. Run inside the caller's transaction. */
export async function seedContent(db: Kysely<DB>, now: string): Promise<number> {
  const rows = Object.entries(SEED).flatMap(([locale, blocks]) =>
    Object.entries(blocks).map(([key, body]) => ({ key, locale, body, updatedAt: now })),
  );
  await insertBlocks(db, rows);
  return rows.length;
}
