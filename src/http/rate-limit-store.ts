// A store for @fastify/rate-limit that keeps its counters in the database, so several processes
// behind one database count together (the plugin's own store counts in each process's memory).
// One counter per route and client, whatever the locale prefix: /es/account/sign-in and
// /account/sign-in share it, so switching languages buys no extra tries.
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from "@fastify/rate-limit";
import type { Kysely } from "kysely";
import type { DB } from "../db/index.js";
import { stripLocale } from "../i18n/index.js";
import { hit } from "./rate-limits.queries.js";

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
