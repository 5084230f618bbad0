// An item's files: listed on its page in the reader's language (or labelled), served only for
// visible items, each download counted once, with nothing about the reader.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, it } from "node:test";
import type { Kysely } from "kysely";
import { describeEachDatabase } from "../../../test/support/app.js";
import { buildResource, type Resource } from "../../../test/support/resources.js";
import type { DB } from "../../db/index.js";
import { resourcesStore } from "../resources.store.js";

const filesDir = mkdtempSync(join(tmpdir(), "cfa-resource-files-"));
after(() => rmSync(filesDir, { recursive: true, force: true }));

const PDF_EN = Buffer.from("%PDF-1.4\n% the English toolkit\n%%EOF\n");
const PDF_ES = Buffer.from("%PDF-1.4\n% el kit en español\n%%EOF\n");
const PNG = Buffer.concat([Buffer.from("89504e470d0a1a0a", "hex"), Buffer.alloc(3000, 1)]);

async function addFile(
  db: Kysely<DB>,
  resource: Resource,
  bytes: Buffer,
  row: {
    role: "document" | "image" | "captions";
    locale: string | null;
    media_type: string;
    filename: string;
  },
  alts: Record<string, string> = {},
) {
  const { key, size } = await resourcesStore(filesDir).put(bytes);
  const id = randomUUID();
  await db
    .insertInto("resource_files")
    .values({
      id,
      resource_id: resource.id,
      file_key: key,
      bytes: size,
      width: null,
      height: null,
      created_at: new Date().toISOString(),
      ...row,
    })
    .execute();
  for (const [locale, alt] of Object.entries(alts))
    await db.insertInto("resource_file_alts").values({ file_id: id, locale, alt }).execute();
  return id;
}

