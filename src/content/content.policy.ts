// Who may do what with the site's texts (content_blocks). The editor's guard, its handler and the
// /admin entry all read their answer here.
import type { UserRole } from "../db/index.js";
import type { Account } from "../http/account.js";
import { refuse, type Verdict } from "../http/policy.js";

/** The coalition roles that edit and translate the site's texts. */
export const CONTENT_EDITORS: readonly UserRole[] = ["coalition_admin", "coalition_editor"];

export type ContentAction = "edit";

/** A block in one language: what an edit acts on. */
export interface BlockRef {
  key: string;
  locale: string;
}

/**
 * Coalition staff (admins and editors) edit and translate every block, in every language;
 * nobody else edits any.
 */
export function can(actor: Account | null, action: ContentAction, _block?: BlockRef): Verdict {
  switch (action) {
    case "edit": {
      const role = actor?.user.coalitionRole ?? null;
      return role !== null && CONTENT_EDITORS.includes(role) ? true : refuse("forbidden");
    }
  }
}
