// Who may do what in the resource library. Like campaigns (decision 0022): coalition editors and
// admins write items and issue pages (draft, translate, compose); only admins publish, schedule
// and take down what the public, the feeds and the API see, so a second person stands between a
// draft and the coalition's public voice. Reading a published item is the public's; a draft,
// scheduled or unpublished item is staff's alone (resources.queries.ts applies the same rule to
// lists and feeds).
import type { PublishStatus, UserRole } from "../db/index.js";
import type { Account } from "../http/account.js";
import { refuse, type Verdict } from "../http/policy.js";

/** Coalition roles that write the library's items and issue pages. */
export const RESOURCE_EDITORS: readonly UserRole[] = ["coalition_admin", "coalition_editor"];

export type ResourceAction =
  /** Create and edit items and issue pages, their versions, topics, members, messages, order. */
  | "edit"
  /** Publish, schedule and unpublish items and issue pages: admins only. */
  | "publish"
  /** Read an item or issue page. */
  | "view";

export interface ResourceSubject {
  status: PublishStatus;
  /** Shown from this instant (ISO); null: as soon as published. */
  publishAt: string | null;
}

const isEditor = (actor: Account | null) =>
  actor !== null &&
  actor.user.coalitionRole !== null &&
  RESOURCE_EDITORS.includes(actor.user.coalitionRole);

export function can(actor: Account | null, action: "edit" | "publish"): Verdict;
export function can(
  actor: Account | null,
  action: "view",
  subject: ResourceSubject,
  now?: Date,
): Verdict;
export function can(
  actor: Account | null,
  action: ResourceAction,
  subject?: ResourceSubject,
  now = new Date(),
): Verdict {
  switch (action) {
    case "edit":
      return isEditor(actor) || refuse("resources_staff_only");
    case "publish":
      return actor?.user.coalitionRole === "coalition_admin" || refuse("resources_admin_only");
    case "view": {
      if (isEditor(actor)) return true;
      if (subject?.status !== "published") return refuse("not_found");
      if (subject.publishAt !== null && subject.publishAt > now.toISOString()) {
        return refuse("not_found");
      }
      return true;
    }
  }
}
