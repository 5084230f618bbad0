// Staff's uploads of an item's files: kinds read from the bytes, limits per role, refusals said
// at the field in the page's language, names sanitized, deletion (and the stored file with the
// last row naming it), every change audited. On both databases.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, it } from "node:test";
import { csrfTokenOf, signIn } from "../../../test/support/accounts.js";
import { describeEachDatabase } from "../../../test/support/app.js";
import { buildPerson } from "../../../test/support/builders.js";
import { buildResource, type Resource } from "../../../test/support/resources.js";
import { tinyPng } from "../../campaigns/graphics/fixtures.test-support.js";

const filesDir = mkdtempSync(join(tmpdir(), "cfa-resource-uploads-"));
after(() => rmSync(filesDir, { recursive: true, force: true }));

interface FilePart {
  filename: string;
  type: string;
  bytes: Buffer;
}

function multipartBody(fields: Record<string, string>, file?: FilePart) {
  const boundary = "----cfa-resource-boundary-41c9";
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    );
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from("\r\n"),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

const PDF = Buffer.from("%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n");
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), Buffer.alloc(64)]);
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

describeEachDatabase(
  "a library item's files (staff)",
  { seed: false, env: { FILES_DIR: filesDir } },
  (ctx) => {
    const db = () => ctx.database.db;
    let editor: string;
    let member: string;
    let item: Resource;
    const page = (locale = "") => `${locale}/admin/resources/${item.slug}/files`;

    before(async () => {
      editor = await signIn(ctx.app, (await buildPerson(db(), { role: "coalition_editor" })).email);
      member = await signIn(ctx.app, (await buildPerson(db(), {})).email);
      item = await buildResource(db(), { versions: { en: { title: "Toolkit" } } });
    });

    async function upload(
      fields: Record<string, string>,
      file?: FilePart,
      options: { locale?: string; cookie?: string } = {},
    ) {
      const cookie = options.cookie ?? editor;
      const csrf = await csrfTokenOf(ctx.app, "/account", cookie);
      const body = multipartBody({ _csrf: csrf, ...fields }, file);
      return ctx.app.inject({
        method: "POST",
        url: page(options.locale),
        headers: { cookie, "content-type": body.type },
        payload: body.payload,
      });
    }
    const files = () =>
      db()
        .selectFrom("resource_files")
        .selectAll()
        .where("resource_id", "=", item.id)
        .orderBy("position")
        .execute();
    const fieldError = (html: string) =>
      /<span class="usa-error-message" id="file-file-error">([^<]*)<\/span>/.exec(html)?.[1];

    it("takes a PDF in a language, keeping its sanitized name, and audits it", async () => {
      const res = await upload(
        { role: "document", locale: "es" },
        { filename: "../../etc/kit\u202e.exe", type: "application/octet-stream", bytes: PDF },
      );
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, `/admin/resources/${item.slug}/files?done=added`);
      const [row] = await files();
      assert.equal(row?.filename, "kit.pdf");
      assert.equal(row?.media_type, "application/pdf");
      assert.equal(row?.locale, "es");
      assert.equal(row?.bytes, PDF.length);
      assert.ok(existsSync(join(filesDir, "resources", String(row?.file_key))));
      const audit = await db()
        .selectFrom("audit_log")
        .select(["action"])
        .where("entity_id", "=", item.id)
        .execute();
      assert.deepEqual(audit, [{ action: "resource.file_add" }]);
    });

    it("takes an image without a language, with its alt texts and pixel size", async () => {
      const res = await upload(
        { role: "image", locale: "", alt_en: "A crowd at city hall", alt_es: "Una multitud" },
        { filename: "crowd.png", type: "image/png", bytes: tinyPng(4, 3) },
      );
      assert.equal(res.statusCode, 303);
      const image = (await files()).find((f) => f.role === "image");
      assert.equal(image?.locale, null);
      assert.deepEqual([image?.width, image?.height], [4, 3]);
      const alts = await db()
        .selectFrom("resource_file_alts")
        .select(["locale", "alt"])
        .where("file_id", "=", String(image?.id))
        .orderBy("locale")
        .execute();
      assert.deepEqual(alts, [
        { locale: "en", alt: "A crowd at city hall" },
        { locale: "es", alt: "Una multitud" },
      ]);
    });

    it("refuses a renamed program, an SVG and a too-large image at the field, translated", async () => {
      const before = (await files()).length;
      const program = await upload(
        { role: "document", locale: "en" },
        { filename: "report.pdf", type: "application/pdf", bytes: ELF },
      );
      assert.equal(program.statusCode, 415);
      assert.match(String(fieldError(program.body)), /^This file is a program, whatever its name/);
      const svg = await upload(
        { role: "image", locale: "", alt_en: "Logo" },
        { filename: "logo.png", type: "image/png", bytes: SVG },
        { locale: "/es" },
      );
      assert.equal(svg.statusCode, 415);
      assert.match(String(fieldError(svg.body)), /SVG/);
      assert.match(svg.body, /<html lang="es"/);
      const big = Buffer.concat([tinyPng(2, 2), Buffer.alloc(5 * 1024 * 1024)]);
      const large = await upload(
        { role: "image", locale: "", alt_en: "Big" },
        { filename: "big.png", type: "image/png", bytes: big },
      );
      assert.equal(large.statusCode, 413);
      assert.match(String(fieldError(large.body)), /the limit here is 5 MB/);
      // Over every limit: the parser stops reading, and the page still says why.
      const huge = await upload(
        { role: "document", locale: "en" },
        {
          filename: "huge.pdf",
          type: "application/pdf",
          bytes: Buffer.concat([PDF, Buffer.alloc(21 * 1024 * 1024)]),
        },
      );
      assert.equal(huge.statusCode, 413);
      assert.match(String(fieldError(huge.body)), /over 20 MB/);
      assert.equal((await files()).length, before);
    });

    it("asks for a document's language and an image's alt text", async () => {
      const res = await upload(
        { role: "image", locale: "zh-Hans", alt_en: "English only" },
        { filename: "poster.png", type: "image/png", bytes: tinyPng(2, 2) },
      );
      assert.equal(res.statusCode, 422);
      assert.match(res.body, /id="file-alt_zh-Hans-error">Describe the graphic in its language/);
      const doc = await upload(
        { role: "document", locale: "" },
        { filename: "a.pdf", type: "application/pdf", bytes: PDF },
      );
      assert.match(
        doc.body,
        /id="file-locale-error">Choose the language of the document or captions\./,
      );
    });

    it("takes WebVTT captions in a language, and refuses broken ones with the line at fault", async () => {
      const good = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nI came here at four.\n";
      const res = await upload(
        { role: "captions", locale: "es" },
        { filename: "karen.vtt", type: "text/vtt", bytes: Buffer.from(good) },
      );
      assert.equal(res.statusCode, 303);
      const row = (await files()).find((f) => f.role === "captions");
      assert.deepEqual(
        [row?.media_type, row?.locale, row?.filename],
        ["text/vtt", "es", "karen.vtt"],
      );
      const bad = `${good}\n00:00:05.000 --> 00:00:03.000\nBackwards.\n`;
      const refused = await upload(
        { role: "captions", locale: "en" },
        { filename: "broken.vtt", type: "text/vtt", bytes: Buffer.from(bad) },
      );
      assert.equal(refused.statusCode, 422);
      assert.equal(
        fieldError(refused.body),
        "Line 6: a cue&#39;s end time comes before its start, or is the same.",
      );
    });

    it("is for coalition editors only", async () => {
      const res = await upload(
        { role: "document", locale: "en" },
        { filename: "a.pdf", type: "application/pdf", bytes: PDF },
        { cookie: member },
      );
      assert.equal(res.statusCode, 403);
    });

    it("deletes a file, and the stored bytes with the last row naming them", async () => {
      // The same PDF twice: one stored file, two rows.
      await upload(
        { role: "document", locale: "en" },
        { filename: "copy.pdf", type: "application/pdf", bytes: PDF },
      );
      const docs = (await files()).filter((f) => f.role === "document");
      assert.equal(docs.length, 2);
      const key = join(filesDir, "resources", String(docs[0]?.file_key));
      const remove = async (id: string) => {
        const csrf = await csrfTokenOf(ctx.app, "/account", editor);
        return ctx.app.inject({
          method: "POST",
          url: `${page()}/${id}/delete`,
          headers: { cookie: editor, "content-type": "application/x-www-form-urlencoded" },
          payload: new URLSearchParams({ _csrf: csrf }).toString(),
        });
      };
      assert.equal((await remove(String(docs[0]?.id))).statusCode, 303);
      assert.ok(existsSync(key), "still named by the other row");
      assert.equal((await remove(String(docs[1]?.id))).statusCode, 303);
      assert.ok(!existsSync(key));
      const shown = await ctx.app.inject({
        url: `${page()}?done=deleted`,
        headers: { cookie: editor },
      });
      assert.match(shown.body, /The file was deleted\./);
      assert.ok(!shown.body.includes("copy.pdf"));
      const actions = await db()
        .selectFrom("audit_log")
        .select("action")
        .where("entity_id", "=", item.id)
        .where("action", "=", "resource.file_delete")
        .execute();
      assert.equal(actions.length, 2);
    });
  },
);
