// A per-address limit on the JSON API (/api/...): generous for any real client, a stop for a
// flood that would otherwise keep the process busy for everyone (100 parallel clients once
// slowed /healthz to 1.8 s). Counted in this process's memory, not in the database like the
// forms' limits (decision 0007): counting there would add a write to every read, and a limit
// per process is enough to stop a flood (docs/decisions/0011).
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { appError } from "./errors.js";

const WINDOW_MS = 60_000;

export interface ApiRateLimit {
  /** Requests per address per minute. */
  perMinute: number;
  /** The clock, for tests. */
  now?: () => number;
}

export const apiRateLimitPlugin = fp<ApiRateLimit>(
  async (app: FastifyInstance, { perMinute, now = Date.now }) => {
    // Fixed windows: the whole map is dropped when a window ends, so memory is bounded by the
    // addresses seen in one minute.
    let windowStart = now();
    let counts = new Map<string, number>();
    app.addHook("onRequest", (request, reply, done) => {
      if (!request.url.startsWith("/api/")) return done();
      const at = now();
      if (at - windowStart >= WINDOW_MS) {
        windowStart = at;
        counts = new Map();
      }
      const count = (counts.get(request.ip) ?? 0) + 1;
      counts.set(request.ip, count);
      if (count > perMinute) {
        reply.header("retry-after", String(Math.ceil((windowStart + WINDOW_MS - at) / 1000)));
        return done(appError("rate_limited"));
      }
      done();
    });
  },
  { name: "api-rate-limit" },
);
