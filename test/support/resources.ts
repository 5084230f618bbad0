// Builders for the resource library: an item with its versions (English ready by default),
// topics, featured members, page ranges and messages; an issue page with its items in order.
// Each inserts rows directly with unique defaults, overridden by what the test is about, and
// brings the search index up to date as the editor's services do.
import { randomUUID } from "node:crypto";
import type { Insertable, Selectable } from "kysely";
import type {
  IssuePagesTable,
  ResourcesTable,
  ResourceTopic,
  SocialPlatform,
} from "../../src/db/index.js";
import { issueSearchSource, resourceSearchSource } from "../../src/resources/index.js";
import { resourcesStore } from "../../src/resources/resources.store.js";
import { reindexSearch } from "../../src/search/index.js";
import { dbOf, type Target } from "./builders.js";

export type Resource = Selectable<ResourcesTable>;
export type Issue = Selectable<IssuePagesTable>;

interface VersionOptions {
  title?: string;
  summary?: string;
  body?: string;
  status?: "draft" | "ready";
}

export interface ResourceOptions extends Partial<Insertable<ResourcesTable>> {
  /** Versions by locale; English gets a ready one with a default title unless given. */
  versions?: Record<string, VersionOptions>;
  topics?: ResourceTopic[];
  /** Jurisdiction ids of the members it features. */
  members?: string[];
  sections?: { locale: string; title: string; first: number; last: number }[];
  messages?: { locale: string; platform: SocialPlatform; body: string }[];
}

let n = 0;

/** A published item (visible at once), dated today, unless overridden. */
export async function buildResource(
  target: Target,
  options: ResourceOptions = {},
): Promise<Resource> {
  const db = dbOf(target);
  n += 1;
  const { versions, topics = [], members = [], sections = [], messages = [], ...row } = options;
  const now = new Date().toISOString();
  const values: Insertable<ResourcesTable> = {
    id: randomUUID(),
    slug: `resource-${n}-${randomUUID().slice(0, 6)}`,
    type: "toolkit",
    status: "published",
    publish_at: null,
    dated_on: now.slice(0, 10),
    partner: null,
    video_url: null,
    parent_id: null,
    created_by: null,
    created_at: now,
    updated_at: now,
    published_at: now,
    ...row,
  };
  await db.insertInto("resources").values(values).execute();
  const all: Record<string, VersionOptions> = versions ?? {
    en: { title: `Resource ${n}`, summary: `Summary of resource ${n}` },
  };
  for (const [locale, v] of Object.entries(all)) {
    await db
      .insertInto("resource_versions")
      .values({
        resource_id: values.id,
        locale,
        title: v.title ?? `Resource ${n} (${locale})`,
        summary: v.summary ?? "",
        body: v.body ?? "",
        status: v.status ?? "ready",
        editor_id: null,
        updated_at: now,
      })
      .execute();
  }
  for (const topic of topics) {
    await db.insertInto("resource_topics").values({ resource_id: values.id, topic }).execute();
  }
  for (const jurisdiction_id of members) {
    await db
      .insertInto("resource_members")
      .values({ resource_id: values.id, jurisdiction_id })
      .execute();
  }
  for (const [position, s] of sections.entries()) {
    await db
      .insertInto("resource_sections")
      .values({
        id: randomUUID(),
        resource_id: values.id,
        locale: s.locale,
        title: s.title,
        first_page: s.first,
        last_page: s.last,
        position,
      })
      .execute();
  }
  for (const [position, m] of messages.entries()) {
    await db
      .insertInto("resource_messages")
      .values({ id: randomUUID(), resource_id: values.id, position, ...m })
      .execute();
  }
  await reindexSearch(db, resourceSearchSource, [values.id]);
  return db
    .selectFrom("resources")
    .selectAll()
    .where("id", "=", values.id)
    .executeTakeFirstOrThrow();
}

export interface IssueOptions extends Partial<Insertable<IssuePagesTable>> {
  versions?: Record<string, { title: string; intro?: string; status?: "draft" | "ready" }>;
  /** Item ids in the editor's order. */
  items?: string[];
}

