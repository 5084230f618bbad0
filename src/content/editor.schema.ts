// What the site texts editor reads from requests: a block named by key and language (in the
// edit page's query and in the form), the saved notice's query, and the form's Markdown body.
import { Type } from "typebox";
import { Choice, Markdown } from "../http/validation.js";
import { LOCALES } from "../i18n/index.js";
import { en } from "./seed/en.js";

const KEY = "[a-z][a-z0-9_.]{0,80}";
const LOCALE_TAGS = LOCALES.map((l) => l.tag);

/** The longest text a block may hold, in characters. */
export const MAX_BODY = 20_000;

/**
 * The blocks the site shows: those of the English seed. Only these may be edited; any other key
 * is not found, never a new row nobody could delete and no page would show.
 */
export const BLOCK_KEYS = Object.keys(en).sort();

/** A block in one language: `?key=principles.list&locale=es`. Anything else is not found. */
export const BlockTarget = Type.Object({
  key: Choice(BLOCK_KEYS),
  locale: Choice(LOCALE_TAGS),
});

/** The list page, after a save: `?saved=principles.list:es` says which text was saved. */
export const ListQuery = Type.Object({
  saved: Type.Optional(Type.String({ pattern: `^${KEY}:(${LOCALE_TAGS.join("|")})$` })),
});

/** The edit form: the block (hidden fields) and its text, in Markdown. */
export const BlockForm = Type.Object({
  key: BlockTarget.properties.key,
  locale: BlockTarget.properties.locale,
  body: Markdown({ minLength: 1, maxLength: MAX_BODY }),
});
