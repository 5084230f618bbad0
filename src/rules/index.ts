// Federal rules (issue 12): the watch list of proposed rules open for comment, kept current from
// the Federal Register by a job, public at /rules; staff add rules by number and start campaigns.
import type { FastifyInstance } from "fastify";
import { rulesApi } from "./api/rules.api.js";
import {
  createFederalRegisterClient,
  type FederalRegisterClient,
} from "./federal-register/fr.client.js";
import { type DeadlineListener, refreshWatchList } from "./refresh.service.js";
import { refreshCommentCounts } from "./regulations/comment-counts.service.js";
import {
  createRegulationsClient,
  type RegulationsClient,
} from "./regulations/regulations.client.js";
import { watchRoutes } from "./watch/watch.routes.js";

export {
  createFederalRegisterClient,
  type FederalAgency,
  type FederalRegisterClient,
  FederalRegisterError,
  type FederalRuleData,
} from "./federal-register/fr.client.js";
export type { DeadlineChange, DeadlineListener, RefreshReport } from "./refresh.service.js";
export { refreshWatchList } from "./refresh.service.js";
export { commentPageUrl, daysLeft, easternToday } from "./rule.dates.js";
export { type FederalRule, ruleById, ruleByNumber, watchList } from "./rules.queries.js";
export { seedDemoRules } from "./rules.seed.js";
// For app.ts to hand to searchFeature: what the search index holds of the watch list.
export { ruleSearchSource } from "./search.source.js";

export interface RulesOptions {
  /** Told, in the rule's transaction, when a deadline moves or a rule is withdrawn. */
  onDeadlineChange?: DeadlineListener[];
  /** The Federal Register; by default the one at config.federalRegister.apiUrl. */
  client?: FederalRegisterClient;
  /** Regulations.gov, for comment counts; by default the configured one, when a key is. */
  regulations?: Pick<RegulationsClient, "commentCount">;
}

/** The watch list refreshes this often (a few times a day is polite: government-apis.md). */
export const REFRESH_EVERY_MS = 6 * 60 * 60 * 1000;

export async function rulesFeature(app: FastifyInstance, options: RulesOptions = {}) {
  const client =
    options.client ?? createFederalRegisterClient({ apiUrl: app.config.federalRegister.apiUrl });
  const listeners = options.onDeadlineChange ?? [];
  // A development machine or CI sends nothing out: the job exists only when asked for.
  if (app.config.federalRegister.refresh) {
    app.jobs.define(
      "rules.refresh",
      async () => {
        const report = await refreshWatchList(app.db, client, {
          now: new Date(),
          onDeadlineChange: listeners,
          log: app.log,
        });
        app.log.info({ report }, "rules.refresh");
      },
      { maxAttempts: 3, leaseMs: 30 * 60 * 1000 },
    );
    app.jobs.every("rules.refresh", REFRESH_EVERY_MS);
  }
  // The docket's own comment count, where a key is configured (reading needs one).
  const { apiKey, apiUrl } = app.config.regulationsGov;
  if (apiKey) {
    const regulations = options.regulations ?? createRegulationsClient({ apiUrl, apiKey });
    app.jobs.define(
      "rules.comment_counts",
      async () => {
        const report = await refreshCommentCounts(app.db, regulations, new Date());
        app.log.info({ report }, "rules.comment_counts");
      },
      { maxAttempts: 3, leaseMs: 30 * 60 * 1000 },
    );
    app.jobs.every("rules.comment_counts", REFRESH_EVERY_MS);
  }
  await app.register(watchRoutes, { client });
  await app.register(rulesApi);
}

// Regulations.gov
export {
  COMMENT_MAX_BYTES,
  COMMENT_MAX_CHARACTERS,
  type CommentTextProblem,
  commentTextProblems,
} from "./regulations/comment-text.js";
export {
  POSTS_PER_HOUR,
  POSTS_PER_MINUTE,
  type PostingSlot,
  postingCounts,
  reservePostingSlot,
} from "./regulations/posting-limits.queries.js";
export {
  type CommentFile,
  type CommentOutcome,
  type CommentSubmission,
  createRegulationsClient,
  type NotSentReason,
  ORGANIZATION_MAX,
  ORGANIZATION_TYPE,
  oneLine,
  type RegulationsClient,
  type RegulationsClientOptions,
  SUBMITTER_TYPE,
  type UnclearReason,
} from "./regulations/regulations.client.js";
