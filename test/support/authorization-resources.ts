// The resource library's rows of the authorization tables (authorization-table.ts spreads them
// in): every POST route of /admin/resources and /admin/issues, and every GET behind /admin, with
// who may use it; and the fixture they act on (a draft item on a draft issue page).
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB } from "../../src/db/index.js";
import type { Fixture, Principal, ReadRoute, WriteRoute } from "./authorization-table.js";

const STAFF: Principal[] = ["coalition_admin", "coalition_editor"];
const ADMIN: Principal[] = ["coalition_admin"];

export interface ResourceFixture {
  /** A draft toolkit. */
  item: string;
  itemId: string;
  /** A draft issue page with the item on it. */
  issue: string;
  /** A file of the item (a row only: deleting a key the store lacks is fine). */
  fileId: string;
  /** An image of the item without words, described in English (a row only). */
  imageId: string;
}

/** The fixture as route parameters (":slug"), for the tables' checks against the route list. */
export const RESOURCE_ROUTE_PARAMS: ResourceFixture = {
  item: ":slug",
  itemId: "",
  issue: ":slug",
  fileId: ":file",
  imageId: ":file",
};

export async function buildResourceFixture(db: Kysely<DB>): Promise<ResourceFixture> {
  const now = new Date().toISOString();
  const itemId = randomUUID();
  const item = `fixture-item-${itemId.slice(0, 8)}`;
  await db
    .insertInto("resources")
    .values({
      id: itemId,
      slug: item,
      type: "toolkit",
      status: "draft",
      publish_at: null,
      dated_on: "2021-03-15",
      partner: null,
      video_url: null,
      parent_id: null,
      created_by: null,
      created_at: now,
      updated_at: now,
      published_at: null,
    })
    .execute();
  await db
    .insertInto("resource_versions")
    .values({
      resource_id: itemId,
      locale: "en",
      title: "A toolkit",
      status: "ready",
      editor_id: null,
      updated_at: now,
    })
    .execute();
  const issueId = randomUUID();
  const issue = `fixture-issue-${issueId.slice(0, 8)}`;
  await db
    .insertInto("issue_pages")
    .values({ id: issueId, slug: issue, status: "draft", created_at: now, updated_at: now })
    .execute();
  await db
    .insertInto("issue_page_items")
    .values({ issue_id: issueId, resource_id: itemId, position: 0 })
    .execute();
  const fileId = randomUUID();
  await db
    .insertInto("resource_files")
    .values({
      id: fileId,
      resource_id: itemId,
      locale: "en",
      role: "document",
      file_key: "0".repeat(64),
      media_type: "application/pdf",
      bytes: 10,
      filename: "fixture.pdf",
      width: null,
      height: null,
      created_at: now,
    })
    .execute();
  const imageId = randomUUID();
  await db
    .insertInto("resource_files")
    .values({
      id: imageId,
      resource_id: itemId,
      locale: null,
      role: "image",
      file_key: "1".repeat(64),
      media_type: "image/png",
      bytes: 10,
      filename: "fixture.png",
      width: 2,
      height: 2,
      position: 1,
      created_at: now,
    })
    .execute();
  await db
    .insertInto("resource_file_alts")
    .values({ file_id: imageId, locale: "en", alt: "A map of member cities" })
    .execute();
  return { item, itemId, issue, fileId, imageId };
}

/** A valid item form (a fresh address unless `slug`). */
export const itemBody = (slug = `auth-${randomUUID().slice(0, 8)}`) => ({
  slug,
  type: "toolkit",
  dated_on: "2021-03-15",
  partner: "New American Economy",
  video_url: "",
  parent: "",
  topic_immigration_reform: "yes",
  title_en: "Advancing Immigration Reform",
  summary_en: "A toolkit.",
  body_en: "Key **data**.",
  status_en: "ready",
  sections_en: "22-24 Social media messages",
  title_es: "Impulsar la reforma migratoria",
  status_es: "draft",
});

export const issueBody = (slug = `auth-${randomUUID().slice(0, 8)}`) => ({
  slug,
  title_en: "Immigration Reform",
  intro_en: "Tools for **local governments**.",
  status_en: "ready",
});

