// The checks every upload passes before it is stored: not empty, within the size its use allows,
// and of a kind that use accepts, the kind read from the bytes (files.sniff.ts). Captions must be
// valid WebVTT (files.vtt.ts). A refusal says why in the reader's language (refusalMessage) and
// carries the HTTP status to answer with.
import type { Locale, Translate } from "../i18n/index.js";
import {
  EXTENSIONS,
  type FileKind,
  type ImageInfo,
  MEDIA_TYPES,
  sniff,
  textOf,
} from "./files.sniff.js";
import { type CaptionFault, checkCaptions } from "./files.vtt.js";

export interface UploadRules {
  /** The kinds this use takes; "text" and "markdown" are both UTF-8 text, named by the use. */
  accept: readonly FileKind[];
  maxBytes: number;
}

export type Refusal =
  | { reason: "empty" }
  | { reason: "too_large"; size: number; maxBytes: number }
  | { reason: "executable" | "html" | "type"; accept: readonly FileKind[] }
  // SVG is refused outright, not only with script: it is XML that may fetch other resources,
  // embed HTML (foreignObject) and run script whenever it is opened as a document (a download
  // opened from disk, a link followed), and telling a "safe" one apart means trusting a
  // sanitizer with an open-ended format. A graphic for people to post is a PNG or JPEG anyway.
  | { reason: "svg"; accept: readonly FileKind[] }
  | { reason: "captions"; fault: CaptionFault };

export interface AcceptedFile {
  kind: FileKind;
  mediaType: string;
  /** The extension to name it with, from its kind: never the one it came with. */
  extension: string;
  size: number;
  /** For images: the size in pixels. */
  image?: ImageInfo;
}

export type CheckedFile =
  | ({ ok: true } & AcceptedFile)
  | { ok: false; refusal: Refusal; status: 413 | 415 | 422 };

const refuse = (refusal: Refusal): CheckedFile => ({
  ok: false,
  refusal,
  status:
    refusal.reason === "too_large"
      ? 413
      : refusal.reason === "captions" || refusal.reason === "empty"
        ? 422
        : 415,
});

export function checkFile(bytes: Buffer, rules: UploadRules): CheckedFile {
  if (bytes.length === 0) return refuse({ reason: "empty" });
  if (bytes.length > rules.maxBytes) {
    return refuse({ reason: "too_large", size: bytes.length, maxBytes: rules.maxBytes });
  }
  const found = sniff(bytes);
  const { accept } = rules;
  switch (found.kind) {
    case "executable":
    case "svg":
    case "html":
      return refuse({ reason: found.kind, accept });
    case "unknown":
      return refuse({ reason: "type", accept });
    case "text": {
      const kind = accept.includes("markdown")
        ? "markdown"
        : accept.includes("text")
          ? "text"
          : null;
      if (!kind) return refuse({ reason: "type", accept });
      return accepted(kind, bytes.length);
    }
    case "vtt": {
      if (!accept.includes("vtt")) return refuse({ reason: "type", accept });
      const fault = checkCaptions(textOf(bytes) ?? "");
      if (fault) return refuse({ reason: "captions", fault });
      return accepted("vtt", bytes.length);
    }
    case "pdf":
      return accept.includes("pdf")
        ? accepted("pdf", bytes.length)
        : refuse({ reason: "type", accept });
    default: {
      if (!accept.includes(found.kind)) return refuse({ reason: "type", accept });
      const { kind, width, height } = found;
      return { ...accepted(kind, bytes.length), image: { kind, width, height } };
    }
  }
}

function accepted(kind: FileKind, size: number): CheckedFile & { ok: true } {
  return { ok: true, kind, mediaType: MEDIA_TYPES[kind], extension: EXTENSIONS[kind], size };
}

const megabytes = (bytes: number) => Math.max(0.1, Math.round((bytes / 1024 / 1024) * 10) / 10);

/** The refusal in the reader's language, e.g. "Line 7: a cue's end time comes before its start." */
export function refusalMessage(t: Translate, locale: Locale, refusal: Refusal): string {
  switch (refusal.reason) {
    case "empty":
      return t("files.refused.empty");
    case "too_large":
      return t("files.refused.too_large", {
        size: megabytes(refusal.size),
        limit: megabytes(refusal.maxBytes),
      });
    case "captions":
      return t(`files.captions.${refusal.fault.problem}`, { line: refusal.fault.line });
    default: {
      // The kinds' names, once each ("text" and "markdown" may both be accepted).
      const names = [...new Set(refusal.accept.map((kind) => t(`files.kind.${kind}`)))];
      const list = new Intl.ListFormat(locale.intl, { type: "disjunction" }).format(names);
      return t(`files.refused.${refusal.reason}`, { accepted: list });
    }
  }
}
