// Tiny but whole images for the tests, built byte by byte: a grayscale PNG (zlib-compressed rows
// and real CRCs) and a baseline JPEG of flat gray blocks (one-code Huffman tables), so a test
// uploads files any decoder opens, without a binary fixture in the repository.
import { deflateSync } from "node:zlib";

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(name: string, data: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(name, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([head, body, crc]);
}

/** A `width` × `height` gray PNG. */
export function tinyPng(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grayscale
  const rows = Buffer.concat(
    Array.from({ length: height }, () => Buffer.from([0, ...Array(width).fill(0x80)])),
  );
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const segment = (marker: number, data: number[]) => [
  0xff,
  marker,
  (data.length + 2) >> 8,
  (data.length + 2) & 0xff,
  ...data,
];

/** A 16 × 8 gray baseline JPEG: two 8 × 8 blocks, each "DC unchanged, end of block". */
export function tinyJpeg(): Buffer {
  const bits = (count: number) => [1, ...Array(15).fill(0)].slice(0, 16).map((v) => v * count);
  return Buffer.from([
    0xff,
    0xd8,
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...segment(0xdb, [0, ...Array(64).fill(1)]),
    // SOF0: precision 8, height 8, width 16, one component (id 1, sampling 1×1, table 0).
    ...segment(0xc0, [8, 0, 8, 0, 16, 1, 1, 0x11, 0]),
    // A DC table and an AC table, each with one 1-bit code: category 0, and end of block.
    ...segment(0xc4, [0x00, ...bits(1), 0]),
    ...segment(0xc4, [0x10, ...bits(1), 0]),
    ...segment(0xda, [1, 1, 0x00, 0, 63, 0]),
    // Two blocks of "0" (DC) "0" (EOB), padded with ones.
    0x0f,
    0xff,
    0xd9,
  ]);
}

/** The header of a GIF: an image these uploads do not take. */
export const tinyGif = () =>
  Buffer.from(
    "474946383961010001008000000000ffffff21f90401000000002c00000000010001000002024401003b",
    "hex",
  );
