// The admin area's front page, /admin, built from entries that features contribute: each feature
// (and infrastructure with staff pages: the audit log, the outbox) calls `registerAdminEntry` from
// its plugin, naming its page, who sees it, and optionally how many things wait there for staff.
// The page lists the entries the person's coalition role may see, with those counts.
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import type { Kysely } from "kysely";
import type { DB, UserRole } from "../db/index.js";
import type { MessageKey } from "../i18n/index.js";
import { requireAccount } from "./account.js";
import { AdminHomePage, type ShownEntry } from "./admin-home.view.js";
import { registerPage } from "./locale.js";
import { pageContext, sendPage } from "./render.js";

export interface AdminEntry {
  /** Unique among entries, e.g. "audit". */
  id: string;
  title: MessageKey;
  /** One sentence under the title: what the page is for. */
  description: MessageKey;
  /** The page, without locale prefix, e.g. "/admin/audit". */
  href: string;
  /** The coalition roles that see the entry (the page's own guard still decides who opens it). */
  roles: readonly UserRole[];
  /** How many things wait for staff there (applications to review, mail that failed). */
  attention?: (db: Kysely<DB>) => Promise<number>;
  /** Place on the page, lower first; entries of equal order keep their registration order. */
  order?: number;
}

/** Both coalition roles: the front page is theirs. */
export const STAFF_ROLES: readonly UserRole[] = ["coalition_admin", "coalition_editor"];

/** Adds an entry to the /admin front page. Call it from a plugin registered after adminEntriesPlugin. */
export function registerAdminEntry(app: FastifyInstance, entry: AdminEntry): void {
  if (!app.hasDecorator("adminEntries")) {
    throw new Error(`admin entry ${entry.id}: register adminEntriesPlugin first`);
  }
  if (app.adminEntries.some((e) => e.id === entry.id)) {
    throw new Error(`admin entry ${entry.id} is registered twice`);
  }
  app.adminEntries.push(entry);
}

/** The entries a role sees, in page order. */
export function entriesFor(entries: readonly AdminEntry[], role: UserRole | null): AdminEntry[] {
  return entries
    .map((entry, index) => ({ entry, index }))
    .filter(({ entry }) => role !== null && entry.roles.includes(role))
    .sort((a, b) => (a.entry.order ?? 0) - (b.entry.order ?? 0) || a.index - b.index)
    .map(({ entry }) => entry);
}

/**
 * Decorates `app.adminEntries` on the root, so that every feature can contribute its entries when
 * it loads. Register it with the infrastructure, before any feature.
 */
export const adminEntriesPlugin = fp(
  async (app: FastifyInstance) => {
    app.decorate("adminEntries", [] as AdminEntry[]);
  },
  { name: "admin-entries" },
);

/**
 * Serves the front page to coalition admins and editors. Register it after accounts/, whose
 * plugin decorates `app.guards`.
 */
export const adminHomePlugin = fp(
  async (app: FastifyInstance) => {
    await app.register(async (area) => {
      area.addHook("onRequest", area.guards.coalition(...STAFF_ROLES));
      registerPage(area, "/admin", { restricted: true }, async (request, reply) => {
        const role = requireAccount(request).user.coalitionRole;
        const shown: ShownEntry[] = await Promise.all(
          entriesFor(app.adminEntries, role).map(async (entry) => ({
            ...entry,
            waiting: entry.attention ? await entry.attention(app.db) : 0,
          })),
        );
        return sendPage(reply, <AdminHomePage ctx={pageContext(request)} entries={shown} />);
      });
    });
  },
  { name: "admin-home", dependencies: ["accounts", "locale"] },
);
