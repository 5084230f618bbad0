export {
  type Enqueued,
  type EnqueueOptions,
  enqueueJob,
  listDeadJobs,
  listFailingJobs,
  retryJob,
} from "./jobs.queries.js";
export {
  createJobRunner,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_RETRY_DELAYS_MS,
  errorText,
  type JobContext,
  type JobHandler,
  type JobOptions,
  type JobRunner,
  type JobRunnerOptions,
  type JobsLogger,
  type JobsReport,
  PermanentJobError,
  type RunDueOptions,
} from "./jobs.runner.js";
