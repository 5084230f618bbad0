// Stored files behind one small interface, named by the SHA-256 of their content (the same bytes
// twice are one file). The default is a folder on disk; an S3-compatible store can take the same
// interface (README.md says what it needs). A writer never exposes half a file: bytes go to a
// temporary name in the same folder, are flushed to disk, then renamed over the final name, which
// POSIX makes atomic for every reader, in this process or another on the same machine.
import { createHash, randomUUID } from "node:crypto";
import { mkdir, open, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Readable } from "node:stream";

/** A stored file's key: the lowercase hex SHA-256 of its bytes. */
export type FileKey = string;

const KEY = /^[0-9a-f]{64}$/;

export const isFileKey = (value: string): value is FileKey => KEY.test(value);

/** The key the store gives these bytes. */
export const keyOf = (bytes: Uint8Array): FileKey =>
  createHash("sha256").update(bytes).digest("hex");

export interface StoredFile {
  key: FileKey;
  /** In bytes. */
  size: number;
}

export interface OpenedFile {
  size: number;
  /** The whole file; it stays readable to its end even if the file is deleted meanwhile. */
  stream: Readable;
}

export interface PutOptions {
  /** Refuse (FileTooLargeError) once more than this many bytes have come; nothing is kept. */
  maxBytes?: number;
}

/**
 * What every store promises: `put` is atomic (a reader sees no file or the whole file, never
 * part of one) and leaves nothing behind when it fails; keys are the content's SHA-256, so a
 * `put` of bytes already there changes nothing; `delete` of a missing key is not an error.
 * Nothing here counts who uses a file: its owner decides when to delete it.
 */
export interface FileStore {
  put(content: Uint8Array | AsyncIterable<Uint8Array>, options?: PutOptions): Promise<StoredFile>;
  /** The file's size and bytes as a stream, or null when there is none. */
  open(key: FileKey): Promise<OpenedFile | null>;
  /** The whole file in memory, for small files; null when there is none. */
  read(key: FileKey): Promise<Buffer | null>;
  has(key: FileKey): Promise<boolean>;
  delete(key: FileKey): Promise<void>;
}

export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`the file is larger than ${maxBytes} bytes`);
    this.name = "FileTooLargeError";
  }
}

/** A temporary file's name: a dot first, so it can never be taken for a key. */
const TEMPORARY = /^\.[0-9a-f-]{36}\.part$/;

export const isTemporaryName = (name: string) => TEMPORARY.test(name);

/**
 * A feature's files: `<filesDir>/<area>/<key>`. Each feature has its own area because it alone
 * knows when a file is no longer used (its rows name it); two features sharing one key space
 * could each delete a file the other still serves.
 */
export function fileStore(filesDir: string, area: string): FileStore {
  if (!/^[a-z][a-z0-9-]{0,39}$/.test(area)) throw new Error(`not an area name: ${area}`);
  return directoryStore(join(filesDir, area));
}

/** Files in one folder, each named by its key. */
export function directoryStore(dir: string): FileStore {
  const pathOf = (key: FileKey) => {
    // Only a key we computed ever becomes a path: no name from outside reaches the disk.
    if (!isFileKey(key)) throw new Error(`not a file key: ${key}`);
    return join(dir, key);
  };
  const missing = (error: unknown) => (error as NodeJS.ErrnoException).code === "ENOENT";

  return {
    async put(content, options = {}) {
      await mkdir(dir, { recursive: true });
      const temporary = join(dir, `.${randomUUID()}.part`);
      const handle = await open(temporary, "wx", 0o644);
      const hash = createHash("sha256");
      let size = 0;
      let closed = false;
      try {
        for await (const chunk of chunksOf(content)) {
          size += chunk.length;
          if (options.maxBytes !== undefined && size > options.maxBytes) {
            throw new FileTooLargeError(options.maxBytes);
          }
          hash.update(chunk);
          await handle.write(chunk);
        }
        // On disk before it has its name: after a crash the name never points at lost bytes.
        await handle.sync();
        await handle.close();
        closed = true;
        const key = hash.digest("hex");
        await rename(temporary, pathOf(key));
        await syncFolder(dir);
        return { key, size };
      } catch (error) {
        if (!closed) await handle.close().catch(() => {});
        await rm(temporary, { force: true });
        throw error;
      }
    },

    async open(key) {
      let handle: Awaited<ReturnType<typeof open>>;
      try {
        handle = await open(pathOf(key), "r");
      } catch (error) {
        if (missing(error)) return null;
        throw error;
      }
      try {
        const { size } = await handle.stat();
        return { size, stream: handle.createReadStream({ autoClose: true }) };
      } catch (error) {
        await handle.close();
        throw error;
      }
    },

    async read(key) {
      const opened = await this.open(key);
      if (!opened) return null;
      const chunks: Buffer[] = [];
      for await (const chunk of opened.stream) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },

    async has(key) {
      try {
        return (await stat(pathOf(key))).isFile();
      } catch (error) {
        if (missing(error)) return false;
        throw error;
      }
    },

    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}

async function* chunksOf(content: Uint8Array | AsyncIterable<Uint8Array>) {
  if (content instanceof Uint8Array) {
    yield content;
    return;
  }
  for await (const chunk of content) {
    yield typeof chunk === "string" ? Buffer.from(chunk) : chunk;
  }
}

/** The rename itself made durable; a folder cannot be opened for syncing on every system. */
async function syncFolder(dir: string) {
  const handle = await open(dir, "r").catch(() => null);
  if (!handle) return;
  await handle.sync().catch(() => {});
  await handle.close();
}
