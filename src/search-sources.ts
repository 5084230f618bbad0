// Every feature's search source, in one list: the app rebuilds the index from it at start when
// stale (searchFeature), and the operator's tool after a bulk import that bypasses the services.
import { campaignSearchSource } from "./campaigns/index.js";
import { memberSearchSource } from "./members/index.js";
import { issueSearchSource, resourceSearchSource } from "./resources/index.js";
import { ruleSearchSource } from "./rules/index.js";
import type { SearchSource } from "./search/index.js";

export const SEARCH_SOURCES: readonly SearchSource[] = [
  resourceSearchSource,
  issueSearchSource,
  campaignSearchSource,
  ruleSearchSource,
  memberSearchSource,
];
