import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import Fastify from "fastify";
import { sendStoredFile } from "./files.serve.js";
import { directoryStore, keyOf } from "./files.store.js";

const dir = mkdtempSync(join(tmpdir(), "cfa-serve-"));
const store = directoryStore(dir);
const app = Fastify();
after(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

const toolkit = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(70_000, 0x20)]);
const captions = Buffer.from("WEBVTT\n\n00:01.000 --> 00:02.000\n家庭应该团聚\n");

describe("sendStoredFile", () => {
  before(async () => {
    await store.put(toolkit);
    await store.put(captions);
    app.get<{ Params: { key: string }; Querystring: { name?: string; members?: string } }>(
      "/files/:key",
      async (request, reply) => {
        const text = request.params.key === keyOf(captions);
        const sent = await sendStoredFile(request, reply, store, {
          key: request.params.key,
          mediaType: text ? "text/vtt" : "application/pdf",
          name: request.query.name ?? "file",
          disposition: text ? "inline" : "attachment",
          shared: request.query.members === undefined,
        });
        return sent ?? reply.code(404).send("none");
      },
    );
    await app.ready();
  });

  it("sends the bytes with their type, length, a safe name, nosniff and a year's cache", async () => {
    const res = await app.inject({
      url: `/files/${keyOf(toolkit)}?name=${encodeURIComponent('../Guía "final".pdf')}`,
    });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.rawPayload, toolkit);
    assert.equal(res.headers["content-type"], "application/pdf");
    assert.equal(res.headers["content-length"], String(toolkit.length));
    assert.equal(res.headers["x-content-type-options"], "nosniff");
    assert.equal(
      res.headers["content-disposition"],
      "attachment; filename=\"Guia final.pdf\"; filename*=UTF-8''Gu%C3%ADa%20final.pdf",
    );
    assert.equal(res.headers["cache-control"], "public, max-age=31536000, immutable");
    assert.equal(res.headers.etag, `"${keyOf(toolkit)}"`);
  });

  it("says text is UTF-8, and keeps what members see out of shared caches", async () => {
    const res = await app.inject({ url: `/files/${keyOf(captions)}?name=story.vtt&members=1` });
    assert.equal(res.headers["content-type"], "text/vtt; charset=utf-8");
    assert.equal(res.headers["content-disposition"], 'inline; filename="story.vtt"');
    assert.equal(res.headers["cache-control"], "private, max-age=31536000, immutable");
    assert.equal(res.body, captions.toString());
  });

  it("answers a revalidation with 304 and no body", async () => {
    const res = await app.inject({
      url: `/files/${keyOf(toolkit)}`,
      headers: { "if-none-match": `W/"nope", "${keyOf(toolkit)}"` },
    });
    assert.equal(res.statusCode, 304);
    assert.equal(res.rawPayload.length, 0);
  });

  it("answers null for a missing file, leaving no cache header for the 404", async () => {
    const missing = keyOf(Buffer.from("never stored"));
    const res = await app.inject({ url: `/files/${missing}` });
    assert.equal(res.statusCode, 404);
    assert.equal(res.headers["cache-control"], undefined);
    assert.equal(res.headers.etag, undefined);
    const revalidated = await app.inject({
      url: `/files/${missing}`,
      headers: { "if-none-match": `"${missing}"` },
    });
    assert.equal(revalidated.statusCode, 404, "a deleted file is not kept alive by a 304");
  });
});
