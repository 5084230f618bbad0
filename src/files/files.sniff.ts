// What a file really is, from its bytes: never its name, never the type the browser declared
// (both are the sender's to choose). Known kinds are recognised by their signatures; images also
// have their size in pixels read from the header, so no image library decodes them here.
// Executables, SVG and HTML are recognised in order to refuse them by name (files.check.ts).

export type FileKind = "pdf" | "png" | "jpeg" | "webp" | "gif" | "vtt" | "text" | "markdown";
export type ImageKind = "png" | "jpeg" | "webp" | "gif";

/** What a refused file turned out to be. */
export type Dangerous = "executable" | "svg" | "html";

export const MEDIA_TYPES: Record<FileKind, string> = {
  pdf: "application/pdf",
  png: "image/png",
  jpeg: "image/jpeg",
  webp: "image/webp",
  gif: "image/gif",
  vtt: "text/vtt",
  text: "text/plain",
  markdown: "text/markdown",
};

export const EXTENSIONS: Record<FileKind, string> = {
  pdf: "pdf",
  png: "png",
  jpeg: "jpg",
  webp: "webp",
  gif: "gif",
  vtt: "vtt",
  text: "txt",
  markdown: "md",
};

export interface ImageInfo {
  kind: ImageKind;
  width: number;
  height: number;
}

export type Sniffed =
  | { kind: "pdf" | "vtt" }
  | ({ kind: ImageKind } & ImageInfo)
  /** UTF-8 text with no control characters: plain text or Markdown, as the use says. */
  | { kind: "text" }
  | { kind: Dangerous }
  | { kind: "unknown" };

const startsWith = (bytes: Uint8Array, signature: number[], at = 0) =>
  bytes.length >= at + signature.length && signature.every((b, i) => bytes[at + i] === b);

const latin1 = (bytes: Buffer, at: number, length: number) =>
  bytes.subarray(at, at + length).toString("latin1");

const EXECUTABLES = [
  [0x7f, 0x45, 0x4c, 0x46], // ELF (Linux, BSD)
  [0x4d, 0x5a], // "MZ": PE (Windows .exe, .dll) and DOS
  [0xfe, 0xed, 0xfa, 0xce], // Mach-O 32-bit
  [0xfe, 0xed, 0xfa, 0xcf], // Mach-O 64-bit
  [0xce, 0xfa, 0xed, 0xfe], // Mach-O 32-bit, little-endian
  [0xcf, 0xfa, 0xed, 0xfe], // Mach-O 64-bit, little-endian
  [0xca, 0xfe, 0xba, 0xbe], // Mach-O universal (also a Java class file)
  [0x23, 0x21], // "#!": a script for whatever interpreter it names
];

/** The WHATWG MIME sniffing standard's HTML openings (§7.1), each followed by a space or ">". */
const HTML_OPENINGS = [
  "<!doctype html",
  "<html",
  "<head",
  "<script",
  "<iframe",
  "<h1",
  "<div",
  "<font",
  "<table",
  "<a",
  "<style",
  "<title",
  "<b",
  "<body",
  "<br",
  "<p",
  "<!--",
];

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/** The bytes as text when they are UTF-8 without control characters (tabs, line and page ends aside). */
export function textOf(bytes: Buffer): string | null {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return null;
  }
  return /[^\P{Cc}\t\n\r\f]/u.test(text) ? null : text;
}

export function sniff(bytes: Buffer): Sniffed {
  if (EXECUTABLES.some((signature) => startsWith(bytes, signature))) return { kind: "executable" };
  if (latin1(bytes, 0, 5) === "%PDF-") return { kind: "pdf" };
  const image = imageInfo(bytes);
  if (image) return image;
  const text = textOf(bytes);
  if (text === null) return { kind: "unknown" };
  if (/^WEBVTT(?:[ \t\r\n]|$)/.test(text)) return { kind: "vtt" };
  const opening = text.trimStart().slice(0, 4096).toLowerCase();
  // SVG may open with an XML declaration, comments or a doctype before its root element.
  if (opening.startsWith("<") && /<svg[\s>/]/.test(opening)) return { kind: "svg" };
  if (
    HTML_OPENINGS.some((tag) => {
      if (!opening.startsWith(tag)) return false;
      const next = opening[tag.length];
      return next === undefined || next === " " || next === ">" || /\s/.test(next);
    })
  ) {
    return { kind: "html" };
  }
  return { kind: "text" };
}

/** An image's kind and size from its header, or null when it is not a whole-headed image. */
export function imageInfo(bytes: Buffer): ImageInfo | null {
  const info = png(bytes) ?? jpeg(bytes) ?? webp(bytes) ?? gif(bytes);
  if (!info || info.width < 1 || info.height < 1) return null;
  return info;
}

function png(bytes: Buffer): ImageInfo | null {
  // The signature, then the IHDR chunk first: its length (13), name, width and height.
  if (!startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) || bytes.length < 24) {
    return null;
  }
  if (latin1(bytes, 12, 4) !== "IHDR") return null;
  return { kind: "png", width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Start-of-frame markers (baseline, progressive, ...): not DHT (C4), JPG (C8) or DAC (CC). */
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

function jpeg(bytes: Buffer): ImageInfo | null {
  if (!startsWith(bytes, [0xff, 0xd8, 0xff])) return null;
  // Walk the segments after SOI until a start of frame, which holds the height then the width.
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1] ?? 0;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2; // markers without a length
      continue;
    }
    const length = bytes.readUInt16BE(at + 2);
    if (length < 2) return null;
    if (SOF.has(marker)) {
      if (at + 9 > bytes.length) return null;
      return {
        kind: "jpeg",
        height: bytes.readUInt16BE(at + 5),
        width: bytes.readUInt16BE(at + 7),
      };
    }
    if (marker === 0xd9 || marker === 0xda) return null; // end, or scan data before any frame
    at += 2 + length;
  }
  return null;
}

function webp(bytes: Buffer): ImageInfo | null {
  if (bytes.length < 30 || latin1(bytes, 0, 4) !== "RIFF" || latin1(bytes, 8, 4) !== "WEBP") {
    return null;
  }
  const chunk = latin1(bytes, 12, 4);
  if (chunk === "VP8X") {
    // Canvas width and height minus one, 24 bits little-endian each.
    return {
      kind: "webp",
      width: bytes.readUIntLE(24, 3) + 1,
      height: bytes.readUIntLE(27, 3) + 1,
    };
  }
  if (chunk === "VP8 ") {
    // A key frame's start code, then 14-bit width and height.
    if (!startsWith(bytes, [0x9d, 0x01, 0x2a], 23)) return null;
    return {
      kind: "webp",
      width: bytes.readUInt16LE(26) & 0x3fff,
      height: bytes.readUInt16LE(28) & 0x3fff,
    };
  }
  if (chunk === "VP8L") {
    // Signature 0x2f, then width-1 and height-1 in 14 bits each.
    if (bytes[20] !== 0x2f) return null;
    const bits = bytes.readUInt32LE(21);
    return { kind: "webp", width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  return null;
}

function gif(bytes: Buffer): ImageInfo | null {
  const signature = latin1(bytes, 0, 6);
  if ((signature !== "GIF87a" && signature !== "GIF89a") || bytes.length < 10) return null;
  // The logical screen's width and height, 16 bits little-endian each.
  return { kind: "gif", width: bytes.readUInt16LE(6), height: bytes.readUInt16LE(8) };
}
