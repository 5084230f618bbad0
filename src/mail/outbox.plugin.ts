import type { FastifyInstance } from "fastify";
import { registerAdminEntry } from "../http/admin-home.js";
import { countFailedMessages } from "./outbox.queries.js";
import { outboxRoutes } from "./outbox.routes.js";

/** The outbox page (/admin/outbox), behind its own guard; mail that failed needs attention. */
export async function outboxPlugin(app: FastifyInstance) {
  registerAdminEntry(app, {
    id: "outbox",
    title: "admin.nav.outbox",
    description: "admin.home.outbox",
    href: "/admin/outbox",
    roles: ["coalition_admin"],
    attention: countFailedMessages,
    order: 50,
  });
  await app.register(outboxRoutes);
}
