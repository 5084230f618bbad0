import type { FastifyInstance } from "fastify";
import { registerAdminEntry } from "../http/admin-home.js";
import { auditRoutes } from "./audit.routes.js";

/** The audit log's pages (/admin/audit, /admin/audit.csv), behind their own guard. */
export async function auditPlugin(app: FastifyInstance) {
  registerAdminEntry(app, {
    id: "audit",
    title: "audit.nav",
    description: "admin.home.audit",
    href: "/admin/audit",
    roles: ["coalition_admin"],
    order: 70,
  });
  await app.register(auditRoutes);
}
