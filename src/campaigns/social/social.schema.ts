// What staff send when they write a social push's messages (one field per platform and language,
// msg_x_en, msg_bluesky_zh-Hans, ...), and what member staff send to report a post.
import { Type } from "typebox";
import { Choice, Line, Text } from "../../http/validation.js";
import { LOCALE_TAGS } from "../manage/manage.schema.js";
import { PLATFORM_INFO, PLATFORMS, type Platform } from "./platforms.js";

/** A message's field: `msg_<platform>_<locale>`. */
export const messageField = (platform: Platform, tag: string) => `msg_${platform}_${tag}`;

/**
 * The schema's own bound on a message, in code points: well above the platform's limit, so a
 * message a little too long reaches the platform's count ("301 of 280 characters") and is told
 * in the platform's terms; only a pasted book is stopped here.
 */
export const messageMaxLength = (platform: Platform) =>
  Math.min(PLATFORM_INFO[platform].limit * 4 + 1000, 70_000);

export const MessagesForm = Type.Object(
  Object.fromEntries(
    PLATFORMS.flatMap((platform) =>
      LOCALE_TAGS.map((tag) => [
        messageField(platform, tag),
        Type.Optional(Text({ maxLength: messageMaxLength(platform) })),
      ]),
    ),
  ),
);

/** The longest post address kept (platforms.ts refuses longer ones too). */
export const POST_URL_MAX = 2048;

export const ReportForm = Type.Object({
  /** The jurisdiction the form was shown for: checked against the one acted for now. */
  jurisdiction: Type.String({ format: "uuid" }),
  platform: Choice(PLATFORMS),
  url: Line({ minLength: 1, maxLength: POST_URL_MAX }),
});
