// The uniqueness meter: how much of a draft is the member's own words, against the template
// filled for that member and against every other member's draft of the same action, with the
// shared passages. Design and measurements: README.md in this folder.
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import type { Kysely } from "kysely";
import type { DB } from "../../../db/index.js";
import { type ActionIndex, type IndexedDraft, MeterIndexes } from "./meter.index.js";
import { draftBodies, draftVersions } from "./meter.queries.js";
import {
  type Shingles,
  shingleSet,
  shingles,
  tokenize,
  uniqueSorted,
  type Words,
} from "./meter.tokens.js";

/** The aim: at least a third of a comment in the member's own words (coalition-facts.md). */
export const OWN_SHARE_TARGET = 1 / 3;

export interface SharedPassage {
  /** UTF-16 offsets in the draft's text, end excluded: `body.slice(start, end)`. */
  start: number;
  end: number;
  /** "template" wins where a passage is in both: the others have it from the template too. */
  source: "template" | "others";
  /** How many other members' drafts hold some of the passage; 0 for the template's. */
  drafts: number;
}

export interface Meter {
  /** ownWords / words; 0 for a draft without words. */
  ownShare: number;
  ownWords: number;
  words: number;
  /** In the draft's order, not overlapping. */
  passages: SharedPassage[];
}

/** What the draft is measured against. */
export interface Against {
  /** The template's shingles (shingleSet of the template filled for this member). */
  template: Int32Array;
  index?: ActionIndex;
  /** The draft's own id: its stored version in the index is not counted against it. */
  draftId?: string | undefined;
}

const TEMPLATE = 1;
const OTHERS = 2;

/** Measures a draft's text. Pure, given the template's shingles and the action's index. */
export function measure(body: string, against: Against): Meter {
  const words = tokenize(body);
  return measureWords(words, shingles(words), against);
}

function measureWords(words: Words, windows: Shingles, against: Against): Meter {
  const template = new Set(against.template);
  const self: IndexedDraft | undefined = against.draftId
    ? against.index?.drafts.get(against.draftId)
    : undefined;
  const source = new Uint8Array(words.count);
  /** Shingles also in other drafts (not the template), with the words they cover. */
  const shared: number[] = [];
  for (let s = 0; s < windows.count; s++) {
    const hash = windows.hash[s] as number;
    const first = windows.first[s] as number;
    const last = windows.last[s] as number;
    let mark = 0;
    if (template.has(hash)) mark = TEMPLATE;
    else if (against.index && against.index.holders(hash, self) > 0) mark = OTHERS;
    if (mark === 0) continue;
    if (mark === OTHERS) shared.push(s);
    for (let w = first; w <= last; w++) if (source[w] !== TEMPLATE) source[w] = mark;
  }

  const passages: SharedPassage[] = [];
  /** Each word's passage, -1 for the member's own words. */
  const passageOf = new Int32Array(words.count).fill(-1);
  let own = 0;
  for (let w = 0; w < words.count; w++) {
    const mark = source[w] as number;
    if (mark === 0) {
      own++;
      continue;
    }
    const kind = mark === TEMPLATE ? "template" : "others";
    const last = passages.at(-1);
    if (last && last.source === kind && w > 0 && source[w - 1] === mark) {
      last.end = words.end[w] as number;
    } else {
      passages.push({
        start: words.start[w] as number,
        end: words.end[w] as number,
        source: kind,
        drafts: 0,
      });
    }
    passageOf[w] = passages.length - 1;
  }
  if (shared.length > 0 && against.index)
    countDrafts(against, windows, shared, passageOf, passages);
  return {
    ownShare: words.count === 0 ? 0 : own / words.count,
    ownWords: own,
    words: words.count,
    passages,
  };
}

/**
 * For each passage found in other drafts, how many distinct drafts hold any of its shingles:
 * one merge of each other draft's sorted shingles with the sorted shared ones, so 200 drafts
 * cost a few hundred thousand comparisons, not a lookup per shingle and draft.
 */