describeEachDatabase("resource files", { seed: false, env: { FILES_DIR: filesDir } }, (ctx) => {
  let toolkit: Resource;
  let hidden: Resource;
  const ids = { en: "", es: "", png: "", hidden: "" };
  before(async () => {
    const db = ctx.database.db;
    toolkit = await buildResource(db, {
      versions: { en: { title: "Toolkit" }, es: { title: "Kit" }, "zh-Hans": { title: "工具包" } },
    });
    hidden = await buildResource(db, { status: "draft", published_at: null });
    ids.en = await addFile(db, toolkit, PDF_EN, {
      role: "document",
      locale: "en",
      media_type: "application/pdf",
      filename: "toolkit.pdf",
    });
    ids.es = await addFile(db, toolkit, PDF_ES, {
      role: "document",
      locale: "es",
      media_type: "application/pdf",
      filename: "kit español.pdf",
    });
    ids.png = await addFile(
      db,
      toolkit,
      PNG,
      { role: "image", locale: null, media_type: "image/png", filename: "rally" },
      { en: "Neighbors at a rally", es: "Vecinos en una manifestación" },
    );
    ids.hidden = await addFile(db, hidden, PDF_EN, {
      role: "document",
      locale: "en",
      media_type: "application/pdf",
      filename: "draft.pdf",
    });
  });
  const get = (url: string, headers: Record<string, string> = {}) =>
    ctx.app.inject({ url, headers });
  const counts = () =>
    ctx.database.db
      .selectFrom("resource_downloads")
      .select(["locale", "count"])
      .where("resource_id", "=", toolkit.id)
      .orderBy("locale")
      .execute();

  it("lists the reader's documents and the images with alt text, size and type", async () => {
    const es = (await get(`/es/resources/${toolkit.slug}`)).body;
    assert.match(
      es,
      new RegExp(
        `<a href="/es/resources/${toolkit.slug}/files/${ids.es}">kit español\\.pdf</a> <span class="usa-hint">\\(PDF, 1 KB\\)</span>`,
      ),
    );
    assert.ok(!es.includes(ids.en), "the English document is not offered to a Spanish reader");
    assert.match(es, /alt="Vecinos en una manifestación"/);
    assert.match(es, new RegExp(`src="/es/resources/${toolkit.slug}/files/${ids.png}\\?view=1"`));
    assert.match(es, /\(PNG, 3 KB\)/);
    // Chinese has no document and no alt text: English's, labelled, with its language.
    const zh = (await get(`/zh-hans/resources/${toolkit.slug}`)).body;
    assert.match(
      zh,
      new RegExp(
        `<a href="/zh-hans/resources/${toolkit.slug}/files/${ids.en}" lang="en" dir="ltr">toolkit\\.pdf</a>`,
      ),
    );
    assert.match(zh, /alt="Neighbors at a rally" lang="en" dir="ltr"/);
    assert.match(zh, /以英语显示：尚未翻译。/);
  });

  it("a video lists its captions, the reader's language first, served as WebVTT", async () => {
    const db = ctx.database.db;
    const video = await buildResource(db, {
      type: "video",
      video_url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    });
    const vtt = Buffer.from("WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nHola.\n");
    const row = { role: "captions" as const, media_type: "text/vtt", filename: "story.vtt" };
    await addFile(db, video, Buffer.from("WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nHi.\n"), {
      ...row,
      locale: "en",
    });
    const es = await addFile(db, video, vtt, { ...row, locale: "es" });
    const page = (await get(`/es/resources/${video.slug}?play=1`)).body;
    assert.match(
      page,
      new RegExp(
        `<h3>Subtítulos</h3><ul class="usa-list cfa-resource-captions"><li><a href="/es/resources/${video.slug}/files/${es}" hreflang="es">Subtítulos en español \\(WebVTT\\)</a>`,
      ),
    );
    assert.match(page, /hreflang="en">Subtítulos en inglés \(WebVTT\)<\/a>/);
    const served = await get(`/es/resources/${video.slug}/files/${es}`);
    assert.equal(served.headers["content-type"], "text/vtt; charset=utf-8");
    assert.equal(served.body, vtt.toString());
  });

  it("serves a file with its type, length, name and cache headers", async () => {
    const res = await get(`/resources/${toolkit.slug}/files/${ids.png}`);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers["content-type"], "image/png");
    assert.equal(res.headers["content-length"], String(PNG.length));
    assert.equal(res.headers["content-disposition"], 'attachment; filename="rally.png"');
    assert.equal(res.headers["x-content-type-options"], "nosniff");
    assert.equal(res.headers["cache-control"], "public, max-age=31536000, immutable");
    assert.equal(res.headers["set-cookie"], undefined);
    assert.deepEqual(res.rawPayload, PNG);
    const pdf = await get(`/es/resources/${toolkit.slug}/files/${ids.es}`);
    assert.equal(pdf.headers["content-type"], "application/pdf");
    assert.match(
      String(pdf.headers["content-disposition"]),
      /^inline; filename="kit espa.*\.pdf"; filename\*=UTF-8''kit%20espa%C3%B1ol\.pdf$/,
    );
  });

  it("a hidden item's file, a file of another item and a malformed address are 404", async () => {
    for (const url of [
      `/resources/${hidden.slug}/files/${ids.hidden}`,
      `/resources/${toolkit.slug}/files/${ids.hidden}`,
      `/resources/${toolkit.slug}/files/not-a-uuid`,
      `/resources/${toolkit.slug}/files/${randomUUID()}`,
    ]) {
      const res = await get(url);
      assert.equal(res.statusCode, 404, url);
      assert.ok(!String(res.headers["cache-control"] ?? "").includes("immutable"), url);
    }
  });

  it("counts each download once, by the file's language or the reader's, and nothing else", async () => {
    await ctx.database.db.deleteFrom("resource_downloads").execute();
    await get(`/resources/${toolkit.slug}/files/${ids.en}`);
    await get(`/zh-hans/resources/${toolkit.slug}/files/${ids.en}`);
    await get(`/zh-hans/resources/${toolkit.slug}/files/${ids.png}`);
    // Shown on the page, a revalidation and a hidden item's file: no download.
    await get(`/zh-hans/resources/${toolkit.slug}/files/${ids.png}?view=1`);
    const key = (await get(`/resources/${toolkit.slug}/files/${ids.png}`)).headers.etag;
    const again = await get(`/resources/${toolkit.slug}/files/${ids.png}`, {
      "if-none-match": String(key),
    });
    assert.equal(again.statusCode, 304);
    await get(`/resources/${hidden.slug}/files/${ids.hidden}`);
    assert.deepEqual(await counts(), [
      { locale: "en", count: 3 },
      { locale: "zh-Hans", count: 1 },
    ]);
    const days = await ctx.database.db
      .selectFrom("resource_downloads")
      .select("day")
      .distinct()
      .execute();
    assert.deepEqual(days, [{ day: new Date().toISOString().slice(0, 10) }]);
  });
});
