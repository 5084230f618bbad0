// What staff send when they write the library: an item's settings, its topics and featured
// members (a checkbox each), and each language's version side by side (title_en, body_es, ...)
// with its own status; an issue page's versions; the status buttons. The schema checks each
// field's shape; the services check what depends on several fields or on the database.
import { type TSchema, Type } from "typebox";
import { Choice, Line, Markdown, Text } from "../../http/validation.js";
import { LOCALES } from "../../i18n/index.js";
import { RESOURCE_TOPICS, RESOURCE_TYPES } from "../resources.model.js";

export const LOCALE_TAGS = LOCALES.map((l) => l.tag);

/**
 * The coalition's time zone, in which staff type a scheduled publication's time. There is no
 * setting for it yet: the coalition works from New York (its overview), as campaigns default.
 */
export const COALITION_TIME_ZONE = "America/New_York";

export const RESOURCE_LIMITS = {
  slug: 80,
  partner: 160,
  videoUrl: 500,
  title: 200,
  summary: 1000,
  // A video's transcript is its body: a ten-minute story is about 9,000 characters.
  body: 20_000,
  sections: 2000,
  intro: 20_000,
} as const;

/** Transcripts in three languages are more than the forms' 64 KB. */
export const RESOURCE_BODY_LIMIT = 1024 * 1024;

const SLUG_PATTERN = "^[a-z0-9][a-z0-9-]{0,79}$";

/** `title_en`, `status_es`, ...: a language's field. */
export const field = (name: string, tag: string) => `${name}_${tag}`;
export const topicField = (topic: string) => `topic_${topic}`;
/** A featured member's checkbox, by the member's slug. */
export const memberField = (slug: string) => `member_${slug}`;
export const MEMBER_FIELD = /^member_([a-z0-9][a-z0-9-]{0,79})$/;

const Checked = Choice(["yes", ""]);
// "" (a form without the select) is a draft.
const VersionStatus = Choice(["draft", "ready", ""]);

function perLanguage(fields: Record<string, TSchema>): Record<string, TSchema> {
  return Object.fromEntries(
    LOCALE_TAGS.flatMap((tag) =>
      Object.entries(fields).map(([name, schema]) => [field(name, tag), schema]),
    ),
  );
}

export const ResourceForm = Type.Object(
  {
    slug: Line({ maxLength: RESOURCE_LIMITS.slug }),
    type: Choice(RESOURCE_TYPES),
    dated_on: Line({ maxLength: 10 }),
    partner: Line({ maxLength: RESOURCE_LIMITS.partner }),
    video_url: Line({ maxLength: RESOURCE_LIMITS.videoUrl }),
    /** A case study's report, by its slug ("" for none). */
    parent: Line({ maxLength: RESOURCE_LIMITS.slug }),
    ...Object.fromEntries(RESOURCE_TOPICS.map((t) => [topicField(t), Checked])),
    ...perLanguage({
      title: Line({ maxLength: RESOURCE_LIMITS.title }),
      summary: Text({ maxLength: RESOURCE_LIMITS.summary }),
      body: Markdown({ maxLength: RESOURCE_LIMITS.body }),
      status: VersionStatus,
      /** Named page ranges of this language's document, one a line: "22-24 Social media". */
      sections: Text({ maxLength: RESOURCE_LIMITS.sections }),
    }),
  },
  // One checkbox per member of the roster (member_<slug>): the roster is data, not schema.
  { patternProperties: { [MEMBER_FIELD.source]: Checked } },
);

export const IssueForm = Type.Object({
  slug: Line({ maxLength: RESOURCE_LIMITS.slug }),
  ...perLanguage({
    title: Line({ maxLength: RESOURCE_LIMITS.title }),
    intro: Markdown({ maxLength: RESOURCE_LIMITS.intro }),
    status: VersionStatus,
  }),
});

const SeenStatus = Choice(["draft", "published", "unpublished"]);

/**
 * The status buttons. `seen_*` is the state the page showed: the move happens only from there.
 * `publish_at` is a wall time in the coalition's zone ("2030-01-15 09:00"), for "schedule".
 */
export const StatusForm = Type.Object({
  to: Choice(["publish", "schedule", "unpublish"]),
  publish_at: Line({ maxLength: 16 }),
  seen_status: SeenStatus,
  seen_publish_at: Line({ maxLength: 30 }),
});

export const IssueStatusForm = Type.Object({
  to: Choice(["publish", "unpublish"]),
  seen_status: SeenStatus,
});

/** Adds an item to an issue page (at its end), by the item's slug. */
export const AddItemForm = Type.Object({ item: Line({ minLength: 1, maxLength: 80 }) });

/** Moves an item up or down an issue page, or takes it off. */
export const MoveItemForm = Type.Object({
  item: Type.String({ format: "uuid" }),
  move: Choice(["up", "down", "remove"]),
});

export const SlugParams = Type.Object({ slug: Type.String({ pattern: SLUG_PATTERN }) });

export const ListQuery = Type.Object({
  /** Only items without a ready version in this language. */
  lacks: Type.Optional(Choice(LOCALE_TAGS)),
});

export const NoticeQuery = Type.Object({
  done: Type.Optional(
    Choice(["created", "saved", "publish", "schedule", "unpublish", "messages", "items"]),
  ),
});
