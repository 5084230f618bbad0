// Staff see an item's downloads on its files page: per language, in the last 30 days and in all,
// counted by the public download route, another item's never mixed in, numbers written as the
// page's language writes them. On both databases.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, it } from "node:test";
import { signIn } from "../../../test/support/accounts.js";
import { describeEachDatabase } from "../../../test/support/app.js";
import { buildPerson } from "../../../test/support/builders.js";
import {
  buildResource,
  buildResourceFile,
  type Resource,
} from "../../../test/support/resources.js";

const filesDir = mkdtempSync(join(tmpdir(), "cfa-resource-downloads-"));
after(() => rmSync(filesDir, { recursive: true, force: true }));

const PDF = Buffer.from("%PDF-1.4\n% a toolkit\n%%EOF\n");
const OTHER_PDF = Buffer.from("%PDF-1.4\n% another item\n%%EOF\n");

/** The counts shown in the row of `locale`: [last 30 days, all time], as written. */
function countsOf(html: string, locale: string): [string, string] | undefined {
  const row = new RegExp(`<tr data-locale="${locale}">(.*?)</tr>`, "s").exec(html)?.[1];
  if (!row) return undefined;
  const cells = [...row.matchAll(/<td data-label="[^"]*">([^<]*)<\/td>/g)].map((m) => m[1]);
  return [String(cells[0]), String(cells[1])];
}

describeEachDatabase(
  "an item's downloads (staff)",
  { seed: false, env: { FILES_DIR: filesDir } },
  (ctx) => {
    const db = () => ctx.database.db;
    let editor: string;
    let item: Resource;
    let other: Resource;
    let fileId: string;
    let otherFileId: string;
    const staffPage = (prefix = "") =>
      ctx.app.inject({
        url: `${prefix}/admin/resources/${item.slug}/files`,
        headers: { cookie: editor },
      });

    before(async () => {
      editor = await signIn(ctx.app, (await buildPerson(db(), { role: "coalition_editor" })).email);
      item = await buildResource(db(), { versions: { en: { title: "Toolkit" } } });
      other = await buildResource(db(), { versions: { en: { title: "Another" } } });
      fileId = await buildResourceFile(db(), filesDir, item, PDF, { filename: "kit.pdf" });
      otherFileId = await buildResourceFile(db(), filesDir, other, OTHER_PDF);
    });

    it("says there are none before the first download", async () => {
      const res = await staffPage();
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<h2 id="downloads">Downloads<\/h2>/);
      assert.match(res.body, /No downloads yet\./);
    });

    it("counts a download through the public route, and only this item's", async () => {
      const download = await ctx.app.inject({ url: `/resources/${item.slug}/files/${fileId}` });
      assert.equal(download.statusCode, 200);
      assert.deepEqual(download.rawPayload, PDF);
      for (let i = 0; i < 3; i++) {
        const res = await ctx.app.inject({
          url: `/es/resources/${other.slug}/files/${otherFileId}`,
        });
        assert.equal(res.statusCode, 200);
      }
      const res = await staffPage();
      assert.deepEqual(countsOf(res.body, "en"), ["1", "1"]);
      assert.equal(countsOf(res.body, "es"), undefined, "the other item's downloads");
      assert.doesNotMatch(res.body, /No downloads yet\./);
    });

    it("keeps older days out of the last 30, and writes numbers in the page's language", async () => {
      const day = (daysAgo: number) =>
        new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
      await db()
        .insertInto("resource_downloads")
        .values([
          // The first of the last 30 days counts; the day before it does not.
          { resource_id: item.id, locale: "es", day: day(29), count: 2 },
          { resource_id: item.id, locale: "es", day: day(30), count: 12_345 },
          { resource_id: other.id, locale: "es", day: day(1), count: 7 },
        ])
        .execute();
      assert.deepEqual(countsOf((await staffPage()).body, "es"), ["2", "12,347"]);
      const es = (await staffPage("/es")).body;
      assert.match(es, /<h2 id="downloads">Descargas<\/h2>/);
      assert.match(es, /data-label="Últimos 30 días"/);
      // The site's Spanish is the United States' (es-US): thousands grouped with a comma.
      assert.deepEqual(countsOf(es, "es"), ["2", "12,347"]);
      assert.deepEqual(countsOf(es, "en"), ["1", "1"]);
      const zh = (await staffPage("/zh-hans")).body;
      assert.match(zh, /<th scope="row" data-label="语言">西班牙语<\/th>/);
      assert.deepEqual(countsOf(zh, "es"), ["2", "12,347"]);
    });
  },
);
