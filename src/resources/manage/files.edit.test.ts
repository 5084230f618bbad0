// Staff edit an uploaded image's descriptions per language and move an item's files up and down
// the list readers see: each change audited, the required description refused when empty (422 at
// its field, translated), another item's file not found. On both databases.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, it } from "node:test";
import { postAsSignedIn, signIn } from "../../../test/support/accounts.js";
import { describeEachDatabase } from "../../../test/support/app.js";
import { buildPerson } from "../../../test/support/builders.js";
import {
  buildResource,
  buildResourceFile,
  type Resource,
} from "../../../test/support/resources.js";
import { tinyPng } from "../../campaigns/graphics/fixtures.test-support.js";

const filesDir = mkdtempSync(join(tmpdir(), "cfa-resource-file-edits-"));
after(() => rmSync(filesDir, { recursive: true, force: true }));

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`);

describeEachDatabase(
  "a library item's files: descriptions and order (staff)",
  { seed: false, env: { FILES_DIR: filesDir } },
  (ctx) => {
    const db = () => ctx.database.db;
    let editor: string;
    let item: Resource;
    let other: Resource;
    const ids = { doc: "", image: "", poster: "", otherDoc: "" };

    before(async () => {
      editor = await signIn(ctx.app, (await buildPerson(db(), { role: "coalition_editor" })).email);
      item = await buildResource(db(), { versions: { en: { title: "Toolkit" } } });
      other = await buildResource(db(), { versions: { en: { title: "Another" } } });
      ids.doc = await buildResourceFile(db(), filesDir, item, pdf("kit"), {
        filename: "kit.pdf",
        position: 0,
      });
      ids.image = await buildResourceFile(db(), filesDir, item, tinyPng(3, 2), {
        role: "image",
        locale: null,
        media_type: "image/png",
        filename: "rally.png",
        alts: { en: "Neighbors at a rally", es: "Vecinos en una manifestación" },
        position: 1,
      });
      ids.poster = await buildResourceFile(db(), filesDir, item, tinyPng(2, 2), {
        role: "image",
        locale: "es",
        media_type: "image/png",
        filename: "cartel.png",
        alts: { es: "Un cartel" },
        position: 2,
      });
      ids.otherDoc = await buildResourceFile(db(), filesDir, other, pdf("other"));
    });

    async function post(path: string, body: Record<string, string>, locale = "") {
      return postAsSignedIn(ctx.app, editor, `${locale}/admin/resources/${path}`, body);
    }
    const alts = (fileId: string) =>
      db()
        .selectFrom("resource_file_alts")
        .select(["locale", "alt"])
        .where("file_id", "=", fileId)
        .orderBy("locale")
        .execute();
    const order = async () =>
      (
        await db()
          .selectFrom("resource_files")
          .select("id")
          .where("resource_id", "=", item.id)
          .orderBy("position")
          .execute()
      ).map((r) => r.id);
    const audits = (action: string) =>
      db()
        .selectFrom("audit_log")
        .select(["before", "after"])
        .where("entity_id", "=", item.id)
        .where("action", "=", action)
        .execute();
    const fieldError = (html: string, fileId: string, name: string) =>
      new RegExp(`id="alt-${fileId}-${name}-error">([^<]*)</span>`).exec(html)?.[1];

    it("offers each image's descriptions to edit, and the order buttons", async () => {
      const res = await ctx.app.inject({
        url: `/admin/resources/${item.slug}/files`,
        headers: { cookie: editor },
      });
      assert.equal(res.statusCode, 200);
      assert.match(
        res.body,
        new RegExp(`action="/admin/resources/${item.slug}/files/${ids.image}/alt"`),
      );
      assert.match(
        res.body,
        new RegExp(`id="alt-${ids.image}-alt_es"[^>]*value="Vecinos en una manifestación"`),
      );
      assert.ok(!res.body.includes(`files/${ids.doc}/alt`), "a document has no descriptions");
      assert.match(res.body, />Move kit\.pdf down</);
      assert.ok(!res.body.includes(">Move kit.pdf up<"), "the first cannot go up");
    });

    it("saves an image's descriptions, an emptied one removed, and audits them", async () => {
      const res = await post(`${item.slug}/files/${ids.image}/alt`, {
        alt_en: "Neighbors marching to city hall",
        alt_es: "",
        "alt_zh-Hans": "邻居们走向市政厅",
      });
      assert.equal(res.statusCode, 303);
      assert.equal(
        res.headers.location,
        `/admin/resources/${item.slug}/files?done=alt#resource-file-${ids.image}`,
      );
      assert.deepEqual(await alts(ids.image), [
        { locale: "en", alt: "Neighbors marching to city hall" },
        { locale: "zh-Hans", alt: "邻居们走向市政厅" },
      ]);
      const [audit] = await audits("resource.file_alt");
      assert.match(String(audit?.before), /Vecinos en una manifestación/);
      assert.match(String(audit?.after), /邻居们走向市政厅/);
      const public_ = await ctx.app.inject({ url: `/zh-hans/resources/${item.slug}` });
      assert.match(public_.body, /alt="邻居们走向市政厅"/);
    });

    it("refuses the required description empty (422, at its field, translated)", async () => {
      const before = await alts(ids.image);
      const res = await post(`${item.slug}/files/${ids.image}/alt`, { alt_en: "", alt_es: "Algo" });
      assert.equal(res.statusCode, 422);
      assert.equal(
        fieldError(res.body, ids.image, "alt_en"),
        "Describe the graphic in its language (English for a graphic without words).",
      );
      assert.match(res.body, new RegExp(`href="#alt-${ids.image}-alt_en"`), "in the summary");
      assert.match(res.body, /<details class="cfa-resource-alts" open>/);
      // A Spanish graphic needs its Spanish description, said in the page's language.
      const es = await post(
        `${item.slug}/files/${ids.poster}/alt`,
        { alt_en: "A poster", alt_es: "" },
        "/es",
      );
      assert.equal(es.statusCode, 422);
      assert.equal(
        fieldError(es.body, ids.poster, "alt_es"),
        "Describa el gráfico en su idioma (en inglés si no tiene palabras).",
      );
      assert.match(es.body, /value="A poster"/, "what was typed is kept");
      const long = await post(`${item.slug}/files/${ids.image}/alt`, { alt_en: "x".repeat(1001) });
      assert.equal(long.statusCode, 422);
      assert.match(String(fieldError(long.body, ids.image, "alt_en")), /1,?001.*1,?000/);
      assert.deepEqual(await alts(ids.image), before);
      assert.deepEqual(await alts(ids.poster), [{ locale: "es", alt: "Un cartel" }]);
    });

    it("moves a file up and down, audited; past either end nothing changes", async () => {
      const moved = await post(`${item.slug}/files/${ids.poster}/move`, { move: "up" });
      assert.equal(moved.statusCode, 303);
      assert.equal(
        moved.headers.location,
        `/admin/resources/${item.slug}/files?done=moved#resource-file-${ids.poster}`,
      );
      assert.deepEqual(await order(), [ids.doc, ids.poster, ids.image]);
      assert.equal(
        (await post(`${item.slug}/files/${ids.doc}/move`, { move: "down" })).statusCode,
        303,
      );
      assert.deepEqual(await order(), [ids.poster, ids.doc, ids.image]);
      const [first] = await audits("resource.file_move");
      assert.deepEqual(JSON.parse(String(first?.before)), {
        files: [ids.doc, ids.image, ids.poster],
      });
      assert.deepEqual(JSON.parse(String(first?.after)), {
        files: [ids.doc, ids.poster, ids.image],
      });
      await post(`${item.slug}/files/${ids.poster}/move`, { move: "up" });
      await post(`${item.slug}/files/${ids.image}/move`, { move: "down" });
      assert.deepEqual(await order(), [ids.poster, ids.doc, ids.image]);
      assert.equal((await audits("resource.file_move")).length, 2);
      // Readers see the new order: the Spanish page lists the poster before the rally.
      const es = (await ctx.app.inject({ url: `/es/resources/${item.slug}` })).body;
      assert.ok(es.indexOf(ids.poster) < es.indexOf(ids.image), "poster first");
    });

    it("refuses another item's file, a document's descriptions and an unknown move", async () => {
      for (const action of ["alt", "move", "delete"]) {
        const res = await post(`${item.slug}/files/${ids.otherDoc}/${action}`, {
          alt_en: "Stolen",
          move: "up",
        });
        assert.equal(res.statusCode, 404, action);
      }
      const doc = await post(`${item.slug}/files/${ids.doc}/alt`, { alt_en: "A document" });
      assert.equal(doc.statusCode, 404);
      const sideways = await post(`${item.slug}/files/${ids.doc}/move`, { move: "left" });
      assert.equal(sideways.statusCode, 422);
      const rows = await db()
        .selectFrom("resource_files")
        .select("id")
        .where("id", "=", ids.otherDoc)
        .execute();
      assert.equal(rows.length, 1, "the other item's file is still there");
      assert.deepEqual(await alts(ids.doc), []);
    });
  },
);