/** A published issue page with an English version, unless overridden. */
export async function buildIssue(target: Target, options: IssueOptions = {}): Promise<Issue> {
  const db = dbOf(target);
  n += 1;
  const { versions, items = [], ...row } = options;
  const now = new Date().toISOString();
  const values: Insertable<IssuePagesTable> = {
    id: randomUUID(),
    slug: `issue-${n}-${randomUUID().slice(0, 6)}`,
    status: "published",
    created_at: now,
    updated_at: now,
    ...row,
  };
  await db.insertInto("issue_pages").values(values).execute();
  for (const [locale, v] of Object.entries(versions ?? { en: { title: `Issue ${n}` } })) {
    await db
      .insertInto("issue_page_versions")
      .values({
        issue_id: values.id,
        locale,
        title: v.title,
        intro: v.intro ?? "",
        status: v.status ?? "ready",
        editor_id: null,
        updated_at: now,
      })
      .execute();
  }
  for (const [position, resource_id] of items.entries()) {
    await db
      .insertInto("issue_page_items")
      .values({ issue_id: values.id, resource_id, position })
      .execute();
  }
  await reindexSearch(db, issueSearchSource, [values.id]);
  return db
    .selectFrom("issue_pages")
    .selectAll()
    .where("id", "=", values.id)
    .executeTakeFirstOrThrow();
}

/**
 * A small library for the page, HTML and browser suites (until the demo seed has one): one item
 * of each kind that has its own page parts, an issue page, under fixed `sample-` slugs.
 */
export async function buildSampleLibrary(target: Target): Promise<void> {
  const report = await buildResource(target, {
    slug: "sample-report",
    type: "report",
    partner: "Sample Partner",
    is_demo: 1,
    topics: ["family_separation"],
    versions: {
      en: { title: "Sample report", summary: "A report.", body: "## Findings\n\nText." },
      es: { title: "Informe de ejemplo", summary: "Un informe.", body: "Texto." },
    },
    sections: [{ locale: "en", title: "Social media messages and graphics", first: 22, last: 24 }],
  });
  await buildResource(target, {
    slug: "sample-case-study",
    type: "case_study",
    parent_id: report.id,
    is_demo: 1,
    versions: { en: { title: "Sample case study", summary: "A case study." } },
  });
  const video = await buildResource(target, {
    slug: "sample-video",
    type: "video",
    is_demo: 1,
    versions: { en: { title: "Sample story", summary: "A story.", body: "Transcript text." } },
  });
  const social = await buildResource(target, {
    slug: "sample-messages",
    type: "social_set",
    is_demo: 1,
    versions: { en: { title: "Sample messages" }, "zh-Hans": { title: "示例信息" } },
    messages: [
      { locale: "en", platform: "x", body: "Immigrants make our cities stronger." },
      { locale: "zh-Hans", platform: "x", body: "移民让我们的城市更强大。" },
    ],
  });
  const oped = await buildResource(target, {
    slug: "sample-op-ed",
    type: "op_ed",
    is_demo: 1,
    versions: { en: { title: "Sample op-ed", summary: "An op-ed." } },
  });
  await buildIssue(target, {
    slug: "sample-issue",
    is_demo: 1,
    versions: { en: { title: "Sample issue", intro: "Welcome." } },
    items: [video.id, report.id, social.id, oped.id],
  });
}

/** The sample library's pages, walked with the demo's by the page, HTML and browser suites. */
export const SAMPLE_LIBRARY_PAGES = [
  "/resources/sample-report",
  "/resources/sample-case-study",
  "/resources/sample-video",
  "/resources/sample-messages",
  "/resources/sample-op-ed",
  "/issues/sample-issue",
] as const;

export interface FileOptions {
  role?: "document" | "image" | "captions";
  locale?: string | null;
  media_type?: string;
  filename?: string;
  /** Alt texts by locale (an image's). */
  alts?: Record<string, string>;
  position?: number;
}

/** A file of `resource`: its bytes in the library's area of `filesDir`, and its row. */
export async function buildResourceFile(
  target: Target,
  filesDir: string,
  resource: { id: string },
  bytes: Buffer,
  options: FileOptions = {},
): Promise<string> {
  const db = dbOf(target);
  const { alts = {}, ...row } = options;
  const { key, size } = await resourcesStore(filesDir).put(bytes);
  const id = randomUUID();
  await db
    .insertInto("resource_files")
    .values({
      id,
      resource_id: resource.id,
      role: "document",
      locale: "en",
      media_type: "application/pdf",
      filename: `file-${id.slice(0, 6)}.pdf`,
      file_key: key,
      bytes: size,
      width: null,
      height: null,
      created_at: new Date().toISOString(),
      ...row,
    })
    .execute();
  for (const [locale, alt] of Object.entries(alts))
    await db.insertInto("resource_file_alts").values({ file_id: id, locale, alt }).execute();
  return id;
}
