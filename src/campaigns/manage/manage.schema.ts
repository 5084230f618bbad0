// What staff send when they prepare a campaign and its actions: the settings, and each language's
// texts side by side (title_en, summary_es, ...). The schema checks each field's shape; the
// service checks what depends on several fields or on the database (dates, the slug, English).
import { type TSchema, Type } from "typebox";
import { Choice, Line, Markdown, Text } from "../../http/validation.js";
import { LOCALES } from "../../i18n/index.js";

export const LOCALE_TAGS = LOCALES.map((l) => l.tag);

/**
 * The time zones a campaign or event is set in: the United States' own, where every member is.
 * Each is an IANA name; the reader sees the time in their language with the zone's name.
 */
export const TIME_ZONES = [
  "America/New_York",
  "America/Chicago",
  "America/Denver",
  "America/Phoenix",
  "America/Los_Angeles",
  "America/Anchorage",
  "Pacific/Honolulu",
  "America/Puerto_Rico",
] as const;

export const CAMPAIGN_LIMITS = {
  slug: 80,
  title: 160,
  summary: 500,
  body: 20_000,
  topics: 200,
  goal: 6,
} as const;

export const ACTION_KINDS = ["letter", "event", "social", "comment"] as const;
export type FormActionKind = (typeof ACTION_KINDS)[number];

const Checked = Choice(["yes", ""]);

/** `title_en`, `summary_es`, ...: a language's field. */
export const field = (name: string, tag: string) => `${name}_${tag}`;

function perLanguage(fields: Record<string, TSchema>): Record<string, TSchema> {
  return Object.fromEntries(
    LOCALE_TAGS.flatMap((tag) =>
      Object.entries(fields).map(([name, schema]) => [field(name, tag), schema]),
    ),
  );
}

export const CampaignForm = Type.Object({
  slug: Line({ maxLength: CAMPAIGN_LIMITS.slug }),
  starts_on: Line({ maxLength: 10 }),
  ends_on: Line({ maxLength: 10 }),
  time_zone: Choice(TIME_ZONES),
  topics: Line({ maxLength: CAMPAIGN_LIMITS.topics }),
  goal_members: Line({ maxLength: CAMPAIGN_LIMITS.goal }),
  visibility: Choice(["public", "members"]),
  signatories_public: Checked,
  ...perLanguage({
    title: Line({ maxLength: CAMPAIGN_LIMITS.title }),
    summary: Text({ maxLength: CAMPAIGN_LIMITS.summary }),
    body: Markdown({ maxLength: CAMPAIGN_LIMITS.body }),
    ready: Checked,
  }),
});

export const ActionForm = Type.Object({
  kind: Choice(ACTION_KINDS),
  ...perLanguage({
    title: Line({ maxLength: CAMPAIGN_LIMITS.title }),
    body: Markdown({ maxLength: CAMPAIGN_LIMITS.body }),
  }),
});

/** The status buttons: where a campaign goes next. */
export const StatusForm = Type.Object({
  to: Choice(["published", "closed", "archived", "results"]),
});

export const CampaignParams = Type.Object({
  slug: Type.String({ pattern: "^[a-z0-9][a-z0-9-]{0,79}$" }),
});

export const ActionParams = Type.Object({
  slug: CampaignParams.properties.slug,
  action: Type.String({ format: "uuid" }),
});

/** `?saved=1`, `?published=1`...: the notice after a redirect. */
export const NoticeQuery = Type.Object({
  done: Type.Optional(
    Choice(["saved", "created", "published", "closed", "archived", "results", "action"]),
  ),
});
