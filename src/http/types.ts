import type { Kysely } from "kysely";
import type { Config } from "../config/config.js";
import type { Database, DB } from "../db/index.js";
import type { Locale, Translate } from "../i18n/index.js";
import type { JobRunner } from "../jobs/index.js";
import type { Mailer } from "../mail/index.js";

declare module "fastify" {
  interface FastifyInstance {
    config: Config;
    database: Database;
    db: Kysely<DB>;
    /** Every e-mail goes through here: written to the outbox, delivered by SMTP when configured. */
    mailer: Mailer;
    /** Durable background jobs (jobs/): define handlers and enqueue here; server.ts starts it. */
    jobs: JobRunner;
    /** Every page registered with registerPage, without locale prefix (for tests and sitemaps). */
    pagePaths: string[];
  }
  interface FastifyRequest {
    /** The page's locale, from its URL prefix. */
    locale: Locale;
    t: Translate;
  }
}
