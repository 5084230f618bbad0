// Writing an item: checking staff's form, creating and saving it with its versions, topics,
// featured members and page ranges, and moving it through draft, published (at once or from a
// scheduled time) and unpublished. Every change writes its audit entry, with what was before and
// after, in the same transaction as the change.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { recordAudit } from "../../audit/index.js";
import { type DB, type ResourceTopic, type ResourceType, unlessUnique } from "../../db/index.js";
import { isRealDate } from "../../http/dates.js";
import { appError } from "../../http/errors.js";
import type { MessageKey, MessageValues } from "../../i18n/index.js";
import { reindexSearch } from "../../search/index.js";
import { RESOURCE_TOPICS } from "../resources.model.js";
import { resourceSearchSource } from "../search.source.js";
import {
  deleteVersion,
  insertResource,
  moveResource,
  type ResourceSettings,
  replaceMembers,
  replaceSections,
  replaceTopics,
  resourceRef,
  type SectionRow,
  type StaffResource,
  saveVersion,
  slugTaken,
  updateResourceSettings,
} from "./manage.queries.js";
import { field, LOCALE_TAGS, MEMBER_FIELD, topicField } from "./manage.schema.js";
import { checkVideoUrl } from "./video-url.js";

export interface Actor {
  id: string;
  email: string;
}

/** A field's problem: the field's name, the message key saying what it needs, its values. */
export interface FieldProblem {
  field: string;
  key: MessageKey;
  values?: MessageValues;
}

export interface VersionInput {
  locale: string;
  title: string;
  summary: string;
  body: string;
  status: "draft" | "ready";
}

export interface CheckedResource {
  settings: ResourceSettings;
  topics: ResourceTopic[];
  memberIds: string[];
  versions: VersionInput[];
  sections: SectionRow[];
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,79}$/;
const SECTION_LINE = /^(\d{1,4})\s*(?:-|–|—)\s*(\d{1,4})\s+(\S.*)$|^(\d{1,4})\s+(\S.*)$/;

export const SLUG_TAKEN: FieldProblem = { field: "slug", key: "resources-admin.error.slug_taken" };

/** "22-24 Social media messages", one a line; a problem names the first wrong line. */
export function parseSections(
  text: string,
  locale: string,
): { sections: SectionRow[]; problem?: FieldProblem } {
  const sections: SectionRow[] = [];
  const lines = text.split("\n");
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === "") continue;
    const m = SECTION_LINE.exec(line);
    const first = Number(m?.[1] ?? m?.[4]);
    const last = Number(m?.[2] ?? m?.[4]);
    const title = (m?.[3] ?? m?.[5] ?? "").trim();
    if (!m || first < 1 || last < first) {
      return {
        sections,
        problem: {
          field: field("sections", locale),
          key: "resources-admin.error.section",
          values: { line: index + 1 },
        },
      };
    }
    sections.push({ locale, title, first_page: first, last_page: last });
  }
  return { sections };
}

/** The members chosen (member_<slug> = yes), as ids; an unknown slug is a problem. */
function chosenMembers(
  values: Record<string, unknown>,
  roster: readonly { id: string; slug: string }[],
): { ids: string[]; unknown: boolean } {
  const ids: string[] = [];
  let unknown = false;
  for (const [name, value] of Object.entries(values)) {
    const slug = MEMBER_FIELD.exec(name)?.[1];
    if (!slug || value !== "yes") continue;
    const member = roster.find((m) => m.slug === slug);
    if (member) ids.push(member.id);
    else unknown = true;
  }
  return { ids, unknown };
}

/** Checks what the schema cannot: the slug, the date, the video's address, the report, texts. */
export async function checkResource(
  db: Kysely<DB>,
  values: Record<string, unknown>,
  roster: readonly { id: string; slug: string }[],
  exceptId?: string,
): Promise<{ problems: FieldProblem[]; checked?: CheckedResource }> {
  const text = (name: string) => {
    const v = values[name];
    return typeof v === "string" ? v : "";
  };
  const problems: FieldProblem[] = [];
  const slug = text("slug");
  // "new" is the address of the form that creates an item.
  if (!SLUG.test(slug) || slug === "new")
    problems.push({ field: "slug", key: "resources-admin.error.slug" });
  else if (await slugTaken(db, slug, exceptId)) problems.push(SLUG_TAKEN);
  const type = text("type") as ResourceType;
  const datedOn = text("dated_on");
  if (!isRealDate(datedOn)) problems.push({ field: "dated_on", key: "resources-admin.error.date" });
  const video = checkVideoUrl(text("video_url"));
  if (video.problem) problems.push({ field: "video_url", key: video.problem });
  let parentId: string | null = null;
  const parent = text("parent");
  if (parent !== "") {
    const report = await resourceRef(db, parent);
    if (type !== "case_study")
      problems.push({ field: "parent", key: "resources-admin.error.parent_case_study" });
    else if (report?.type !== "report" || report.id === exceptId)
      problems.push({ field: "parent", key: "resources-admin.error.parent" });
    else parentId = report.id;
  }
  const members = chosenMembers(values, roster);
  if (members.unknown) problems.push({ field: "members", key: "resources-admin.error.member" });

  const versions: VersionInput[] = [];
  const sections: SectionRow[] = [];
  for (const tag of LOCALE_TAGS) {
    const v = (name: string) => text(field(name, tag));
    const typed = v("title") !== "" || v("summary") !== "" || v("body") !== "";
    const parsed = parseSections(v("sections"), tag);
    if (parsed.problem) problems.push(parsed.problem);
    sections.push(...parsed.sections);
    if (!typed) {
      if (parsed.sections.length)
        problems.push({ field: field("title", tag), key: "resources-admin.error.title" });
      continue;
    }
    if (v("title") === "")
      problems.push({ field: field("title", tag), key: "resources-admin.error.title" });
    versions.push({
      locale: tag,
      title: v("title"),
      summary: v("summary"),
      body: v("body"),
      status: v("status") === "ready" ? "ready" : "draft",
    });
  }
  if (versions.length === 0 && !problems.some((p) => p.field.startsWith("title_")))
    problems.push({ field: field("title", "en"), key: "resources-admin.error.no_version" });
  if (problems.length) return { problems };
  return {
    problems,
    checked: {
      settings: {
        slug,
        type,
        dated_on: datedOn,
        partner: text("partner") || null,
        video_url: video.url,
        parent_id: parentId,
      },
      topics: RESOURCE_TOPICS.filter((t) => text(topicField(t)) === "yes"),
      memberIds: members.ids,
      versions,
      sections,
    },
  };
}