const item = (f: Fixture) => `/admin/resources/${f.resources.item}`;
const issue = (f: Fixture) => `/admin/issues/${f.resources.issue}`;

export const RESOURCE_WRITE_ROUTES: WriteRoute[] = [
  { route: "/admin/resources/new", allowed: STAFF, body: () => itemBody() },
  {
    route: "/admin/resources/:slug",
    allowed: STAFF,
    url: item,
    // The fixture keeps its address: other rows post to it.
    body: (f) => itemBody(f.resources.item),
  },
  {
    // The fixture is a draft: "unpublish" as if it were published is refused as changed (409),
    // past the guard, and the item stays a draft for the other rows.
    route: "/admin/resources/:slug/status",
    allowed: ADMIN,
    url: (f) => `${item(f)}/status`,
    body: () => ({
      to: "unpublish",
      seen_status: "published",
      seen_publish_at: "",
      publish_at: "",
    }),
  },
  {
    route: "/admin/resources/:slug/messages",
    allowed: STAFF,
    url: (f) => `${item(f)}/messages`,
    body: () => ({ msg_x_en: "Cities stand together." }),
  },
  {
    // Multipart in the browser; this table posts a form without a file, which the allowed are
    // told to choose (422), past the guard and the CSRF check.
    route: "/admin/resources/:slug/files",
    allowed: STAFF,
    url: (f) => `${item(f)}/files`,
    body: () => ({ role: "image", locale: "", alt_en: "A map of member cities" }),
  },
  {
    route: "/admin/resources/:slug/files/:file/alt",
    allowed: STAFF,
    url: (f) => `${item(f)}/files/${f.resources.imageId}/alt`,
    body: () => ({ alt_en: "A map of the coalition's member cities", alt_es: "Un mapa" }),
  },
  {
    // The fixture's document is first: moved up, it stays first.
    route: "/admin/resources/:slug/files/:file/move",
    allowed: STAFF,
    url: (f) => `${item(f)}/files/${f.resources.fileId}/move`,
    body: () => ({ move: "up" }),
  },
  {
    // An allowed post deletes the fixture's file; the next allowed one is told it is gone (404).
    route: "/admin/resources/:slug/files/:file/delete",
    allowed: STAFF,
    url: (f) => `${item(f)}/files/${f.resources.fileId}/delete`,
    body: () => ({}),
  },
  { route: "/admin/issues/new", allowed: STAFF, body: () => issueBody() },
  {
    route: "/admin/issues/:slug",
    allowed: STAFF,
    url: issue,
    body: (f) => issueBody(f.resources.issue),
  },
  {
    // Already on the page: nothing changes, the editor is sent back to it.
    route: "/admin/issues/:slug/items",
    allowed: STAFF,
    url: (f) => `${issue(f)}/items`,
    body: (f) => ({ item: f.resources.item }),
  },
  {
    // The first item moved up stays first.
    route: "/admin/issues/:slug/items/move",
    allowed: STAFF,
    url: (f) => `${issue(f)}/items/move`,
    body: (f) => ({ item: f.resources.itemId, move: "up" }),
  },
  {
    route: "/admin/issues/:slug/status",
    allowed: ADMIN,
    url: (f) => `${issue(f)}/status`,
    body: () => ({ to: "unpublish", seen_status: "published" }),
  },
];

export const RESOURCE_READ_ROUTES: ReadRoute[] = [
  { route: "/admin/resources", allowed: STAFF },
  { route: "/admin/resources/new", allowed: STAFF },
  { route: "/admin/resources/:slug", allowed: STAFF, url: item },
  {
    route: "/admin/resources/:slug/messages",
    allowed: STAFF,
    url: (f) => `${item(f)}/messages`,
  },
  { route: "/admin/resources/:slug/files", allowed: STAFF, url: (f) => `${item(f)}/files` },
  { route: "/admin/issues", allowed: STAFF },
  { route: "/admin/issues/new", allowed: STAFF },
  { route: "/admin/issues/:slug", allowed: STAFF, url: issue },
];
