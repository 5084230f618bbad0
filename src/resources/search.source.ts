// What search finds of the library (issue 14): each ready version of a published item (a
// scheduled one with the instant it becomes visible, so the index never shows it early) and of
// a published issue page. manage/ calls reindexSearch with these in every change's transaction.
import type { Kysely } from "kysely";
import type { DB } from "../db/index.js";
import type { SearchDocument, SearchSource } from "../search/index.js";
import { markdownText } from "../views/markdown.js";
import { NEWS_TYPES } from "./resources.model.js";
import {
  publishedIssues,
  publishedResources,
  readyIssueVersionsOf,
  readyVersionsOf,
  topicsOf,
} from "./resources.queries.js";

export const resourceSearchSource: SearchSource = {
  name: "resources",
  async ids(db: Kysely<DB>) {
    return (await publishedResources(db)).map((r) => r.id);
  },
  async documents(db: Kysely<DB>, ids: readonly string[]): Promise<SearchDocument[]> {
    const items = await publishedResources(db, ids);
    const shown = items.map((i) => i.id);
    const [versions, topics] = await Promise.all([readyVersionsOf(db, shown), topicsOf(db, shown)]);
    const byId = new Map(items.map((i) => [i.id, i]));
    return versions.flatMap((version) => {
      const item = byId.get(version.resource_id);
      if (!item) return [];
      return [
        {
          refId: item.id,
          locale: version.locale,
          type: NEWS_TYPES.includes(item.type) ? "news" : "resource",
          slug: item.slug,
          path: `/resources/${item.slug}`,
          title: version.title,
          summary: markdownText(version.summary),
          body: markdownText(version.body),
          topics: topics.filter((t) => t.resource_id === item.id).map((t) => t.topic),
          dated: item.dated_on,
          visibleFrom: item.publish_at,
          isDemo: item.is_demo === 1,
        },
      ];
    });
  },
};

export const issueSearchSource: SearchSource = {
  name: "issues",
  async ids(db: Kysely<DB>) {
    return (await publishedIssues(db)).map((i) => i.id);
  },
  async documents(db: Kysely<DB>, ids: readonly string[]): Promise<SearchDocument[]> {
    const issues = await publishedIssues(db, ids);
    const byId = new Map(issues.map((i) => [i.id, i]));
    const versions = await readyIssueVersionsOf(db, [...byId.keys()]);
    return versions.flatMap((version) => {
      const issue = byId.get(version.issue_id);
      if (!issue) return [];
      return [
        {
          refId: issue.id,
          locale: version.locale,
          type: "issue",
          slug: issue.slug,
          path: `/issues/${issue.slug}`,
          title: version.title,
          summary: markdownText(version.intro),
          body: "",
          topics: [],
          dated: issue.updated_at.slice(0, 10),
          visibleFrom: null,
          isDemo: issue.is_demo === 1,
        },
      ];
    });
  },
};
