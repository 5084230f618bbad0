// Every page in every language is valid HTML by html-validate's recommended rules: the markup a
// browser must not have to guess at, and mistakes assistive technology trips on. No browser is
// needed, and the markup does not depend on the database dialect, so this runs on SQLite only.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { FastifyInstance } from "fastify";
import { type ConfigData, HtmlValidate, type Message } from "html-validate";
import { buildApp } from "../src/app.js";
import { type Database, openDatabase } from "../src/db/index.js";
import { LOCALES, type Locale, localizedPath } from "../src/i18n/index.js";
import { seedDemo } from "../src/seed-demo.js";
import { testConfig } from "../test/support/app.js";
import { createTestDatabase } from "../test/support/databases.js";
import { PAGES, SAMPLE_PAGES } from "../test/support/pages.js";
import { buildSampleLibrary } from "../test/support/resources.js";

const CONFIG: ConfigData = {
  extends: ["html-validate:recommended"],
  rules: {
    // The layout writes `<!doctype html>`; DOCTYPE is case-insensitive, so lowercase is as valid
    // and is our style. Hold every page to it rather than turning the rule off.
    "doctype-style": ["error", { style: "lowercase" }],
    // USWDS's documented markup for its SVG icons is `<img src="….svg" role="img" alt="…">`:
    // WebKit with VoiceOver has announced an <img> of an SVG as a group, or skipped it, unless
    // it carries role="img". Redundant elsewhere, deliberate here; every other role stays checked.
    "no-redundant-role": ["error", { exclude: ["img"] }],
    // @kitajs/html writes void elements self-closed (`<meta … />`) and markdown-it writes them
    // bare (`<br>`): both are valid HTML, and the serialization is the renderers', not a choice
    // we make per element. The rule would only ever flag one of the two.
    "void-style": "off",
  },
};

const validator = new HtmlValidate(CONFIG);

/** Rule, position and message of each problem, with the markup around it (pages are one line). */
function describeMessages(messages: Message[], html: string): string {
  return messages
    .map((m) => {
      const where = m.selector ? ` at ${m.selector}` : "";
      const excerpt = html
        .slice(Math.max(0, m.offset - 40), m.offset + Math.max(m.size, 1) + 40)
        .replace(/\s+/g, " ");
      return `  line ${m.line}, column ${m.column}: ${m.ruleId}: ${m.message}${where}\n      …${excerpt}…`;
    })
    .join("\n");
}

describe("HTML validity [sqlite]", () => {
  let database: Database;
  let drop: (() => Promise<void>) | undefined;
  let app: FastifyInstance;

  before(async () => {
    const testDb = await createTestDatabase("sqlite");
    drop = testDb.drop;
    const config = testConfig({}, testDb.settings);
    database = openDatabase(config.database);
    await seedDemo(database.db);
    await buildSampleLibrary(database.db);
    app = await buildApp(config, { database });
    await app.ready();
  });

  after(async () => {
    await app?.close();
    await database?.close();
    await drop?.();
  });

  async function assertValid(
    url: string,
    statusCode: number,
    headers: Record<string, string> = {},
  ) {
    const response = await app.inject({ method: "GET", url, headers });
    assert.equal(response.statusCode, statusCode, `${url}: status`);
    assert.match(String(response.headers["content-type"]), /^text\/html/);
    const report = await validator.validateString(response.body, url);
    const messages = report.results.flatMap((r) => r.messages);
    assert.ok(
      report.valid,
      `${url} is not valid HTML (${messages.length} message(s)):\n${describeMessages(messages, response.body)}`,
    );
  }

  /** Another locale than this one, so the page carries the offer of it. */
  function other(locale: Locale): Locale {
    return LOCALES[(LOCALES.indexOf(locale) + 1) % LOCALES.length] as Locale;
  }

  for (const locale of LOCALES) {
    for (const path of [...PAGES, ...SAMPLE_PAGES]) {
      const url = localizedPath(locale, path);
      it(`${url} is valid HTML`, () => assertValid(url, 200));
    }
  }

  for (const locale of LOCALES) {
    const url = localizedPath(locale, "/");
    const offered = other(locale);
    it(`${url} with the offer of ${offered.tag} is valid HTML`, () =>
      assertValid(url, 200, { "accept-language": offered.tag }));
    const missing = localizedPath(locale, "/no-such-page");
    it(`the 404 page ${missing} is valid HTML`, () => assertValid(missing, 404));
  }
});
