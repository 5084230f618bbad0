import type { FastifyInstance } from "fastify";
import { auditRoutes } from "./audit.routes.js";

/** The audit log's pages (/admin/audit, /admin/audit.csv), behind their own guard. */
export async function auditPlugin(app: FastifyInstance) {
  await app.register(auditRoutes);
}
