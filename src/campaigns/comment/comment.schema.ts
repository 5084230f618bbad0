// What a member's staff send about their comment, and staff about the action's rule and templates.
import { Type } from "typebox";
import { Choice, Line, Text } from "../../http/validation.js";

/** Regulations.gov takes at most 5,000 characters (and bytes: comment-text.ts checks both). */
export const COMMENT_MAX = 5000;
/** A template is longer than a comment only by its merge fields. */
export const TEMPLATE_MAX = 8000;

const LANGUAGES = ["en", "es", "zh-Hans"] as const;

const Jurisdiction = Type.String({ format: "uuid" });
const Version = Type.String({ pattern: "^(0|[1-9][0-9]{0,8})$" });

/** A save: the text, its language, and the version it was edited from ("0": never saved). */
export const DraftForm = Type.Object({
  jurisdiction: Jurisdiction,
  version: Version,
  locale: Choice(LANGUAGES),
  // Typed as is: a comment's spaces and line breaks are the member's.
  body: Text({ minLength: 1, maxLength: COMMENT_MAX }),
});

export const ApproveForm = Type.Object({ jurisdiction: Jurisdiction, version: Version });

/** The person named to approve; "" for any of the member's admins. */
export const ApproverForm = Type.Object({
  jurisdiction: Jurisdiction,
  // People's ids are better-auth's, not UUIDs.
  approver: Type.String({ maxLength: 100, pattern: "^[A-Za-z0-9_-]*$" }),
});

export const FileForm = Type.Object({ jurisdiction: Jurisdiction, version: Version });

/** Regulations.gov tracking numbers: letters, digits and dashes (e.g. "mxx-abcd-1234"). */
export const TrackingNumber = Line({ minLength: 5, maxLength: 40, pattern: "^[A-Za-z0-9-]+$" });

export const FiledForm = Type.Object({
  jurisdiction: Jurisdiction,
  tracking_number: TrackingNumber,
});

/** A person checked Regulations.gov after an unclear filing: it arrived (with its number), or not. */
export const CheckedForm = Type.Object({
  jurisdiction: Jurisdiction,
  outcome: Choice(["arrived", "not_received"]),
  tracking_number: Type.Union([Type.Literal(""), TrackingNumber]),
});

export const VersionQuery = Type.Object({
  done: Type.Optional(Choice(["saved", "approved", "approver", "queued", "filed", "checked"])),
});

/** Staff: the rule an action comments on and a template per language. */
export const SetupForm = Type.Object({
  rule: Type.String({ format: "uuid" }),
  template_en: Text({ maxLength: TEMPLATE_MAX }),
  template_es: Text({ maxLength: TEMPLATE_MAX }),
  "template_zh-Hans": Text({ maxLength: TEMPLATE_MAX }),
});

export const SetupQuery = Type.Object({
  preview: Type.Optional(Type.String({ format: "uuid" })),
  lang: Type.Optional(Choice(LANGUAGES)),
  done: Type.Optional(Choice(["saved"])),
});

export const FromRuleForm = Type.Object({ rule: Type.String({ format: "uuid" }) });
