import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import Fastify, { type FastifyInstance } from "fastify";
import { accountsFeature } from "./accounts/index.js";
import { auditPlugin } from "./audit/index.js";
import { campaignsFeature, followRuleDeadline } from "./campaigns/index.js";
import { type Config, trustProxyOption } from "./config/config.js";
import { projectPath } from "./config/paths.js";
import { contentFeature } from "./content/index.js";
import { type Database, openDatabase } from "./db/index.js";
import { adminEntriesPlugin, adminHomePlugin } from "./http/admin-home.js";
import { apiRateLimitPlugin } from "./http/api-rate-limit.js";
import { installErrorHandlers } from "./http/error-handler.js";
import { formsPlugin } from "./http/forms.js";
import { healthRoutes } from "./http/health.js";
import { languageOfferPlugin } from "./http/language-offer.js";
import { localePlugin } from "./http/locale.js";
import { openapiPlugin } from "./http/openapi.js";
import { pageCachePlugin } from "./http/page-cache.js";
import { type LogStream, loggingOptions } from "./http/request-log.js";
import { securityHeadersPlugin } from "./http/security-headers.js";
import "./http/types.js";
import { fastifyAjvOptions, lazyCompilers } from "./http/validation.js";
import { loadAllCatalogs } from "./i18n/index.js";
import { createJobRunner } from "./jobs/index.js";
import { createMailer, outboxPlugin } from "./mail/index.js";
import { membersFeature } from "./members/index.js";
import { memberResourcesSection, RESOURCE_TOPICS, resourcesFeature } from "./resources/index.js";
import { rulesFeature } from "./rules/index.js";
import { searchFeature } from "./search/index.js";
import { SEARCH_SOURCES } from "./search-sources.js";

export interface AppOptions {
  /** An open database to use; when absent, one is opened from config and closed with the app. */
  database?: Database;
  /** Where log lines go (default: standard output); tests read them here. */
  logStream?: LogStream;
}

const PUBLIC_DIR = projectPath("public");
const JOB_STOP_GRACE_MS = 5_000;
const USWDS_DIST = join(fileURLToPath(import.meta.resolve("@uswds/uswds")), "..", "..");

/** Builds the application without listening, so tests can drive it with inject(). */
export async function buildApp(config: Config, options: AppOptions = {}): Promise<FastifyInstance> {
  loadAllCatalogs();
  const app = Fastify({
    // One line per request, no secret in it (http/request-log.ts).
    ...loggingOptions(config.logLevel, options.logStream),
    trustProxy: trustProxyOption(config.trustProxy),
    bodyLimit: 1024 * 1024,
    // A client gets this long to send its request (slow senders hold a socket each); a response
    // may take longer (a large CSV export), bounded by the database's timeouts instead.
    requestTimeout: config.timeouts.requestMs,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    ajv: fastifyAjvOptions,
    schemaController: { compilersFactory: lazyCompilers },
  });
  const database = options.database ?? openDatabase(config.database, config.timeouts);
  if (!options.database) app.addHook("onClose", async () => database.close());
  app.decorate("config", config);
  app.decorate("database", database);
  app.decorate("db", database.db);
  // server.ts starts the runner; tests drive it (or the mailer) by hand.
  const jobs = createJobRunner(database.db, { log: app.log });
  app.decorate("jobs", jobs);
  const mailer = createMailer(config.mail, database.db, {
    log: app.log,
    jobs,
    sealingSecret: config.authSecret,
  });
  app.decorate("mailer", mailer);
  // The runner's rounds end after their current job; both wait for what is running. A job still
  // running after JOB_STOP_GRACE_MS (an SMTP send can take minutes) is aborted, to be retried by
  // the next process: it then records that itself, before server.ts's 10 s limit kills us.
  app.addHook("onClose", async () => {
    await Promise.all([jobs.stop({ abortAfterMs: JOB_STOP_GRACE_MS }), mailer.stop()]);
  });

  await app.register(securityHeadersPlugin);
  const maxAge = config.env === "production" ? "7d" : 0;
  await app.register(fastifyStatic, { root: PUBLIC_DIR, prefix: "/assets/", maxAge });
  await app.register(fastifyStatic, {
    root: USWDS_DIST,
    prefix: "/assets/uswds/",
    decorateReply: false,
    allowedPath: (path) => /^\/(css|fonts|img|js)\//.test(path),
    maxAge,
  });

  await app.register(localePlugin);
  await app.register(apiRateLimitPlugin, { perMinute: config.apiRateLimitPerMinute });
  await app.register(pageCachePlugin);
  await app.register(formsPlugin);
  await app.register(languageOfferPlugin);
  await app.register(adminEntriesPlugin);
  await app.register(openapiPlugin);
  // Before any route, so that every route, accounts' included, answers errors through it.
  installErrorHandlers(app);
  // Before the other features: their routes are guarded by `app.guards`, which it decorates.
  await app.register(accountsFeature);
  await app.register(adminHomePlugin);
  await app.register(healthRoutes);
  await app.register(membersFeature, { profileSections: [memberResourcesSection] });
  await app.register(campaignsFeature);
  await app.register(rulesFeature, { onDeadlineChange: [followRuleDeadline] });
  await app.register(resourcesFeature);
  await app.register(searchFeature, {
    sources: SEARCH_SOURCES,
    topics: RESOURCE_TOPICS,
  });
  await app.register(contentFeature);
  await app.register(auditPlugin);
  await app.register(outboxPlugin);
  return app;
}
