import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { setImmediate as yieldToOthers } from "node:timers/promises";
import {
  directoryStore,
  FileTooLargeError,
  fileStore,
  isTemporaryName,
  keyOf,
} from "./files.store.js";

const root = mkdtempSync(join(tmpdir(), "cfa-files-"));
after(() => rmSync(root, { recursive: true, force: true }));
let folders = 0;
const freshDir = () => join(root, `store-${++folders}`);

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

/** `count` chunks of 64 KB, each different, handing control to others between chunks. */
async function* slowChunks(count: number, failAt?: number) {
  for (let i = 0; i < count; i++) {
    if (i === failAt) throw new Error("the upload was cut off");
    yield Buffer.alloc(64 * 1024, i % 251);
    await yieldToOthers();
  }
}

const wholeOf = (count: number) =>
  Buffer.concat(Array.from({ length: count }, (_, i) => Buffer.alloc(64 * 1024, i % 251)));

describe("the directory file store", () => {
  it("names a file by the SHA-256 of its bytes and keeps the same bytes once", async () => {
    const dir = freshDir();
    const store = directoryStore(dir);
    const bytes = Buffer.from("Cities for Action toolkit, page 1");
    const first = await store.put(bytes);
    assert.deepEqual(first, { key: sha256(bytes), size: bytes.length });
    assert.equal(keyOf(bytes), first.key);
    const again = await store.put(
      (async function* () {
        yield bytes.subarray(0, 7);
        yield bytes.subarray(7);
      })(),
    );
    assert.deepEqual(again, first, "the same content streamed in pieces is the same file");
    assert.deepEqual(readdirSync(dir), [first.key]);
    assert.deepEqual(readFileSync(join(dir, first.key)), bytes);
  });

  it("opens a file as a stream with its size, reads it, tells whether it has it, deletes it", async () => {
    const store = directoryStore(freshDir());
    const { key } = await store.put(Buffer.from("WEBVTT\n"));
    const opened = await store.open(key);
    assert.equal(opened?.size, 7);
    const chunks: Buffer[] = [];
    for await (const chunk of opened?.stream ?? []) chunks.push(chunk as Buffer);
    assert.equal(Buffer.concat(chunks).toString(), "WEBVTT\n");
    assert.equal((await store.read(key))?.toString(), "WEBVTT\n");
    assert.equal(await store.has(key), true);
    await store.delete(key);
    assert.equal(await store.has(key), false);
    assert.equal(await store.open(key), null);
    assert.equal(await store.read(key), null);
    await store.delete(key); // a second delete is not an error
  });

  it("never takes a name from outside as a key", async () => {
    const store = directoryStore(freshDir());
    await assert.rejects(store.open("../../etc/passwd"), /not a file key/);
    await assert.rejects(store.delete("A".repeat(64)), /not a file key/);
    assert.throws(() => fileStore(root, "../graphics"), /not an area name/);
  });

  it("keeps each area in its own folder: <filesDir>/<area>/<key>", async () => {
    const filesDir = freshDir();
    const { key } = await fileStore(filesDir, "graphics").put(Buffer.from("a graphic"));
    assert.deepEqual(readdirSync(join(filesDir, "graphics")), [key]);
    assert.equal(await fileStore(filesDir, "resources").has(key), false);
  });

  it("never lets a reader see a file shorter than the whole while a large write goes on", async () => {
    const dir = freshDir();
    const store = directoryStore(dir);
    const count = 128; // 8 MB
    const whole = wholeOf(count);
    const key = sha256(whole);
    let writing = true;
    const seen = { absent: 0, absentWhileTemporary: 0, whole: 0, partial: [] as number[] };
    const reader = (async () => {
      while (writing) {
        const opened = await store.open(key);
        if (!opened) {
          seen.absent += 1;
          // The store makes its directory with the first write: before that, nothing is there.
          const names = existsSync(dir)
            ? readdirSync(dir, { withFileTypes: false }).map(String)
            : [];
          if (names.some(isTemporaryName)) seen.absentWhileTemporary += 1;
        } else {
          let length = 0;
          for await (const chunk of opened.stream) length += (chunk as Buffer).length;
          if (opened.size === whole.length && length === whole.length) seen.whole += 1;
          else seen.partial.push(length);
        }
        await yieldToOthers();
      }
    })();
    const stored = await store.put(slowChunks(count));
    // One more look after the rename, then the reader stops.
    await yieldToOthers();
    await yieldToOthers();
    writing = false;
    await reader;
    assert.deepEqual(stored, { key, size: whole.length });
    assert.deepEqual(seen.partial, [], "no read ever saw part of the file");
    assert.ok(seen.absentWhileTemporary > 10, "the reader polled while the write was going on");
    assert.ok(seen.whole >= 1, "the reader saw the whole file once it was there");
    assert.deepEqual(readdirSync(dir), [key], "no temporary file is left");
  });

  it("leaves nothing behind, temporary file included, when a write fails midway", async () => {
    const dir = freshDir();
    const store = directoryStore(dir);
    await assert.rejects(store.put(slowChunks(64, 40)), /the upload was cut off/);
    assert.deepEqual(readdirSync(dir), []);
    await assert.rejects(store.put(slowChunks(64), { maxBytes: 1024 * 1024 }), (error) => {
      assert.ok(error instanceof FileTooLargeError);
      assert.equal(error.maxBytes, 1024 * 1024);
      return true;
    });
    assert.deepEqual(readdirSync(dir), []);
    const exact = await store.put(slowChunks(16), { maxBytes: 1024 * 1024 });
    assert.equal(exact.size, 1024 * 1024, "a file of exactly the limit is taken");
  });
});