/**
 * Writes each language's version: a new or changed one records who saved it (its editor); one
 * unchanged keeps its editor and time; a language emptied is removed.
 */
async function writeVersions(
  trx: Kysely<DB>,
  resourceId: string,
  actor: Actor,
  versions: readonly VersionInput[],
  before: StaffResource["versions"],
  at: string,
) {
  for (const tag of LOCALE_TAGS) {
    const version = versions.find((v) => v.locale === tag);
    const old = before.find((v) => v.locale === tag);
    if (!version) {
      if (old) await deleteVersion(trx, resourceId, tag);
      continue;
    }
    const same =
      old &&
      old.title === version.title &&
      old.summary === version.summary &&
      old.body === version.body &&
      old.status === version.status;
    if (same) continue;
    await saveVersion(trx, {
      resource_id: resourceId,
      ...version,
      editor_id: actor.id,
      updated_at: at,
    });
  }
}

async function writeParts(trx: Kysely<DB>, id: string, item: CheckedResource) {
  await replaceTopics(trx, id, item.topics);
  await replaceMembers(trx, id, item.memberIds);
  await replaceSections(trx, id, item.sections);
}

/** Creates a draft item; a problem if its slug was taken meanwhile. */
export async function createResource(
  db: Kysely<DB>,
  actor: Actor,
  item: CheckedResource,
  now = new Date(),
): Promise<FieldProblem | undefined> {
  const id = randomUUID();
  const at = now.toISOString();
  return unlessUnique(
    () =>
      db.transaction().execute(async (trx) => {
        await insertResource(trx, {
          id,
          ...item.settings,
          status: "draft",
          publish_at: null,
          created_by: actor.id,
          created_at: at,
          updated_at: at,
          published_at: null,
        });
        await writeVersions(trx, id, actor, item.versions, [], at);
        await writeParts(trx, id, item);
        await recordAudit(
          trx,
          { actor, action: "resource.create", entity: "resource", entityId: id, after: item },
          now,
        );
      }),
    SLUG_TAKEN,
  );
}

/** What an item was, for the audit log (the editor's name is not the item's). */
const auditedItem = (item: StaffResource) => ({
  settings: {
    slug: item.slug,
    type: item.type,
    dated_on: item.dated_on,
    partner: item.partner,
    video_url: item.video_url,
    parent_id: item.parent_id,
  },
  topics: item.topics,
  memberIds: item.memberIds,
  versions: item.versions.map(({ editor: _e, editor_id: _i, updated_at: _u, ...v }) => v),
  sections: item.sections,
});

export async function saveResource(
  db: Kysely<DB>,
  actor: Actor,
  before: StaffResource,
  item: CheckedResource,
  now = new Date(),
): Promise<FieldProblem | undefined> {
  const at = now.toISOString();
  return unlessUnique(
    () =>
      db.transaction().execute(async (trx) => {
        await updateResourceSettings(trx, before.id, item.settings, at);
        await writeVersions(trx, before.id, actor, item.versions, before.versions, at);
        await writeParts(trx, before.id, item);
        await reindexSearch(trx, resourceSearchSource, [before.id]);
        await recordAudit(
          trx,
          {
            actor,
            action: "resource.update",
            entity: "resource",
            entityId: before.id,
            before: auditedItem(before),
            after: item,
          },
          now,
        );
      }),
    SLUG_TAKEN,
  );
}

export type StatusMove = "publish" | "schedule" | "unpublish";

/**
 * Publishes (at once), schedules (published from `publishAt`) or unpublishes an item, only from
 * the state the page showed (`seen`): of two admins at once, the second is told it changed.
 */
export async function moveResourceStatus(
  db: Kysely<DB>,
  actor: Actor,
  item: { id: string },
  seen: { status: "draft" | "published" | "unpublished"; publishAt: string | null },
  move: StatusMove,
  publishAt: Date | null,
  now = new Date(),
): Promise<void> {
  const at = now.toISOString();
  const to =
    move === "unpublish"
      ? { status: "unpublished" as const, publishAt: seen.publishAt }
      : {
          status: "published" as const,
          publishAt: move === "schedule" ? (publishAt?.toISOString() ?? null) : null,
        };
  const allowed =
    move === "unpublish"
      ? seen.status === "published"
      : seen.status !== "published" || seen.publishAt !== null;
  await db.transaction().execute(async (trx) => {
    if (!allowed || !(await moveResource(trx, item.id, seen, to, at))) {
      throw appError("resource_changed");
    }
    await reindexSearch(trx, resourceSearchSource, [item.id]);
    await recordAudit(
      trx,
      {
        actor,
        action: `resource.${move}`,
        entity: "resource",
        entityId: item.id,
        before: { status: seen.status, publish_at: seen.publishAt },
        after: { status: to.status, publish_at: to.publishAt },
      },
      now,
    );
  });
}
