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
