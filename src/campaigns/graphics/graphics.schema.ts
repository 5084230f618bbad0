// What staff send about a social push's graphics: the upload (a file and an alt text per
// language, multipart), the alt texts of a graphic already there, and the addresses.
import { Type } from "typebox";
import { Choice, Text } from "../../http/validation.js";
import { ActionParams, LOCALE_TAGS } from "../manage/manage.schema.js";

/** The largest file accepted: social platforms take larger, but a push's graphic need not be. */
export const GRAPHIC_MAX_BYTES = 5 * 1024 * 1024;

/** The longest alt text, in characters (X allows 1,000; others less, but staff may trim). */
export const ALT_MAX = 1000;

/** An alt text's field: `alt_<locale>`. */
export const altField = (tag: string) => `alt_${tag}`;

/** English is the fallback every reader gets: it is required; other languages may be empty. */
export const AltForm = Type.Object(
  Object.fromEntries(
    LOCALE_TAGS.map((tag) => [
      altField(tag),
      tag === "en"
        ? Text({ minLength: 1, maxLength: ALT_MAX })
        : Type.Optional(Text({ maxLength: ALT_MAX })),
    ]),
  ),
);

export const GraphicParams = Type.Object({
  slug: ActionParams.properties.slug,
  action: ActionParams.properties.action,
  graphic: Type.String({ format: "uuid" }),
});

export const ServeParams = Type.Object({
  slug: ActionParams.properties.slug,
  graphic: Type.String({ format: "uuid" }),
});

export const DoneQuery = Type.Object({
  done: Type.Optional(Choice(["added", "described", "deleted"])),
});

/** The form's alt texts by language tag, from a body's `alt_<tag>` fields. */
export function altsOf(body: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    LOCALE_TAGS.map((tag) => {
      const value = body[altField(tag)];
      return [tag, typeof value === "string" ? value : ""];
    }),
  );
}
