import type { onRequestAsyncHookHandler } from "fastify";
import type { Kysely } from "kysely";
import type { Config } from "../config/config.js";
import type { Database, DB, MembershipRole, UserRole } from "../db/index.js";
import type { Locale, Translate } from "../i18n/index.js";
import type { JobRunner } from "../jobs/index.js";
import "./account.js";
import type { AdminEntry } from "./admin-home.js";

/**
 * Who may reach a route, as hooks: provided by accounts/ (its plugin decorates `app.guards`), so
 * infrastructure pages (the audit log, the outbox) are guarded without importing a feature.
 */
export interface Guards {
  signedIn(): onRequestAsyncHookHandler;
  coalition(...roles: UserRole[]): onRequestAsyncHookHandler;
  jurisdiction(...roles: MembershipRole[]): onRequestAsyncHookHandler;
}

declare module "fastify" {
  interface FastifyInstance {
    guards: Guards;
    config: Config;
    database: Database;
    db: Kysely<DB>;
    /** Durable background jobs (jobs/): define handlers and enqueue here; server.ts starts it. */
    jobs: JobRunner;
    /** The /admin front page's entries, contributed by features with registerAdminEntry. */
    adminEntries: AdminEntry[];
    /** Every page registered with registerPage, without locale prefix (for tests and sitemaps). */
    pagePaths: string[];
  }
  interface FastifyRequest {
    /** The page's locale, from its URL prefix. */
    locale: Locale;
    t: Translate;
    /**
     * The language offered on this request's page (http/render.ts), once worked out: null for
     * none, undefined until asked.
     */
    languageOffer: Locale | null | undefined;
  }
}
