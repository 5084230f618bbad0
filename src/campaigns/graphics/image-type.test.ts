import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { tinyGif, tinyJpeg, tinyPng } from "./fixtures.test-support.js";
import { sniffImage } from "./image-type.js";

describe("sniffImage", () => {
  it("reads a PNG's type and size from its header", () => {
    assert.deepEqual(sniffImage(tinyPng(3, 2)), { mediaType: "image/png", width: 3, height: 2 });
  });

  it("reads a JPEG's size from its start of frame, past the other segments", () => {
    assert.deepEqual(sniffImage(tinyJpeg()), { mediaType: "image/jpeg", width: 16, height: 8 });
  });

  it("reads the three kinds of WebP header", () => {
    const riff = (chunk: string, body: number[]) =>
      Buffer.concat([
        Buffer.from("RIFF"),
        Buffer.from([0, 0, 0, 0]),
        Buffer.from(`WEBP${chunk}`),
        Buffer.from([0, 0, 0, 0]),
        Buffer.from(body),
        Buffer.alloc(16),
      ]);
    // VP8X: flags and reserved (4 bytes), then width-1 and height-1 in 24 bits each.
    assert.deepEqual(sniffImage(riff("VP8X", [0, 0, 0, 0, 99, 0, 0, 49, 0, 0])), {
      mediaType: "image/webp",
      width: 100,
      height: 50,
    });
    // VP8L: 0x2f, then 14 bits of width-1 (9) and of height-1 (4).
    const bits = 9 | (4 << 14);
    assert.deepEqual(
      sniffImage(riff("VP8L", [0x2f, bits & 0xff, (bits >> 8) & 0xff, (bits >> 16) & 0xff, 0])),
      { mediaType: "image/webp", width: 10, height: 5 },
    );
    // VP8: a frame tag (3 bytes), the start code, then 14-bit width and height.
    assert.deepEqual(sniffImage(riff("VP8 ", [0, 0, 0, 0x9d, 0x01, 0x2a, 64, 0, 32, 0])), {
      mediaType: "image/webp",
      width: 64,
      height: 32,
    });
  });

  it("refuses a GIF, text, a truncated header and an image without pixels", () => {
    assert.equal(sniffImage(tinyGif()), null);
    assert.equal(sniffImage(Buffer.from("hello, this is not an image")), null);
    assert.equal(sniffImage(tinyPng(3, 2).subarray(0, 20)), null);
    assert.equal(sniffImage(tinyPng(0, 2)), null);
    assert.equal(sniffImage(tinyJpeg().subarray(0, 30)), null);
  });
});
