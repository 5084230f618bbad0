import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { unavailable } from "./errors.js";

const Status = Type.Object({ status: Type.Literal("ok") });

/**
 * The longest /readyz waits for the database: a probe must answer in time for the load balancer,
 * whatever the database does (a server that accepts and never replies would otherwise hold it
 * for the whole connect timeout).
 */
export const READINESS_TIMEOUT_MS = 2000;

/** Resolves when `work` does, rejects when it does or when `ms` have passed first. */
function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * /healthz: liveness, the process answers (it says 200 while the database is away: restarting
 * the process would not bring the database back, decision 0011). /readyz: readiness, the
 * database answers too, within READINESS_TIMEOUT_MS; otherwise 503, and the balancer sends
 * traffic elsewhere.
 */
export async function healthRoutes(app: FastifyInstance) {
  const schema = { tags: ["health"], response: { 200: Status } };
  app.get("/healthz", { schema: { ...schema, summary: "The process is up" } }, async () => ({
    status: "ok" as const,
  }));
  app.get(
    "/readyz",
    { schema: { ...schema, summary: "The database answers within 2 seconds" } },
    async (request) => {
      try {
        await within(app.database.ping(), READINESS_TIMEOUT_MS);
      } catch (err) {
        request.log.error({ err }, "database ping failed");
        throw unavailable();
      }
      return { status: "ok" as const };
    },
  );
}
