// The upload form's body as @fastify/multipart gives it ("keyValues": each field's text, the
// file's bytes), checked: the file must be a PNG, JPEG or WebP by its first bytes, whatever its
// name or declared type say; the alt texts follow the same rules as the alt-text form (AltForm).
import { fieldErrors, fieldMessage, formAjv } from "../../http/validation.js";
import type { Translate } from "../../i18n/index.js";
import { LOCALE_TAGS } from "../manage/manage.schema.js";
import { ALT_MAX, AltForm, altField, altsOf } from "./graphics.schema.js";
import type { FormState } from "./graphics.view.js";
import { type ImageInfo, sniffImage } from "./image-type.js";

/** What the multipart body may hold: strings, a file's bytes, or repeated fields. */
export type UploadBody = Record<string, unknown> | undefined;

export type CheckedUpload =
  | { ok: true; file: { bytes: Buffer; info: ImageInfo }; alts: Record<string, string> }
  | { ok: false; form: FormState };

const validateAlts = formAjv.compile(AltForm);

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
  const info = bytes && bytes.length > 0 ? sniffImage(bytes) : null;
  if (!bytes || bytes.length === 0) errors.file = t("campaign-graphics.error.file_missing");
  else if (!info) errors.file = t("campaign-graphics.error.file_type");
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
