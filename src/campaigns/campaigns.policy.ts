// Who may do what in campaigns. Guards only let the right kind of person reach a route; this says
// yes or no for the campaign or action asked about. Editors draft, admins publish; a member's
// staff act only for the jurisdiction they act for, only while the campaign is open; a letter is
// signed for a jurisdiction by its administrators only.
import type { ActionKind, UserRole } from "../db/index.js";
import type { Account } from "../http/account.js";
import { refuse, type Verdict } from "../http/policy.js";
import type { ShownStatus } from "./campaign.status.js";

/** Coalition roles that draft campaigns and their actions. */
export const CAMPAIGN_EDITORS: readonly UserRole[] = ["coalition_admin", "coalition_editor"];

export type CampaignAction =
  /** Create a campaign, edit its texts, settings and actions (while not archived). */
  | "draft"
  /** Publish, close, archive, publish results, remind members: admins only. */
  | "publish"
  /** Read a campaign's page. */
  | "view"
  /** Take part in one of its actions for a jurisdiction. */
  | "take_part"
  /** Watch who took part (the dashboard, the CSV with contacts). */
  | "watch"
  /** Read a member's comment draft and its history: that member's staff only. */
  | "read_comment"
  /** Approve a member's comment: its admins, or the person they named. */
  | "approve_comment"
  /** Name who approves a member's comment: its admins. */
  | "name_approver";

export interface CampaignSubject {
  status: ShownStatus;
  visibility: "public" | "members";
}

export interface CommentSubject {
  /** The member whose comment it is. */
  jurisdictionId: string;
  /** The person named to approve it, if any. */
  approverId?: string | null;
}

export interface TakePartSubject extends CampaignSubject {
  kind: ActionKind;
  /** The jurisdiction the form was for. */
  jurisdictionId: string;
}

const isStaff = (actor: Account | null) =>
  actor !== null &&
  actor.user.coalitionRole !== null &&
  CAMPAIGN_EDITORS.includes(actor.user.coalitionRole);
const isAdmin = (actor: Account | null) => actor?.user.coalitionRole === "coalition_admin";

export function can(actor: Account | null, action: "draft" | "publish" | "watch"): Verdict;
export function can(actor: Account | null, action: "view", subject: CampaignSubject): Verdict;
export function can(actor: Account | null, action: "take_part", subject: TakePartSubject): Verdict;
export function can(
  actor: Account | null,
  action: "read_comment" | "approve_comment" | "name_approver",
  subject: CommentSubject,
): Verdict;
export function can(
  actor: Account | null,
  action: CampaignAction,
  subject?: CampaignSubject | TakePartSubject | CommentSubject,
): Verdict {
  switch (action) {
    case "draft":
    case "watch":
      return isStaff(actor) || refuse("campaigns_staff_only");
    case "publish":
      return isAdmin(actor) || refuse("campaigns_admin_only");
    case "view": {
      if (isStaff(actor)) return true;
      if (!subject || !("status" in subject) || subject.status === "draft") {
        return refuse("not_found");
      }
      if (subject.visibility === "members" && !actor?.memberships.length) {
        return refuse("campaign_members_only");
      }
      return true;
    }
    case "take_part": {
      if (!actor) return refuse("unauthorized");
      if (!subject || !("kind" in subject)) return refuse("forbidden");
      const acting = actor.jurisdiction;
      if (!acting) return refuse("no_memberships");
      if (acting.jurisdictionId !== subject.jurisdictionId) {
        return refuse("wrong_jurisdiction", { name: acting.name });
      }
      if (subject.status === "scheduled") return refuse("campaign_not_started");
      if (subject.status !== "open") return refuse("campaign_closed");
      if (subject.kind === "letter" && acting.role !== "member_admin") {
        return refuse("letter_admins_only", { name: acting.name });
      }
      return true;
    }
    case "read_comment":
    case "approve_comment":
    case "name_approver":
      return commentVerdict(actor, action, subject);
  }
}

// A member's comment is its own business until filed: coalition staff see where it stands (the
// dashboard), never the draft; another member's staff see nothing of it.
function commentVerdict(
  actor: Account | null,
  action: "read_comment" | "approve_comment" | "name_approver",
  subject: CampaignSubject | TakePartSubject | CommentSubject | undefined,
): Verdict {
  if (!actor) return refuse("unauthorized");
  const acting = actor.jurisdiction;
  if (!acting) return refuse("no_memberships");
  if (
    !subject ||
    !("jurisdictionId" in subject) ||
    acting.jurisdictionId !== subject.jurisdictionId
  ) {
    return refuse("wrong_jurisdiction", { name: acting.name });
  }
  const approverId = "approverId" in subject ? subject.approverId : null;
  const admin = acting.role === "member_admin";
  if (action === "name_approver" && !admin) {
    return refuse("comment_admins_only", { name: acting.name });
  }
  if (action === "approve_comment" && !admin && actor.user.id !== approverId) {
    return refuse("comment_approvers_only", { name: acting.name });
  }
  return true;
}
