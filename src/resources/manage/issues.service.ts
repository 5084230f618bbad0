// Writing an issue page: its slug and versions (each with its own status and last editor), the
// items it is composed of in the order the editor sets, and its status. Every change is audited
// with what was before and after, in the transaction of the change.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { recordAudit } from "../../audit/index.js";
import { type DB, unlessUnique } from "../../db/index.js";
import { appError } from "../../http/errors.js";
import { reindexSearch } from "../../search/index.js";
import { issueSearchSource } from "../search.source.js";
import {
  deleteIssueVersion,
  insertIssue,
  issueItemIds,
  issueSlugTaken,
  moveIssue,
  replaceIssueItems,
  type StaffIssue,
  saveIssueVersion,
  touchIssue,
  updateIssueSlug,
} from "./issues.queries.js";
import type { Actor, FieldProblem } from "./items.service.js";
import { field, LOCALE_TAGS } from "./manage.schema.js";

export interface IssueVersionInput {
  locale: string;
  title: string;
  intro: string;
  status: "draft" | "ready";
}

export interface CheckedIssue {
  slug: string;
  versions: IssueVersionInput[];
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,79}$/;
export const ISSUE_SLUG_TAKEN: FieldProblem = {
  field: "slug",
  key: "resources-admin.error.issue_slug_taken",
};

export async function checkIssue(
  db: Kysely<DB>,
  values: Record<string, string>,
  exceptId?: string,
): Promise<{ problems: FieldProblem[]; checked?: CheckedIssue }> {
  const problems: FieldProblem[] = [];
  const slug = values.slug ?? "";
  if (!SLUG.test(slug) || slug === "new")
    problems.push({ field: "slug", key: "resources-admin.error.slug" });
  else if (await issueSlugTaken(db, slug, exceptId)) problems.push(ISSUE_SLUG_TAKEN);
  const versions: IssueVersionInput[] = [];
  for (const tag of LOCALE_TAGS) {
    const title = values[field("title", tag)] ?? "";
    const intro = values[field("intro", tag)] ?? "";
    if (title === "" && intro === "") continue;
    if (title === "")
      problems.push({ field: field("title", tag), key: "resources-admin.error.title" });
    const status = values[field("status", tag)] === "ready" ? "ready" : "draft";
    versions.push({ locale: tag, title, intro, status });
  }
  if (versions.length === 0 && problems.length === 0)
    problems.push({ field: field("title", "en"), key: "resources-admin.error.no_version" });
  return problems.length ? { problems } : { problems, checked: { slug, versions } };
}

async function writeVersions(
  trx: Kysely<DB>,
  issueId: string,
  actor: Actor,
  versions: readonly IssueVersionInput[],
  before: StaffIssue["versions"],
  at: string,
) {
  for (const tag of LOCALE_TAGS) {
    const version = versions.find((v) => v.locale === tag);
    const old = before.find((v) => v.locale === tag);
    if (!version) {
      if (old) await deleteIssueVersion(trx, issueId, tag);
      continue;
    }
    if (
      old &&
      old.title === version.title &&
      old.intro === version.intro &&
      old.status === version.status
    )
      continue;
    await saveIssueVersion(trx, {
      issue_id: issueId,
      ...version,
      editor_id: actor.id,
      updated_at: at,
    });
  }
}

export async function createIssue(
  db: Kysely<DB>,
  actor: Actor,
  issue: CheckedIssue,
  now = new Date(),
): Promise<FieldProblem | undefined> {
  const id = randomUUID();
  const at = now.toISOString();
  return unlessUnique(
    () =>
      db.transaction().execute(async (trx) => {
        await insertIssue(trx, { id, slug: issue.slug, now: at });
        await writeVersions(trx, id, actor, issue.versions, [], at);
        await recordAudit(
          trx,
          { actor, action: "issue_page.create", entity: "issue_page", entityId: id, after: issue },
          now,
        );
      }),
    ISSUE_SLUG_TAKEN,
  );
}

export async function saveIssue(
  db: Kysely<DB>,
  actor: Actor,
  before: StaffIssue,
  issue: CheckedIssue,
  now = new Date(),
): Promise<FieldProblem | undefined> {
  const at = now.toISOString();
  return unlessUnique(
    () =>
      db.transaction().execute(async (trx) => {
        await updateIssueSlug(trx, before.id, issue.slug, at);
        await writeVersions(trx, before.id, actor, issue.versions, before.versions, at);
        await reindexSearch(trx, issueSearchSource, [before.id]);
        await recordAudit(
          trx,
          {
            actor,
            action: "issue_page.update",
            entity: "issue_page",
            entityId: before.id,
            before: {
              slug: before.slug,
              versions: before.versions.map(({ locale, title, intro, status }) => ({
                locale,
                title,
                intro,
                status,
              })),
            },
            after: issue,
          },
          now,
        );
      }),
    ISSUE_SLUG_TAKEN,
  );
}

export type ItemMove = { add: string } | { move: "up" | "down" | "remove"; item: string };

/**
 * Adds an item at the end of the page, moves one up or down a place, or takes it off, under the
 * page's row lock (two editors at once: each move applies to the order the other left).
 * False when the item is not there to move (or already there to add).
 */
export async function composeIssue(
  db: Kysely<DB>,
  actor: Actor,
  issue: { id: string },
  change: ItemMove,
  now = new Date(),
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await touchIssue(trx, issue.id, now.toISOString());
    const before = await issueItemIds(trx, issue.id);
    const after = [...before];
    if ("add" in change) {
      if (after.includes(change.add)) return false;
      after.push(change.add);
    } else {
      const at = after.indexOf(change.item);
      if (at < 0) return false;
      if (change.move === "remove") after.splice(at, 1);
      else {
        const to = change.move === "up" ? at - 1 : at + 1;
        if (to < 0 || to >= after.length) return true;
        [after[at], after[to]] = [after[to] as string, after[at] as string];
      }
    }
    await replaceIssueItems(trx, issue.id, after);
    await recordAudit(
      trx,
      {
        actor,
        action: "issue_page.items",
        entity: "issue_page",
        entityId: issue.id,
        before: { items: before },
        after: { items: after },
      },
      now,
    );
    return true;
  });
}

export async function moveIssueStatus(
  db: Kysely<DB>,
  actor: Actor,
  issue: { id: string },
  from: "draft" | "published" | "unpublished",
  move: "publish" | "unpublish",
  now = new Date(),
): Promise<void> {
  const to = move === "publish" ? "published" : "unpublished";
  const possible = move === "publish" ? from !== "published" : from === "published";
  await db.transaction().execute(async (trx) => {
    if (!possible || !(await moveIssue(trx, issue.id, from, to, now.toISOString())))
      throw appError("resource_changed");
    await reindexSearch(trx, issueSearchSource, [issue.id]);
    await recordAudit(
      trx,
      {
        actor,
        action: `issue_page.${move}`,
        entity: "issue_page",
        entityId: issue.id,
        before: { status: from },
        after: { status: to },
      },
      now,
    );
  });
}
