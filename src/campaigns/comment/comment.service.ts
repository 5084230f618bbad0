// A member's comment on a federal rule: drafted by its staff (each save a new version, the old
// ones kept), approved by one of its admins or the person they name, approval undone by any
// change. Filing is filing/'s. Every write runs while the campaign is open (whileOpen).
import type { Kysely } from "kysely";
import { memberStaffContacts } from "../../accounts/index.js";
import { recordAudit } from "../../audit/index.js";
import type { DB } from "../../db/index.js";
import { appError } from "../../http/errors.js";
import { type CommentTextProblem, commentTextProblems } from "../../rules/index.js";
import { whileOpen } from "../participation.service.js";
import {
  approveDraft,
  type DraftRow,
  findDraft,
  findDraftById,
  insertDraft,
  setDraftApprover,
  updateDraftText,
} from "./comment.queries.js";

export interface Person {
  id: string;
  email: string;
}

export interface DraftSave {
  campaignId: string;
  actionId: string;
  jurisdictionId: string;
  /** The version the text was edited from; 0 for a draft never saved. */
  from: number;
  body: string;
  locale: string;
  isDemo?: boolean;
}

export type Saved =
  | { saved: true; draft: DraftRow; changed: boolean }
  /** Someone saved another version meanwhile (or it is being filed): here is the latest. */
  | { saved: false; latest: DraftRow };

/**
 * Saves a draft's text as a new version when it differs from the latest; the same text saved
 * again (an autosave with nothing new, a double click) changes nothing and keeps an approval.
 */
export async function saveDraft(
  db: Kysely<DB>,
  person: Person,
  save: DraftSave,
  now = new Date(),
): Promise<Saved> {
  const at = now.toISOString();
  return whileOpen(
    db,
    save.campaignId,
    async (trx): Promise<Saved> => {
      const current = await findDraft(trx, save.actionId, save.jurisdictionId);
      if (current && current.body === save.body && current.locale === save.locale) {
        return { saved: true, draft: current, changed: false };
      }
      if (!current) {
        if (save.from !== 0) throw appError("not_found");
        const id = await insertDraft(trx, { ...save, userId: person.id, now: at });
        const draft = await findDraft(trx, save.actionId, save.jurisdictionId);
        if (!draft) throw appError("not_found");
        return id ? { saved: true, draft, changed: true } : { saved: false, latest: draft };
      }
      const updated =
        current.version === save.from &&
        (await updateDraftText(
          trx,
          {
            id: current.id,
            from: save.from,
            body: save.body,
            locale: save.locale,
            userId: person.id,
          },
          at,
        ));
      const latest = (await findDraftById(trx, current.id)) ?? current;
      return updated ? { saved: true, draft: latest, changed: true } : { saved: false, latest };
    },
    now,
  );
}

/**
 * Text in square brackets that the template left to fill in ("[executive's name]", "[Say here,
 * in your own words, ...]"): a comment is not approved with any of it. Three characters at
 * least, on one line, so a footnote mark such as "[1]" is not taken for one.
 */
export function placeholdersLeft(body: string): string[] {
  return [...new Set(body.match(/\[[^\]\n]{3,}\]/g) ?? [])];
}

/** Whether the draft's latest version is the approved one. */
export const isApproved = (draft: DraftRow) =>
  draft.approved_version !== null && draft.approved_version === draft.version;

/**
 * Approves the draft as read at `version` (409 `comment_changed` when it changed since, 409
 * `comment_not_ready` when the API would refuse its text). The caller has authorized the person.
 */
export async function approveComment(
  db: Kysely<DB>,
  person: Person,
  target: { campaignId: string; draftId: string; version: number },
  problemText: (problems: CommentTextProblem[], placeholders: string[]) => string,
  now = new Date(),
): Promise<void> {
  await whileOpen(
    db,
    target.campaignId,
    async (trx) => {
      const draft = await findDraftById(trx, target.draftId);
      if (!draft) throw appError("not_found");
      if (draft.version !== target.version) throw appError("comment_changed");
      const problems = commentTextProblems(draft.body);
      const left = placeholdersLeft(draft.body);
      if (problems.length > 0 || left.length > 0) {
        throw appError("comment_not_ready", {
          values: { problems: problemText(problems, left) },
        });
      }
      const at = now.toISOString();
      if (
        !(await approveDraft(trx, { id: draft.id, version: draft.version, userId: person.id }, at))
      ) {
        throw appError("comment_changed");
      }
      await recordAudit(
        trx,
        {
          actor: person,
          action: "comment.approve",
          entity: "comment_draft",
          entityId: draft.id,
          after: { version: draft.version },
        },
        now,
      );
    },
    now,
  );
}

/**
 * Names who approves a member's comment (null: any of its admins). The person must work for the
 * member: anyone else is refused as a field error by the caller (returns false).
 */
export async function nameApprover(
  db: Kysely<DB>,
  person: Person,
  target: { campaignId: string; draftId: string; approverId: string | null },
  now = new Date(),
): Promise<boolean> {
  return whileOpen(
    db,
    target.campaignId,
    async (trx) => {
      const draft = await findDraftById(trx, target.draftId);
      if (!draft) throw appError("not_found");
      if (target.approverId !== null) {
        const staff = await memberStaffContacts(trx, [draft.jurisdiction_id]);
        if (!staff.some((s) => s.userId === target.approverId)) return false;
      }
      await setDraftApprover(trx, draft.id, target.approverId, now.toISOString());
      await recordAudit(
        trx,
        {
          actor: person,
          action: "comment.approver",
          entity: "comment_draft",
          entityId: draft.id,
          before: { approverId: draft.approver_id },
          after: { approverId: target.approverId },
        },
        now,
      );
      return true;
    },
    now,
  );
}
