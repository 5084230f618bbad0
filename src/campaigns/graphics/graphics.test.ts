import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { csrfTokenOf, signIn } from "../../../test/support/accounts.js";
import { describeEachDatabase } from "../../../test/support/app.js";
import { buildMember, buildPerson } from "../../../test/support/builders.js";
import { buildAction, buildCampaign, type Campaign } from "../../../test/support/campaigns.js";
import { text } from "../../../test/support/html.js";
import { tinyGif, tinyJpeg, tinyPng } from "./fixtures.test-support.js";

const uploads = mkdtempSync(join(tmpdir(), "cfa-graphics-"));
after(() => rmSync(uploads, { recursive: true, force: true }));

interface FilePart {
  name: string;
  filename: string;
  type: string;
  bytes: Buffer;
}

/** A multipart/form-data body as a browser sends it: text fields, then the file. */
function multipartBody(fields: Record<string, string>, file?: FilePart) {
  const boundary = "----cfa-test-boundary-7f3a";
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
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from("\r\n"),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

const png = (bytes = tinyPng(3, 2), filename = "poster.png", type = "image/png") => ({
  name: "file",
  filename,
  type,
  bytes,
});

describeEachDatabase(
  "a social push's graphics",
  { seed: false, env: { UPLOADS_DIR: uploads } },
  (ctx) => {
    const db = () => ctx.database.db;
    let editor: string;
    let member: string;
    let campaign: Campaign;
    let social: { id: string };
    const page = (locale = "") =>
      `${locale}/admin/campaigns/${campaign.slug}/actions/${social.id}/graphics`;

    before(async () => {
      const person = await buildPerson(db(), { role: "coalition_editor" });
      editor = await signIn(ctx.app, person.email);
      const tucson = await buildMember(db(), { name: "Tucson", state: "AZ" });
      const staff = await buildPerson(db(), {
        jurisdiction: tucson,
        membershipRole: "member_admin",
      });
      member = await signIn(ctx.app, staff.email);
      campaign = await buildCampaign(db());
      social = await buildAction(db(), campaign, "social", { title: "Post this week" });
    });

    async function upload(
      fields: Record<string, string>,
      file?: FilePart,
      options: { locale?: string; cookie?: string; csrf?: string } = {},
    ) {
      const cookie = options.cookie ?? editor;
      const csrf = options.csrf ?? (await csrfTokenOf(ctx.app, page(options.locale), editor));
      const body = multipartBody({ _csrf: csrf, ...fields }, file);
      return ctx.app.inject({
        method: "POST",
        url: page(options.locale),
        headers: { cookie, "content-type": body.type },
        payload: body.payload,
      });
    }

    const graphics = () =>
      db()
        .selectFrom("social_graphics")
        .selectAll()
        .where("action_id", "=", social.id)
        .orderBy("created_at")
        .execute();

    it("stores a real PNG and JPEG with their size and alt texts, audited", async () => {
      const first = await upload(
        { alt_en: "A map of member cities", alt_es: "Un mapa de las ciudades miembro" },
        png(),
      );
      assert.equal(first.statusCode, 303, first.body.slice(0, 400));
      assert.match(String(first.headers.location), /\/graphics\?done=added$/);
      const second = await upload(
        { alt_en: "A gray banner" },
        { name: "file", filename: "banner.jpeg", type: "image/jpeg", bytes: tinyJpeg() },
      );
      assert.equal(second.statusCode, 303);
      const rows = await graphics();
      assert.deepEqual(
        rows.map((r) => [r.media_type, r.width, r.height, r.bytes]),
        [
          ["image/png", 3, 2, tinyPng(3, 2).length],
          ["image/jpeg", 16, 8, tinyJpeg().length],
        ],
      );
      const stored = readdirSync(join(uploads, "graphics"));
      for (const r of rows) assert.ok(stored.includes(r.sha256), "the file is named by its hash");
      assert.ok(!stored.some((name) => name.endsWith(".part")), "no half-written file is left");
      const alts = await db()
        .selectFrom("social_graphic_alts")
        .select(["locale", "alt"])
        .where("graphic_id", "=", rows[0]?.id ?? "")
        .orderBy("locale")
        .execute();
      assert.deepEqual(alts, [
        { locale: "en", alt: "A map of member cities" },
        { locale: "es", alt: "Un mapa de las ciudades miembro" },
      ]);
      const audit = await db()
        .selectFrom("audit_log")
        .select("entity_id")
        .where("action", "=", "campaign.social.graphic.add")
        .execute();
      assert.ok(audit.some((a) => a.entity_id === rows[0]?.id));
      const shown = await ctx.app.inject({
        url: `${page()}?done=added`,
        headers: { cookie: editor },
      });
      assert.match(text(shown.body), /The graphic is added/);
      assert.match(shown.body, /alt="A map of member cities"/);
    });

    it("refuses a GIF named .png and text named .jpg by their content, keeping the alt text", async () => {
      const before = (await graphics()).length;
      const gif = await upload({ alt_en: "Kept as typed" }, png(tinyGif(), "fake.png"));
      assert.equal(gif.statusCode, 422);
      assert.match(text(gif.body), /not a PNG, JPEG or WebP image/);
      assert.match(gif.body, /<title>Error:/);
      assert.match(gif.body, />Kept as typed<\/textarea>/);
      assert.match(gif.body, /href="#graphic-file"/);
      const fake = await upload(
        { alt_en: "x" },
        png(Buffer.from("just some text"), "photo.jpg", "image/jpeg"),
        { locale: "/es" },
      );
      assert.equal(fake.statusCode, 422);
      assert.match(text(fake.body), /no es una imagen PNG, JPEG ni WebP/);
      assert.equal((await graphics()).length, before, "nothing is stored");
    });

    it("takes a PNG named .jpg as the PNG it is", async () => {
      const res = await upload(
        { alt_en: "Renamed" },
        png(tinyPng(5, 4), "renamed.jpg", "image/jpeg"),
      );
      assert.equal(res.statusCode, 303);
      const row = (await graphics()).find((g) => g.width === 5);
      assert.equal(row?.media_type, "image/png");
    });

    it("refuses a 6 MB file with 413 at its field, in the page's language", async () => {
      const big = Buffer.concat([tinyPng(3, 2), Buffer.alloc(6 * 1024 * 1024)]);
      const res = await upload({ alt_en: "Too big" }, png(big), { locale: "/zh-hans" });
      assert.equal(res.statusCode, 413);
      assert.match(text(res.body), /此文件超过 5 MB/);
      assert.match(res.body, /id="graphic-file-error"/);
    });

    it("requires English alt text, refuses markup, and needs a file", async () => {
      const res = await upload({ alt_en: "", alt_es: "<b>negrita</b>" });
      assert.equal(res.statusCode, 422);
      const said = text(res.body);
      assert.match(said, /Write the alt text in English/);
      assert.match(said, /Choose an image file to upload/);
      assert.match(res.body, /href="#new-alt-es"/);
    });

    it("refuses an upload without its CSRF token, and member staff", async () => {
      const forged = await upload({ alt_en: "Forged" }, png(), { csrf: "nope" });
      assert.equal(forged.statusCode, 403);
      const staff = await upload({ alt_en: "Member" }, png(), { cookie: member });
      assert.equal(staff.statusCode, 403);
      assert.equal((await graphics()).filter((g) => g.width === 3).length, 1);
    });

    it("serves the image with its type, nosniff, an inline name and a long cache", async () => {
      const [row] = await graphics();
      const res = await ctx.app.inject({ url: `/campaigns/${campaign.slug}/graphics/${row?.id}` });
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers["content-type"], "image/png");
      assert.equal(res.headers["x-content-type-options"], "nosniff");
      assert.match(
        String(res.headers["content-disposition"]),
        /^inline; filename="graphic-[0-9a-f]{8}\.png"$/,
      );
      assert.match(String(res.headers["cache-control"]), /max-age=31536000/);
      assert.deepEqual(res.rawPayload, tinyPng(3, 2));
      assert.equal(res.headers["content-length"], String(tinyPng(3, 2).length));
      const again = await ctx.app.inject({
        url: `/campaigns/${campaign.slug}/graphics/${row?.id}`,
        headers: { "if-none-match": String(res.headers.etag) },
      });
      assert.equal(again.statusCode, 304, "a browser's revalidation costs no bytes");
      const wrong = await ctx.app.inject({ url: `/campaigns/other-slug/graphics/${row?.id}` });
      assert.equal(wrong.statusCode, 404);
    });

    it("shows the alt text in the reader's language on the campaign page, else English marked", async () => {
      const url = (l: string) => `${l}/campaigns/${campaign.slug}`;
      const en = await ctx.app.inject({ url: url("") });
      assert.match(en.body, /<img[^>]*alt="A map of member cities"/);
      assert.match(text(en.body), /3 × 2 pixels, 1 KB/);
      assert.match(en.body, /download="graphic-[0-9a-f]{8}\.jpg"/);
      const es = await ctx.app.inject({ url: url("/es") });
      assert.match(es.body, /<img[^>]*alt="Un mapa de las ciudades miembro"/);
      assert.match(es.body, /<img[^>]*alt="A gray banner" lang="en"/);
      assert.match(text(es.body), /Descargar la imagen 1 \(PNG, 1 KB\)/);
      const zh = await ctx.app.inject({ url: url("/zh-hans") });
      assert.match(zh.body, /<img[^>]*alt="A map of member cities" lang="en"/);
    });

    it("corrects the alt text, and deletes a graphic with its file", async () => {
      const [row] = await graphics();
      const path = `${page()}/${row?.id}`;
      const csrf = await csrfTokenOf(ctx.app, page(), editor);
      const post = (url: string, fields: Record<string, string>) =>
        ctx.app.inject({
          method: "POST",
          url,
          headers: { cookie: editor, "content-type": "application/x-www-form-urlencoded" },
          payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
        });
      const empty = await post(`${path}/alt`, { alt_en: "", "alt_zh-Hans": "成员城市地图" });
      assert.equal(empty.statusCode, 422);
      assert.match(text(empty.body), /Write the alt text in English/);
      assert.match(empty.body, />成员城市地图<\/textarea>/);
      const saved = await post(`${path}/alt`, {
        alt_en: "Member cities",
        "alt_zh-Hans": "成员城市地图",
      });
      assert.equal(saved.statusCode, 303);
      const zh = await ctx.app.inject({ url: `/zh-hans/campaigns/${campaign.slug}` });
      assert.match(zh.body, /<img[^>]*alt="成员城市地图"/);
      const gone = await post(`${path}/delete`, {});
      assert.equal(gone.statusCode, 303);
      assert.equal(
        (await graphics()).some((g) => g.id === row?.id),
        false,
      );
      assert.ok(!readdirSync(join(uploads, "graphics")).includes(row?.sha256 ?? ""));
      const served = await ctx.app.inject({
        url: `/campaigns/${campaign.slug}/graphics/${row?.id}`,
      });
      assert.equal(served.statusCode, 404);
    });

    describe("a members-only campaign", () => {
      let hidden: Campaign;
      let graphicId: string;
      before(async () => {
        hidden = await buildCampaign(db(), { visibility: "members" });
        const action = await buildAction(db(), hidden, "social");
        const path = `/admin/campaigns/${hidden.slug}/actions/${action.id}/graphics`;
        const csrf = await csrfTokenOf(ctx.app, path, editor);
        const body = multipartBody({ _csrf: csrf, alt_en: "Members only" }, png(tinyPng(7, 7)));
        const res = await ctx.app.inject({
          method: "POST",
          url: path,
          headers: { cookie: editor, "content-type": body.type },
          payload: body.payload,
        });
        assert.equal(res.statusCode, 303);
        const row = await db()
          .selectFrom("social_graphics")
          .select("id")
          .where("action_id", "=", action.id)
          .executeTakeFirstOrThrow();
        graphicId = row.id;
      });

      it("does not serve its graphic to the public, only to members", async () => {
        const url = `/campaigns/${hidden.slug}/graphics/${graphicId}`;
        const anonymous = await ctx.app.inject({ url });
        assert.notEqual(anonymous.statusCode, 200);
        assert.notEqual(anonymous.headers["content-type"], "image/png");
        const seen = await ctx.app.inject({ url, headers: { cookie: member } });
        assert.equal(seen.statusCode, 200);
        assert.match(String(seen.headers["cache-control"]), /^private/);
      });
    });
  },
);
