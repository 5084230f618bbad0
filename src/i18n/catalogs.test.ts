import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { describe, it } from "node:test";
import { IntlMessageFormat } from "intl-messageformat";
import { DEFAULT_LOCALE, LOCALES } from "./locales.js";
import { CATALOG_DIR, readCatalog } from "./messages.js";

/** The argument names a message uses, e.g. {count} and {date, date, long} → count, date. */
function argumentNames(message: string, locale: string): string[] {
  const names = new Set<string>();
  const walk = (nodes: unknown[]) => {
    for (const node of nodes as {
      type: number;
      value?: string;
      options?: Record<string, { value: unknown[] }>;
    }[]) {
      if (node.type !== 0 && node.type !== 7 && node.value) names.add(node.value);
      for (const option of Object.values(node.options ?? {})) walk(option.value);
    }
  };
  walk(new IntlMessageFormat(message, locale).getAst());
  return [...names].sort();
}

describe("message catalogs", () => {
  const reference = readCatalog(DEFAULT_LOCALE.tag);

  it("exist for every locale, and only for locales we list", () => {
    const folders = readdirSync(CATALOG_DIR).sort();
    assert.deepEqual(folders, LOCALES.map((l) => l.tag).sort());
  });

  for (const locale of LOCALES) {
    describe(locale.tag, () => {
      const catalog = readCatalog(locale.tag);

      it("has exactly the keys of the default catalog", () => {
        const missing = [...reference.keys()].filter((k) => !catalog.has(k));
        const extra = [...catalog.keys()].filter((k) => !reference.has(k));
        assert.deepEqual({ missing, extra }, { missing: [], extra: [] });
      });

      it("has messages that parse and use the same arguments as the default", () => {
        for (const [key, message] of catalog) {
          const source = reference.get(key);
          if (source === undefined) continue;
          assert.deepEqual(
            argumentNames(message, locale.intl),
            argumentNames(source, DEFAULT_LOCALE.intl),
            `${locale.tag} ${key}`,
          );
        }
      });

      it("has no empty message", () => {
        for (const [key, message] of catalog)
          assert.ok(message.trim(), `${locale.tag} ${key} is empty`);
      });
    });
  }
});
