import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { unavailable } from "./errors.js";

const Status = Type.Object({ status: Type.Literal("ok") });

/** /healthz: the process answers. /readyz: the database answers too. */
export async function healthRoutes(app: FastifyInstance) {
  const schema = { tags: ["health"], response: { 200: Status } };
  app.get("/healthz", { schema: { ...schema, summary: "The process is up" } }, async () => ({
    status: "ok" as const,
  }));
  app.get(
    "/readyz",
    { schema: { ...schema, summary: "The database is reachable" } },
    async (request) => {
      try {
        await app.database.ping();
      } catch (err) {
        request.log.error({ err }, "database ping failed");
        throw unavailable();
      }
      return { status: "ok" as const };
    },
  );
}
