// What an uploaded graphic really is, from its first bytes (never its name or declared type), and
// its size in pixels from its header: of the images src/files recognises, a graphic may be a
// PNG, JPEG or WebP (a GIF's animation is not what a social graphic is for).
import type { GraphicMediaType } from "../../db/index.js";
import { type ImageInfo as FileImageInfo, imageInfo } from "../../files/files.sniff.js";

export interface ImageInfo {
  mediaType: GraphicMediaType;
  width: number;
  height: number;
}

export const EXTENSIONS: Record<GraphicMediaType, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
};

/** The kinds of src/files a graphic may be. */
export const GRAPHIC_KINDS = ["png", "jpeg", "webp"] as const;

const MEDIA_TYPES: Record<(typeof GRAPHIC_KINDS)[number], GraphicMediaType> = {
  png: "image/png",
  jpeg: "image/jpeg",
  webp: "image/webp",
};

/** A graphic's type and size from what src/files read in its header; null for another image. */
export function graphicInfo(image: FileImageInfo | undefined): ImageInfo | null {
  if (!image || image.kind === "gif") return null;
  return { mediaType: MEDIA_TYPES[image.kind], width: image.width, height: image.height };
}

/** The image's type and size, or null when it is not a whole-headed PNG, JPEG or WebP. */
export const sniffImage = (bytes: Buffer): ImageInfo | null =>
  graphicInfo(imageInfo(bytes) ?? undefined);
