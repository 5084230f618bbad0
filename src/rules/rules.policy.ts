// Who may change the watch list: coalition staff (admins and editors) add a rule by its number
// and take one off. Reading it is public, so that community advocates can comment themselves.
import type { UserRole } from "../db/index.js";
import type { Account } from "../http/account.js";
import { refuse, type Verdict } from "../http/policy.js";

/** Coalition roles that keep the watch list (the same people who draft campaigns). */
export const RULE_EDITORS: readonly UserRole[] = ["coalition_admin", "coalition_editor"];

export type RuleAction = "add" | "unwatch";

export function can(actor: Account | null, _action: RuleAction, _subject?: unknown): Verdict {
  const role = actor?.user.coalitionRole ?? null;
  return (role !== null && RULE_EDITORS.includes(role)) || refuse("rules_staff_only");
}
