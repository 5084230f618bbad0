// Message catalogs: locales/<tag>/<namespace>.json, ICU MessageFormat. A key is
// "<namespace>.<key>"; its type comes from the English catalog, so a typo fails the type check.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { IntlMessageFormat } from "intl-messageformat";
import { projectPath } from "../config/paths.js";
import type accessibility from "./locales/en/accessibility.json";
import type accounts from "./locales/en/accounts.json";
import type admin from "./locales/en/admin.json";
import type audit from "./locales/en/audit.json";
import type campaignComments from "./locales/en/campaign-comments.json";
import type campaignEvents from "./locales/en/campaign-events.json";
import type campaignGraphics from "./locales/en/campaign-graphics.json";
import type campaignResults from "./locales/en/campaign-results.json";
import type campaignSocial from "./locales/en/campaign-social.json";
import type campaignTimeline from "./locales/en/campaign-timeline.json";
import type campaigns from "./locales/en/campaigns.json";
import type census from "./locales/en/census.json";
import type commentFiling from "./locales/en/comment-filing.json";
import type commentTemplate from "./locales/en/comment-template.json";
import type common from "./locales/en/common.json";
import type errors from "./locales/en/errors.json";
import type figures from "./locales/en/figures.json";
import type files from "./locales/en/files.json";
import type home from "./locales/en/home.json";
import type joinMessages from "./locales/en/join.json";
import type members from "./locales/en/members.json";
import type pages from "./locales/en/pages.json";
import type resources from "./locales/en/resources.json";
import type resourcesAdmin from "./locales/en/resources-admin.json";
import type rules from "./locales/en/rules.json";
import type search from "./locales/en/search.json";
import type team from "./locales/en/team.json";
import { DEFAULT_LOCALE, LOCALES, type Locale } from "./locales.js";

type Keys<NS extends string, C> = `${NS}.${Extract<keyof C, string>}`;
export type MessageKey =
  | Keys<"accessibility", typeof accessibility>
  | Keys<"accounts", typeof accounts>
  | Keys<"admin", typeof admin>
  | Keys<"audit", typeof audit>
  | Keys<"campaign-comments", typeof campaignComments>
  | Keys<"campaign-events", typeof campaignEvents>
  | Keys<"campaign-graphics", typeof campaignGraphics>
  | Keys<"campaign-social", typeof campaignSocial>
  | Keys<"campaign-results", typeof campaignResults>
  | Keys<"campaign-timeline", typeof campaignTimeline>
  | Keys<"campaigns", typeof campaigns>
  | Keys<"census", typeof census>
  | Keys<"comment-filing", typeof commentFiling>
  | Keys<"comment-template", typeof commentTemplate>
  | Keys<"common", typeof common>
  | Keys<"errors", typeof errors>
  | Keys<"figures", typeof figures>
  | Keys<"files", typeof files>
  | Keys<"home", typeof home>
  | Keys<"join", typeof joinMessages>
  | Keys<"members", typeof members>
  | Keys<"pages", typeof pages>
  | Keys<"resources", typeof resources>
  | Keys<"resources-admin", typeof resourcesAdmin>
  | Keys<"rules", typeof rules>
  | Keys<"search", typeof search>
  | Keys<"team", typeof team>;

export type MessageValues = Record<string, string | number | Date>;
export type Translate = (key: MessageKey, values?: MessageValues) => string;

export const CATALOG_DIR = projectPath("src", "i18n", "locales");

/** Every message of one locale, flattened to "<namespace>.<key>". */
export function readCatalog(tag: string): Map<string, string> {
  const messages = new Map<string, string>();
  const dir = join(CATALOG_DIR, tag);
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
    const namespace = file.slice(0, -".json".length);
    const entries = JSON.parse(readFileSync(join(dir, file), "utf8")) as Record<string, unknown>;
    for (const [key, message] of Object.entries(entries)) {
      if (typeof message !== "string") throw new Error(`${tag}/${file}: ${key} is not a string`);
      messages.set(`${namespace}.${key}`, message);
    }
  }
  return messages;
}

interface LoadedLocale {
  locale: Locale;
  messages: Map<string, string>;
  formats: Map<string, IntlMessageFormat>;
}

const loaded = new Map<string, LoadedLocale>();

function load(locale: Locale): LoadedLocale {
  let entry = loaded.get(locale.tag);
  if (!entry) {
    entry = { locale, messages: readCatalog(locale.tag), formats: new Map() };
    loaded.set(locale.tag, entry);
  }
  return entry;
}

function format(entry: LoadedLocale, key: string): IntlMessageFormat | undefined {
  let compiled = entry.formats.get(key);
  if (!compiled) {
    const message = entry.messages.get(key);
    if (message === undefined) return undefined;
    compiled = new IntlMessageFormat(message, entry.locale.intl);
    entry.formats.set(key, compiled);
  }
  return compiled;
}

/**
 * A translate function for a locale. A key missing from a catalog (the catalog test forbids it)
 * falls back to English rather than showing the key.
 */
export function translator(locale: Locale): Translate {
  let t = translators.get(locale.tag);
  if (!t) {
    t = makeTranslator(locale);
    translators.set(locale.tag, t);
  }
  return t;
}

const translators = new Map<string, Translate>();

function makeTranslator(locale: Locale): Translate {
  const entry = load(locale);
  const fallback = load(DEFAULT_LOCALE);
  return (key, values) => {
    const compiled = format(entry, key) ?? format(fallback, key);
    if (!compiled) throw new Error(`Unknown message key: ${key}`);
    return String(compiled.format(values));
  };
}

/** Reads every catalog now, so a broken file fails at start rather than on a first request. */
export function loadAllCatalogs(): void {
  for (const locale of LOCALES) load(locale);
}