function countDrafts(
  against: Against,
  windows: Shingles,
  shared: number[],
  passageOf: Int32Array,
  passages: SharedPassage[],
): void {
  const byHash = new Map<number, Set<number>>();
  for (const s of shared) {
    const hash = windows.hash[s] as number;
    const set = byHash.get(hash) ?? new Set<number>();
    byHash.set(hash, set);
    for (let w = windows.first[s] as number; w <= (windows.last[s] as number); w++) {
      const p = passageOf[w] as number;
      if (p >= 0 && passages[p]?.source === "others") set.add(p);
    }
  }
  const wanted = Int32Array.from(byHash.keys()).sort();
  const lastDraft = new Int32Array(passages.length).fill(-1);
  let d = 0;
  for (const [id, draft] of against.index?.drafts ?? []) {
    d++;
    if (id === against.draftId) continue;
    const held = draft.shingles;
    let i = 0;
    let j = 0;
    while (i < wanted.length && j < held.length) {
      const a = wanted[i] as number;
      const b = held[j] as number;
      if (a < b) i++;
      else if (a > b) j++;
      else {
        for (const p of byHash.get(a) ?? []) {
          if (lastDraft[p] === d) continue;
          lastDraft[p] = d;
          (passages[p] as SharedPassage).drafts++;
        }
        i++;
        j++;
      }
    }
  }
}

/** Drafts tokenized between two yields to the event loop, when an index is first filled. */
const SLICE = 20;
const TEMPLATES_KEPT = 64;

const indexes = new MeterIndexes();
const templates = new Map<string, Int32Array>();

/** The filled template's shingles, kept for the templates measured lately. */
function templateShingles(template: string): Int32Array {
  let set = templates.get(template);
  if (set) templates.delete(template);
  else set = shingleSet(template);
  templates.set(template, set);
  if (templates.size > TEMPLATES_KEPT) templates.delete(templates.keys().next().value as string);
  return set;
}

/**
 * Brings the action's index up to date: reads every draft's version, then the bodies of only the
 * drafts it does not hold at that version, and forgets drafts that are gone.
 */
async function refresh(
  db: Kysely<DB>,
  actionId: string,
  store: MeterIndexes,
  /** The text being measured: when it is its draft's stored body, its shingles are reused. */
  typed: { draftId: string | undefined; body: string; windows: Shingles },
): Promise<ActionIndex> {
  const index = store.of(actionId);
  const versions = await draftVersions(db, actionId);
  const live = new Set(versions.map((v) => v.id));
  for (const id of [...index.drafts.keys()]) if (!live.has(id)) index.remove(id);
  const stale = versions.filter((v) => index.drafts.get(v.id)?.version !== v.version);
  if (stale.length > 0) {
    const rows = await draftBodies(
      db,
      actionId,
      stale.map((v) => v.id),
    );
    for (let i = 0; i < rows.length; i++) {
      if (i > 0 && i % SLICE === 0) await yieldToEventLoop();
      const row = rows[i] as (typeof rows)[number];
      // An autosave measures the text it just stored: it is not tokenized twice.
      const set =
        row.id === typed.draftId && row.body === typed.body
          ? uniqueSorted(typed.windows)
          : shingleSet(row.body);
      index.put(row.id, { version: row.version, shingles: set });
    }
  }
  store.trim(index);
  return index;
}

/**
 * The meter of a draft's text (as typed, saved or not) for a member: against `template`, the
 * action's template filled for this member (fillTemplate), and every other draft of the action.
 * `draftId` is the member's stored draft, if any, so it is not counted against itself.
 * Tokenizing is the same in every language; `locale` is the draft's, for the caller's records.
 */
export async function meterFor(
  db: Kysely<DB>,
  options: {
    actionId: string;
    draftId?: string | null;
    body: string;
    locale?: string;
    template: string;
  },
  store: MeterIndexes = indexes,
): Promise<Meter> {
  const draftId = options.draftId ?? undefined;
  const words = tokenize(options.body);
  const windows = shingles(words);
  const index = await refresh(db, options.actionId, store, {
    draftId,
    body: options.body,
    windows,
  });
  return measureWords(words, windows, {
    template: templateShingles(options.template),
    index,
    draftId,
  });
}

/** Forgets every action's index (tests; a process that wants its memory back). */
export function clearMeterIndexes(): void {
  indexes.clear();
  templates.clear();
}
