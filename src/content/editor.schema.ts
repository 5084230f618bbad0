// What the site texts editor reads from requests: a text named by key (the edit page's query, with
// the language to focus), the saved notice's query, and the form: every language of one text.
import { type TString, Type } from "typebox";
import { Choice, Markdown } from "../http/validation.js";
import { LOCALES } from "../i18n/index.js";
import { en } from "./seed/en.js";

const LOCALE_TAGS = LOCALES.map((l) => l.tag);

/** The longest text a block may hold, in characters. */
export const MAX_BODY = 20_000;

/** A text the site shows: a key of the English seed. */
export type BlockKey = keyof typeof en;

/**
 * The blocks the site shows: those of the English seed, in its order (the order the pages show
 * them). Only these may be edited; any other key is not found, never a new row nobody could
 * delete and no page would show.
 */
export const BLOCK_KEYS: readonly BlockKey[] = Object.keys(en) as BlockKey[];

/**
 * One text: `?key=principles.list`. `locale` (kept from the per-language links of before, and
 * offered by the list) only says which language's field takes the focus. Anything else is not
 * found.
 */
export const BlockTarget = Type.Object({
  key: Choice(BLOCK_KEYS),
  locale: Type.Optional(Choice(LOCALE_TAGS)),
});

const KEY_PATTERN = BLOCK_KEYS.map((k) => k.replaceAll(".", "\\.")).join("|");
const TAG_PATTERN = LOCALE_TAGS.join("|");

/**
 * The list page after a save: `?saved=principles.list:es,zh-Hans` says which text was saved and in
 * which languages (`principles.list:` when nothing had changed).
 */
export const ListQuery = Type.Object({
  saved: Type.Optional(
    Type.String({ pattern: `^(${KEY_PATTERN}):((${TAG_PATTERN})(,(${TAG_PATTERN}))*)?$` }),
  ),
});

/** The form field holding a language's text, and the one holding what the form showed of it. */
export const bodyField = (tag: string) => `body_${tag}`;
export const seenField = (tag: string) => `seen_${tag}`;

/** What the form showed of a text (editor.service.ts `textMark`): a SHA-256, or empty for none. */
const Seen = Type.String({ pattern: "^([0-9a-f]{64})?$" });

/**
 * The edit form: the text (hidden), each language's Markdown (empty: not written) with the mark of
 * the text the form showed (hidden), and which button was pressed: save, or preview.
 */
export const BlockForm = Type.Object({
  key: BlockTarget.properties.key,
  // The button pressed; none (a post from a script, or the form sent another way) saves.
  action: Choice(["save", "preview", ""]),
  ...(Object.fromEntries(
    LOCALE_TAGS.flatMap((tag) => [
      [bodyField(tag), Markdown({ maxLength: MAX_BODY })],
      [seenField(tag), Seen],
    ]),
  ) as Record<string, TString>),
});
