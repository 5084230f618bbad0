// The upload form's body as @fastify/multipart gives it (each field's text; the file as its name
// and bytes), checked: a document is a PDF of up to 20 MB in one language; an image a PNG, JPEG,
// WebP or GIF of up to 5 MB, in one language or none (a graphic without text), with its alt text
// in its language (English for one without); captions are WebVTT of up to 1 MB in a language,
// refused with the line at fault when a player would drop them. The kind is read from the bytes (src/files), and
// the name is kept only for people, sanitized and given the extension of the real kind.
import { type AcceptedFile, checkFile, refusalMessage } from "../../files/files.check.js";
import { safeFileName, withExtension } from "../../files/files.name.js";
import type { FileKind } from "../../files/files.sniff.js";
import type { Locale, Translate } from "../../i18n/index.js";
import { LOCALE_TAGS } from "./manage.schema.js";

const MB = 1024 * 1024;
export const FILE_ROLES = ["document", "image", "captions"] as const;
export type UploadRole = (typeof FILE_ROLES)[number];
export const ALT_MAX = 1000;

export const RULES: Record<UploadRole, { accept: FileKind[]; maxBytes: number }> = {
  document: { accept: ["pdf"], maxBytes: 20 * MB },
  image: { accept: ["png", "jpeg", "webp", "gif"], maxBytes: 5 * MB },
  captions: { accept: ["vtt"], maxBytes: 1 * MB },
};
/** What the multipart parser lets through at most: the largest of the roles' limits. */
export const UPLOAD_MAX_BYTES = Math.max(...Object.values(RULES).map((r) => r.maxBytes));

export const altField = (tag: string) => `alt_${tag}`;
/** The description an image must have: in its language, English for one without words. */
export const requiredAltField = (locale: string | null) => altField(locale || "en");

/** The file part as the route's onFile hands it on. */
export interface UploadedPart {
  filename: string;
  bytes: Buffer;
}

export interface UploadForm {
  values: Record<string, string>;
  errors: Record<string, string>;
}

export type CheckedResourceUpload =
  | {
      ok: true;
      role: UploadRole;
      locale: string | null;
      bytes: Buffer;
      file: AcceptedFile;
      filename: string;
      alts: Record<string, string>;
    }
  | { ok: false; form: UploadForm; status: number };

const text = (value: unknown) =>
  typeof value === "string" ? value.replace(/[^\P{Cc}\t\n\r]/gu, "").trim() : "";

const isPart = (value: unknown): value is UploadedPart =>
  typeof value === "object" &&
  value !== null &&
  Buffer.isBuffer((value as UploadedPart).bytes) &&
  typeof (value as UploadedPart).filename === "string";

export function checkResourceUpload(
  body: unknown,
  t: Translate,
  locale: Locale,
): CheckedResourceUpload {
  const fields = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  const role = text(fields.role);
  const language = text(fields.locale);
  const values: Record<string, string> = { role, locale: language };
  for (const tag of LOCALE_TAGS) values[altField(tag)] = text(fields[altField(tag)]);
  const errors: Record<string, string> = {};
  let status = 422;
  const known = (FILE_ROLES as readonly string[]).includes(role);
  if (!known) errors.role = t("resources-admin.files.error.role");
  if (language !== "" && !LOCALE_TAGS.includes(language))
    errors.locale = t("resources-admin.error.invalid");
  else if (language === "" && known && role !== "image")
    errors.locale = t("resources-admin.files.error.locale");
  if (role === "image") {
    const needed = requiredAltField(language);
    if (!values[needed]) errors[needed] = t("resources-admin.files.error.alt_required");
  }
  for (const tag of LOCALE_TAGS) {
    if ([...(values[altField(tag)] ?? "")].length > ALT_MAX)
      errors[altField(tag)] = t("resources-admin.files.error.alt_long", { max: ALT_MAX });
  }
  const part = isPart(fields.file) ? fields.file : undefined;
  let file: AcceptedFile | undefined;
  if (!part || part.bytes.length === 0) {
    errors.file = t("resources-admin.files.error.file_missing");
  } else if (known) {
    const checked = checkFile(part.bytes, RULES[role as UploadRole]);
    if (checked.ok) file = checked;
    else {
      errors.file = refusalMessage(t, locale, checked.refusal);
      status = checked.status;
    }
  }
  if (Object.keys(errors).length > 0 || !part || !file)
    return { ok: false, form: { values, errors }, status: errors.file ? status : 422 };
  const alts: Record<string, string> = {};
  if (role === "image") {
    for (const tag of LOCALE_TAGS) {
      const alt = values[altField(tag)];
      if (alt) alts[tag] = alt;
    }
  }
  return {
    ok: true,
    role: role as UploadRole,
    locale: language || null,
    bytes: part.bytes,
    file,
    filename: withExtension(safeFileName(part.filename), file.extension),
    alts,
  };
}
