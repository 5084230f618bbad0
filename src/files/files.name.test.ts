import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { contentDisposition, NAME_MAX, safeFileName, withExtension } from "./files.name.js";

describe("safeFileName", () => {
  it("keeps only the last part of a path, Unix or Windows", () => {
    assert.equal(safeFileName("../../etc/passwd"), "passwd");
    assert.equal(safeFileName("C:\\x\\y.pdf"), "y.pdf");
    assert.equal(safeFileName("..\\..\\boot.ini"), "boot.ini");
    assert.equal(safeFileName("/"), "file");
    assert.equal(safeFileName(".."), "file");
  });

  it("removes control and format characters, quotes and characters no file system takes", () => {
    assert.equal(safeFileName('toolkit"\r\nSet-Cookie: x.pdf'), "toolkitSet-Cookie x.pdf");
    // U+202E turns "report\u202Efdp.exe" into what reads as "reportexe.pdf".
    assert.equal(safeFileName("report\u202efdp.exe"), "reportfdp.exe");
    assert.equal(safeFileName("a'b`c<d>e|f?g*h:i.txt"), "abcdefghi.txt");
    assert.equal(safeFileName("  .hidden  name .pdf. "), "hidden name .pdf");
  });

  it("keeps Unicode letters, in their composed form", () => {
    assert.equal(safeFileName("Guía de mensajes 2024.pdf"), "Guía de mensajes 2024.pdf");
    assert.equal(safeFileName("移民改革工具包.pdf"), "移民改革工具包.pdf");
    assert.equal(safeFileName("Gui\u0301a.pdf"), "Guía.pdf");
  });

  it("cuts a long name to NAME_MAX characters, keeping its extension", () => {
    const long = `${"文".repeat(300)}.pdf`;
    const safe = safeFileName(long);
    assert.equal([...safe].length, NAME_MAX);
    assert.ok(safe.endsWith("文.pdf"));
    assert.equal([...safeFileName("x".repeat(500))].length, NAME_MAX);
  });

  it("names a file with the extension of its real kind", () => {
    assert.equal(withExtension("poster.jpg", "png"), "poster.png");
    assert.equal(withExtension("../captions", "vtt"), "captions.vtt");
  });
});

describe("contentDisposition", () => {
  it("gives an ASCII name as it is", () => {
    assert.equal(
      contentDisposition("inline", "graphic-1a2b3c4d.png"),
      'inline; filename="graphic-1a2b3c4d.png"',
    );
  });

  it("adds filename* (RFC 5987, UTF-8) for any other name, with an ASCII fallback", () => {
    assert.equal(
      contentDisposition("attachment", "Guía (final).pdf"),
      "attachment; filename=\"Guia (final).pdf\"; filename*=UTF-8''Gu%C3%ADa%20%28final%29.pdf",
    );
    assert.equal(
      contentDisposition("attachment", "移民 toolkit.pdf"),
      "attachment; filename=\"__ toolkit.pdf\"; filename*=UTF-8''%E7%A7%BB%E6%B0%91%20toolkit.pdf",
    );
    assert.equal(
      contentDisposition("attachment", '../"a"\\b.pdf'),
      'attachment; filename="b.pdf"',
      "no quote or path survives into the header",
    );
  });
});
