// The resource library's vocabulary (issue 13): the kinds of items and the topics, in the order
// lists and filters show them (their names are in the catalogs: resources.type.<type>,
// resources.topic.<topic>), and which kinds are news (/news and its feeds).
import type { ResourceTopic, ResourceType } from "../db/index.js";

export const RESOURCE_TYPES: readonly ResourceType[] = [
  "toolkit",
  "report",
  "case_study",
  "video",
  "graphic",
  "social_set",
  "fact_sheet",
  "op_ed",
  "news",
  "statement",
];

export const RESOURCE_TOPICS: readonly ResourceTopic[] = [
  "public_charge",
  "family_separation",
  "tps",
  "ded",
  "daca_youth",
  "immigration_reform",
  "municipal_id",
  "legal_services",
  "language_access",
];

/** The kinds listed at /news and in its feeds. */
export const NEWS_TYPES: readonly ResourceType[] = ["op_ed", "news", "statement"];
