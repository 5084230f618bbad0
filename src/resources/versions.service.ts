// Which version a reader gets. A reader of a language gets its version when it is ready, else the
// first ready version in that language's fallback order (data: language_fallbacks), then English,
// then any ready one; a version not in the reader's language is a fallback, always labelled.
import type { Database } from "../db/index.js";
import { languageFallbacks } from "./resources.queries.js";

/** The languages to try for each reader's language, its own first. */
export interface ReadingOrders {
  orderFor(locale: string): readonly string[];
}

export interface Chosen<T> {
  version: T;
  /** True when it is not in the reader's language (shown labelled, with its lang). */
  fallback: boolean;
}

/** The reading orders from the fallbacks table's rows. */
export function readingOrders(
  rows: readonly { locale: string; fallback: string }[],
): ReadingOrders {
  const fallbacks = new Map<string, string[]>();
  for (const { locale, fallback } of rows) {
    fallbacks.set(locale, [...(fallbacks.get(locale) ?? []), fallback]);
  }
  const orders = new Map<string, readonly string[]>();
  return {
    orderFor(locale) {
      let order = orders.get(locale);
      if (!order) {
        order = [...new Set([locale, ...(fallbacks.get(locale) ?? []), "en"])];
        orders.set(locale, order);
      }
      return order;
    },
  };
}

// Read once per data revision, not per row nor per request: any change to the table (tracked by
// the revision, migration 0020) makes the next reader load it again.
const cached = new WeakMap<Database, { revision: number; orders: ReadingOrders }>();

export async function loadReadingOrders(database: Database): Promise<ReadingOrders> {
  const revision = await database.revision();
  const hit = cached.get(database);
  if (hit && hit.revision === revision) return hit.orders;
  const orders = readingOrders(await languageFallbacks(database.db));
  cached.set(database, { revision, orders });
  return orders;
}

/** The version to show of one item, from its ready versions (undefined: none is ready). */
export function chooseVersion<T extends { locale: string }>(
  ready: readonly T[],
  order: readonly string[],
): Chosen<T> | undefined {
  for (const locale of order) {
    const version = ready.find((v) => v.locale === locale);
    if (version) return { version, fallback: locale !== order[0] };
  }
  const any = ready[0];
  return any ? { version: any, fallback: true } : undefined;
}
