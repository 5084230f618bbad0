import type { FastifyInstance } from "fastify";
import { outboxRoutes } from "./outbox.routes.js";

/** The outbox page (/admin/outbox), behind its own guard. */
export async function outboxPlugin(app: FastifyInstance) {
  await app.register(outboxRoutes);
}
