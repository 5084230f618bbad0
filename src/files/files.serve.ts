// Sends a stored file: its type as the checks found it, its length, a safe name, no sniffing by
// the browser, and a long cache. The key is the content's hash, so the bytes behind an address
// that names the key never change: browsers and shared caches may keep them for a year, and a
// revalidation (If-None-Match) is answered 304 without reading the file.
import type { FastifyReply, FastifyRequest } from "fastify";
import { contentDisposition } from "./files.name.js";
import type { FileKey, FileStore } from "./files.store.js";

export interface ServedFile {
  key: FileKey;
  /** From the upload's checks (files.check.ts), never from the sender. */
  mediaType: string;
  /** Shown by the browser ("inline") or saved ("attachment") under this name. */
  name: string;
  disposition?: "inline" | "attachment";
  /** False for what only signed-in people may see: no shared cache keeps it. */
  shared: boolean;
}

const YEAR = 31_536_000;

/** Sends the file, or answers null when the store has none under that key (the caller's 404). */
export async function sendStoredFile(
  request: FastifyRequest,
  reply: FastifyReply,
  store: FileStore,
  file: ServedFile,
): Promise<FastifyReply | null> {
  const etag = `"${file.key}"`;
  const cache = `${file.shared ? "public" : "private"}, max-age=${YEAR}, immutable`;
  const asked = request.headers["if-none-match"];
  if (asked?.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag)) {
    if (!(await store.has(file.key))) return null;
    return reply.code(304).header("cache-control", cache).header("etag", etag).send();
  }
  // Nothing is set on the reply before the file is found: a 404 must not be cached for a year.
  const opened = await store.open(file.key);
  if (!opened) return null;
  // Text is UTF-8 (the checks refused anything else); saying so keeps a browser from guessing.
  const type = file.mediaType.startsWith("text/")
    ? `${file.mediaType}; charset=utf-8`
    : file.mediaType;
  return reply
    .header("x-content-type-options", "nosniff")
    .header("cache-control", cache)
    .header("etag", etag)
    .header("content-type", type)
    .header("content-length", opened.size)
    .header("content-disposition", contentDisposition(file.disposition ?? "inline", file.name))
    .send(opened.stream);
}
