import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { PageContext } from "../views/page-context.js";
import { pageContext, sendPage } from "./render.js";

interface Entry {
  revision: number;
  /** Encoded once, so a cache hit sends bytes without converting the string again. */
  body: Buffer;
  /** An API answer's ETag, hashed once with its body (sendCachedJson). */
  etag?: string;
}

/**
 * Rendered public pages, kept while the data revision (db/revision.ts) is unchanged. Any write,
 * by any process, changes the revision, so a stale page is never served. Only for pages that
 * depend on nothing but the database, the URL and the language offer they show (none once the
 * visitor answered it): never on a session. Pages for a signed-in person (with the header's
 * account menu) are rendered each time and not kept.
 */
export class PageCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly maxEntries: number) {}

  get(key: string, revision: number): Buffer | undefined {
    return this.entry(key, revision)?.body;
  }

  /** The entry for `key` made at `revision`, or undefined (none, or made at another revision). */
  entry(key: string, revision: number): Readonly<Entry> | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.revision !== revision) return undefined;
    // Re-insert so the Map's order is least-recently-used first.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  /** Forgets every page (for measuring cold renders). */
  clear(): void {
    this.entries.clear();
  }

  set(key: string, revision: number, body: Buffer, etag?: string): void {
    this.entries.delete(key);
    this.entries.set(key, etag === undefined ? { revision, body } : { revision, body, etag });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }
}

declare module "fastify" {
  interface FastifyInstance {
    pageCache: PageCache;
  }
}

export const pageCachePlugin = fp(
  async (app: FastifyInstance) => {
    app.decorate("pageCache", new PageCache(500));
  },
  { name: "page-cache" },
);

/**
 * Sends a public page from the cache, rendering it (and caching it) when the data has changed.
 * `variant` names what else the page depends on (e.g. its validated filters); the page's path,
 * query string (which its language links keep) and language offer are always part of the key.
 * A page with the offer is shared by everyone offered that language: its form's CSRF token is
 * put in by `sendPage`, per visitor.
 */
export async function sendCachedPage(
  request: FastifyRequest,
  reply: FastifyReply,
  render: (ctx: PageContext) => Promise<JSX.Element>,
  variant = "",
) {
  const ctx = pageContext(request);
  // A signed-in person's page has their account menu: theirs alone, never cached or shared.
  if (ctx.viewer) return sendPage(reply.header("cache-control", "no-store"), await render(ctx));
  const revision = await request.server.database.revision();
  const key = `${request.locale.tag}|${ctx.path}|${ctx.query}|${ctx.offer?.tag ?? ""}|${variant}`;
  const cached = request.server.pageCache.get(key, revision);
  if (cached !== undefined) return sendPage(reply, cached);
  const body = Buffer.from(await render(ctx));
  request.server.pageCache.set(key, revision, body);
  return sendPage(reply, body);
}

/**
 * Sends an API answer that depends on nothing but the database and its route (no query, no
 * language) from the page cache: serialized by the route's response schema once per data
 * revision. Its ETag is a hash of the body, so a client that has it gets 304 without the body
 * (and never a stale one, even if the revision counter starts again after a restore).
 */
export async function sendCachedJson(
  request: FastifyRequest,
  reply: FastifyReply,
  compute: () => Promise<unknown>,
) {
  const revision = await request.server.database.revision();
  // The route, not the URL: a query string the route ignores must not make new entries.
  const key = `api|${request.routeOptions.url}`;
  let cached = request.server.pageCache.entry(key, revision);
  if (cached?.etag === undefined) {
    const body = Buffer.from(String(reply.serialize(await compute())));
    // Hashed once per revision, not on every request.
    const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
    request.server.pageCache.set(key, revision, body, etag);
    cached = { revision, body, etag };
  }
  const { body, etag } = cached;
  // Clients may keep it, but ask again each time: a 304 costs one revision read.
  reply.header("etag", etag).header("cache-control", "no-cache");
  if (request.headers["if-none-match"] === etag) return reply.code(304).send();
  return reply.header("content-type", "application/json; charset=utf-8").send(body);
}
