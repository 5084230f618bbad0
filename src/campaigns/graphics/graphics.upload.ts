// The upload form's body as @fastify/multipart gives it ("keyValues": each field's text, the
// file's bytes), checked: the file must be a PNG, JPEG or WebP by its first bytes, whatever its
// name or declared type say (src/files/files.check.ts); the alt texts follow the same rules as the alt-text form (AltForm).
import { checkFile } from "../../files/files.check.js";
import { compiledOnFirstUse, fieldErrors, fieldMessage, formAjv } from "../../http/validation.js";
import type { Translate } from "../../i18n/index.js";
import { LOCALE_TAGS } from "../manage/manage.schema.js";
import { ALT_MAX, AltForm, altField, altsOf, GRAPHIC_MAX_BYTES } from "./graphics.schema.js";
import type { FormState } from "./graphics.view.js";
import { GRAPHIC_KINDS, graphicInfo, type ImageInfo } from "./image-type.js";

/** What the multipart body may hold: strings, a file's bytes, or repeated fields. */
export type UploadBody = Record<string, unknown> | undefined;

export type CheckedUpload =
  | { ok: true; file: { bytes: Buffer; info: ImageInfo }; alts: Record<string, string> }
  | { ok: false; form: FormState };

const validateAlts = compiledOnFirstUse(() => formAjv.compile(AltForm));

export function checkUpload(body: UploadBody, t: Translate): CheckedUpload {
  const fields = body && typeof body === "object" ? body : {};
  const alts = altsOf(fields);
  for (const tag of LOCALE_TAGS) alts[tag] = (alts[tag] ?? "").trim();
  const values = Object.fromEntries(
    LOCALE_TAGS.map((tag) => [
      altField(tag),
      [...(alts[tag] ?? "")]
        .slice(0, ALT_MAX * 2)
        .join("")
        .replace(/[^\P{Cc}\t\n\r]/gu, ""),
    ]),
  );
  const errors: Record<string, string> = {};
  const file = fields.file;
  const bytes = Buffer.isBuffer(file) ? file : null;
  // The platform's upload checks (src/files), told in this page's own words: whatever else the
  // file is (a program, an SVG, a GIF), it is not one of the three images a graphic may be.
  const checked = bytes
    ? checkFile(bytes, { accept: GRAPHIC_KINDS, maxBytes: GRAPHIC_MAX_BYTES })
    : null;
  const info = checked?.ok ? graphicInfo(checked.image) : null;
  if (!checked || (!checked.ok && checked.refusal.reason === "empty")) {
    errors.file = t("campaign-graphics.error.file_missing");
  } else if (!checked.ok && checked.refusal.reason === "too_large") {
    errors.file = t("campaign-graphics.error.file_too_large");
  } else if (!info) errors.file = t("campaign-graphics.error.file_type");
  const data = Object.fromEntries(LOCALE_TAGS.map((tag) => [altField(tag), alts[tag]]));
  if (!validateAlts(data)) {
    for (const error of fieldErrors(validateAlts.errors ?? [], data)) {
      errors[error.field] =
        error.field === "alt_en" && data.alt_en === ""
          ? t("campaign-graphics.error.alt_required")
          : fieldMessage(t, error, t("campaigns.form.error.invalid"));
    }
  }
  if (Object.keys(errors).length > 0 || !bytes || !info)
    return { ok: false, form: { values, errors } };
  return { ok: true, file: { bytes, info }, alts };
}
