// A store for @fastify/rate-limit that keeps its counters in the database, so several processes
// behind one database count together (the plugin's own store counts in each process's memory).
// One counter per route and client, whatever the locale prefix: /es/account/sign-in and
// /account/sign-in share it, so switching languages buys no extra tries.
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from "@fastify/rate-limit";
import { type Kysely, sql } from "kysely";
import type { DB } from "../db/index.js";
import { stripLocale } from "../i18n/index.js";

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** What the plugin passes: the route's options (as `routeInfo` when it makes a child). */
type RouteParams = object & { routeInfo?: { method?: unknown; url?: unknown } };

/** The store class the plugin instantiates (`store` option), bound to `db`. */
export function databaseRateLimitStore(db: Kysely<DB>): FastifyRateLimitStoreCtor {
  return class DatabaseRateLimitStore implements FastifyRateLimitStore {
    readonly route: string;

    constructor(params: RouteParams = {}) {
      const url: unknown = params.routeInfo?.url;
      const method = String(params.routeInfo?.method ?? "");
      this.route = typeof url === "string" ? `${method} ${stripLocale(url)}` : "";
    }

    incr(key: string, callback: Callback, timeWindow: number): void {
      hit(db, `${this.route} ${key}`, timeWindow).then(
        (result) => callback(null, result),
        (error: Error) => callback(error),
      );
    }

    child(params: RouteParams): FastifyRateLimitStore {
      return new DatabaseRateLimitStore(params);
    }
  };
}

/** Counts one hit in `key`'s window (starting a new window when the last one is over). */
export async function hit(db: Kysely<DB>, key: string, timeWindow: number, now = Date.now()) {
  const resetAt = now + timeWindow;
  const row = await db
    .insertInto("rate_limits")
    .values({ key, hits: 1, reset_at: resetAt })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({
        hits: sql<number>`case when rate_limits.reset_at <= ${now} then 1 else rate_limits.hits + 1 end`,
        reset_at: sql<number>`case when rate_limits.reset_at <= ${now} then ${resetAt} else rate_limits.reset_at end`,
      }),
    )
    .returning(["hits", "reset_at"])
    .executeTakeFirstOrThrow();
  // Windows long over are of no use to anyone: cleared now and then, not on every hit.
  if (Math.random() < 0.02) {
    await db.deleteFrom("rate_limits").where("reset_at", "<", now).execute();
  }
  return { current: Number(row.hits), ttl: Math.max(0, Number(row.reset_at) - now) };
}
