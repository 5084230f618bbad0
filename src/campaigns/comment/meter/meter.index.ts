// The meter's memory of an action's drafts: per draft, its version and its shingle hashes (a
// sorted Int32Array, 4 bytes a shingle), and per shingle how many drafts hold it. A draft is
// tokenized again only when its version changes. Actions are kept least recently used first and
// dropped past a bound on the shingles held, so memory stays bounded however many actions run.
import { holds } from "./meter.tokens.js";

export interface IndexedDraft {
  version: number;
  shingles: Int32Array;
}

export class ActionIndex {
  readonly drafts = new Map<string, IndexedDraft>();
  /** Shingle hash → how many drafts hold it. */
  readonly counts = new Map<number, number>();
  /** Shingles held by all drafts together: this action's share of the bound. */
  size = 0;

  /** How many drafts hold the shingle, the draft `except` (the one being measured) left out. */
  holders(hash: number, except: IndexedDraft | undefined): number {
    const n = this.counts.get(hash) ?? 0;
    return except && n > 0 && holds(except.shingles, hash) ? n - 1 : n;
  }

  /** Puts a draft's version in, replacing an older one; a version not newer is ignored. */
  put(id: string, draft: IndexedDraft): void {
    const old = this.drafts.get(id);
    if (old && old.version >= draft.version) return;
    if (old) this.remove(id);
    for (const hash of draft.shingles) this.counts.set(hash, (this.counts.get(hash) ?? 0) + 1);
    this.drafts.set(id, draft);
    this.size += draft.shingles.length;
  }

  remove(id: string): void {
    const old = this.drafts.get(id);
    if (!old) return;
    for (const hash of old.shingles) {
      const n = (this.counts.get(hash) ?? 0) - 1;
      if (n > 0) this.counts.set(hash, n);
      else this.counts.delete(hash);
    }
    this.drafts.delete(id);
    this.size -= old.shingles.length;
  }
}

/**
 * The indexes of the actions measured lately, within a bound on the shingles they hold. Measured:
 * 200 drafts of 5,000 characters with no shingle in common (the worst case) hold 146,000
 * shingles in 7.4 MB (the counts map is most of it; the drafts' arrays 0.6 MB). 600,000 is four
 * such actions, ~30 MB at worst: open comment actions are few at a time, and drafts that share
 * the template's shingles take less.
 */
export class MeterIndexes {
  private readonly actions = new Map<string, ActionIndex>();

  constructor(readonly maxShingles = 600_000) {}

  /** The action's index, made the most recently used; dropping others past the bound. */
  of(actionId: string): ActionIndex {
    let index = this.actions.get(actionId);
    if (index) this.actions.delete(actionId);
    else index = new ActionIndex();
    this.actions.set(actionId, index);
    return index;
  }

  /** Drops the least recently used actions until the shingles held fit (never `keep`). */
  trim(keep: ActionIndex): void {
    let total = 0;
    for (const index of this.actions.values()) total += index.size;
    for (const [id, index] of this.actions) {
      if (total <= this.maxShingles) break;
      if (index === keep) continue;
      this.actions.delete(id);
      total -= index.size;
    }
  }

  has(actionId: string): boolean {
    return this.actions.has(actionId);
  }

  clear(): void {
    this.actions.clear();
  }
}
