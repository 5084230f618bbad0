// The resource library's forms of the hostile-input table (test/hostile-input.test.ts spreads
// them in): each form's URL, who posts it, a body it accepts, and the fields people type.
import { issueBody, itemBody, type ResourceFixture } from "./authorization-resources.js";

export interface ResourceForm {
  url: (f: { resources: ResourceFixture }) => string;
  who: "coalition_admin";
  body: (f: { resources: ResourceFixture }) => Record<string, string>;
  fields: string[];
  markup?: string[];
}

const ITEM_FIELDS = [
  "slug",
  "dated_on",
  "partner",
  "video_url",
  "parent",
  "title_en",
  "summary_en",
  "body_en",
  "sections_en",
  "title_es",
  "body_zh-Hans",
];
const ISSUE_FIELDS = ["slug", "title_en", "intro_en", "title_zh-Hans", "intro_es"];

export const RESOURCE_FORMS: ResourceForm[] = [
  {
    url: () => "/admin/resources/new",
    who: "coalition_admin",
    body: () => itemBody(),
    fields: ITEM_FIELDS,
    markup: ["body_en", "body_zh-Hans"],
  },
  {
    url: (f) => `/admin/resources/${f.resources.item}`,
    who: "coalition_admin",
    body: (f) => itemBody(f.resources.item),
    fields: ITEM_FIELDS,
    markup: ["body_en", "body_zh-Hans"],
  },
  {
    // The long string is over the schema's bound of these platforms (as campaigns' messages).
    url: (f) => `/admin/resources/${f.resources.item}/messages`,
    who: "coalition_admin",
    body: () => ({ msg_x_en: "Cities stand together.", "msg_threads_zh-Hans": "城市团结一致。" }),
    fields: ["msg_x_en", "msg_linkedin_es", "msg_bluesky_zh-Hans"],
  },
  {
    url: () => "/admin/issues/new",
    who: "coalition_admin",
    body: () => issueBody(),
    fields: ISSUE_FIELDS,
    markup: ["intro_en", "intro_es"],
  },
  {
    url: (f) => `/admin/issues/${f.resources.issue}`,
    who: "coalition_admin",
    body: (f) => issueBody(f.resources.issue),
    fields: ISSUE_FIELDS,
    markup: ["intro_en", "intro_es"],
  },
  {
    url: (f) => `/admin/resources/${f.resources.item}/files/${f.resources.imageId}/alt`,
    who: "coalition_admin",
    body: () => ({ alt_en: "A map of member cities", alt_es: "Un mapa de las ciudades miembro" }),
    fields: ["alt_en", "alt_es", "alt_zh-Hans"],
  },
];

/** Library POST routes not attacked above, each with the reason. */
export const RESOURCE_NOT_ATTACKED: Record<string, string> = {
  "/admin/resources/:slug/status":
    "a move from a fixed list, the state the page showed (hidden, matched) and a time parsed as YYYY-MM-DD HH:mm; refusals in src/resources/manage/items.test.ts",
  "/admin/issues/:slug/status": "a move from a fixed list and the status the page showed (hidden)",
  "/admin/issues/:slug/items":
    "an item's address from the page's select, looked up (not found otherwise)",
  "/admin/resources/:slug/files":
    "a file (multipart), its kind read from its bytes, and short alt texts; refusals (a program, an SVG, too large, a missing alt text or language) in src/resources/manage/files.test.ts",
  "/admin/resources/:slug/files/:file/delete": "no fields",
  "/admin/resources/:slug/files/:file/move": "a move from a fixed list (up or down)",
  "/admin/issues/:slug/items/move":
    "an item's id (a hidden uuid, matched) and a move from a fixed list",
};
