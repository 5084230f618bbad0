// Row types of every table, kept by hand beside the migrations that create them.
// Timestamps and dates are ISO 8601 strings on both engines; flags are 0/1 integers.
import type { ColumnType, Insertable, Selectable } from "kysely";

export type JurisdictionKind = "city" | "county" | "city_county";
export type JurisdictionStatus = "applicant" | "member" | "former";

export interface JurisdictionsTable {
  id: string;
  slug: string;
  name: string;
  kind: JurisdictionKind;
  /** Two-letter USPS state code. */
  state: string;
  /** Census GEOID: 7 digits for a place, 5 for a county. */
  geoid: string;
  executive_name: string | null;
  executive_title: string | null;
  website: string | null;
  /** The member's office for immigrant affairs, as its profile shows it (migration 0015). */
  office_name: string | null;
  /** Street address, on one or more lines. */
  office_address: string | null;
  office_phone: string | null;
  /** The public address residents write to about immigrant affairs. */
  office_email: string | null;
  /** The languages the office serves people in, as the member writes them. */
  office_languages: string | null;
  office_description: string | null;
  status: JurisdictionStatus;
  joined_on: string | null;
  is_demo: number;
  created_at: string;
  updated_at: string;
}

export type CensusMeasure = "population" | "foreign_born" | "language_other_than_english";

export interface CensusFiguresTable {
  geoid: string;
  measure: CensusMeasure;
  value: number;
  /** The survey and its years, e.g. "ACS 5-year 2012-2016". */
  vintage: string;
  /** The last year the figure covers, to pick the newest of several vintages. */
  year: number;
  /** Where the figure came from, e.g. a table id or a snapshot file. */
  source: string;
  /** 1 when the figure was derived (e.g. a percentage times a population), not published as is. */
  is_estimate: number;
}

export interface ContentBlocksTable {
  key: string;
  locale: string;
  /** Markdown; raw HTML is not rendered. */
  body: string;
  is_demo: number;
  updated_at: string;
}

export type UserRole = "coalition_admin" | "coalition_editor";

/**
 * better-auth's tables (users, sessions, accounts, verifications, two_factors) use engine types:
 * timestamptz and boolean on PostgreSQL, date (ISO text) and 0/1 on SQLite. Read them through
 * `toDate` and `Boolean(...)`, or better through `auth.api`.
 */
export type AuthTime = Date | string;
export type AuthFlag = boolean | number;

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  email_verified: AuthFlag;
  image: string | null;
  /** Null for people who only work for member jurisdictions (see memberships). */
  coalition_role: UserRole | null;
  two_factor_enabled: AuthFlag | null;
  created_at: AuthTime;
  updated_at: AuthTime;
  /** 1 for the demo accounts (published passwords); better-auth leaves it at its default 0. */
  is_demo: ColumnType<number, number | undefined, number>;
  /** The language the person last signed in in (migration 0016); null until they have. */
  locale: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SessionsTable {
  id: string;
  expires_at: AuthTime;
  token: string;
  created_at: AuthTime;
  updated_at: AuthTime;
  ip_address: string | null;
  user_agent: string | null;
  user_id: string;
  /** The member jurisdiction the person acts for in this session, if any. */
  active_jurisdiction_id: string | null;
}

export interface AccountsTable {
  id: string;
  account_id: string;
  /** "credential" for e-mail and password. */
  provider_id: string;
  user_id: string;
  access_token: string | null;
  refresh_token: string | null;
  id_token: string | null;
  access_token_expires_at: AuthTime | null;
  refresh_token_expires_at: AuthTime | null;
  scope: string | null;
  /** scrypt "salt:key" hash, for provider "credential". */
  password: string | null;
  created_at: AuthTime;
  updated_at: AuthTime;
}

export interface VerificationsTable {
  id: string;
  identifier: string;
  value: string;
  expires_at: AuthTime;
  created_at: AuthTime;
  updated_at: AuthTime;
}

export interface TwoFactorsTable {
  id: string;
  secret: string;
  backup_codes: string;
  user_id: string;
  verified: AuthFlag | null;
  failed_verification_count: number | null;
  locked_until: AuthTime | null;
}

export type MembershipRole = "member_admin" | "member_staff";

export interface MembershipsTable {
  user_id: string;
  jurisdiction_id: string;
  role: MembershipRole;
  created_at: string;
}

/**
 * An invitation to a coalition role, or to a role at one member jurisdiction (exactly one of the
 * two, by CHECK). Pending while accepted_at and revoked_at are null and expires_at is ahead.
 */
export interface InvitationsTable {
  id: string;
  /** SHA-256 (hex) of the token in the mailed link; the token itself is never stored. */
  token_hash: string;
  /** Lower-cased. */
  email: string;
  /** The invitee's name as the inviter gave it, to fill in the form; may be null. */
  name: string | null;
  coalition_role: UserRole | null;
  jurisdiction_id: string | null;
  membership_role: MembershipRole | null;
  /** The invitee's language: the mail and the link are in it. */
  locale: string;
  /** Null once that user is deleted. */
  invited_by: string | null;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  revoked_at: string | null;
}

export interface CensusGeographiesTable {
  /** 7 digits for a place (state + place), 5 for a county (state + county). */
  geoid: string;
  kind: "place" | "county";
  /** The Census name with its kind, e.g. "Prattville city" or "Autauga County". */
  name: string;
  /** Two-letter USPS state code. */
  state: string;
  population_2020: number | null;
}

export interface PlaceCountyPartsTable {
  place_geoid: string;
  county_geoid: string;
  /** 2020 Census population of the part of the place inside the county. */
  population_2020: number;
  /** Fraction of the place's 2020 population living in this county; sums to 1 per place. */
  share_of_place: number;
}

export interface CensusLoadsTable {
  snapshot: string;
  rows: number;
  loaded_at: string;
}

export type ApplicationStatus = "pending" | "accepted" | "declined";

export interface MembershipApplicationsTable {
  id: string;
  /** The Census geography applying, picked by name so the GEOID is right. */
  geoid: string;
  name: string;
  kind: JurisdictionKind;
  state: string;
  executive_name: string;
  executive_title: string;
  contact_name: string;
  contact_title: string | null;
  contact_email: string;
  contact_phone: string | null;
  message: string | null;
  /** The language the applicant used; replies are written in it. */
  locale: string;
  status: ApplicationStatus;
  decision_reason: string | null;
  submission_key: string;
  created_at: string;
  decided_at: string | null;
}

/**
 * kept: no SMTP configured, kept for staff to read; queued: waiting for (another) SMTP attempt;
 * sent; failed: gave up after retries.
 */
export type OutboxStatus = "kept" | "queued" | "sent" | "failed";

export interface OutboxTable {
  id: string;
  /**
   * What the message is for: "token" for mails carrying a one-time token (sign-in link, password
   * reset), which are limited per mailbox and hour; "general" (the default) for the rest.
   */
  kind: ColumnType<string, string | undefined, string>;
  to_address: string;
  subject: string;
  /** What staff read and what is sent, except that a one-time secret is replaced by a notice. */
  text_body: string;
  /**
   * The text with its one-time secret (a sign-in link), encrypted (mail/sealed.ts), while the
   * message waits to be sent; null otherwise.
   */
  sealed_body: ColumnType<string | null, string | null | undefined, string | null>;
  /** When the message's one-time secret was wiped (sent, given up, or never to be sent); null if it had none. */
  secret_removed_at: ColumnType<string | null, string | null | undefined, string | null>;
  locale: string;
  status: OutboxStatus;
  /** SMTP attempts made (each run of its mail.deliver job). */
  attempts: number;
  last_error: string | null;
  created_at: string;
  /** When it was sent; null until then (a queued message's next try is its job's run_at). */
  sent_at: string | null;
}

export interface AuditLogTable {
  id: string;
  at: string;
  actor_id: string | null;
  actor_email: string | null;
  action: string;
  entity: string;
  entity_id: string;
  /** JSON of the row before the change, if there was one. */
  before: string | null;
  /** JSON of the row after the change, if there is one. */
  after: string | null;
}

export interface SignInFailuresTable {
  /** SHA-256 (hex) of the lower-cased address typed. */
  email_hash: string;
  /** SHA-256 (hex) of the client's address (request.ip); '' for rows from before 0013. */
  client_hash: ColumnType<string, string | undefined, string>;
  at: string;
}

/** The last TOTP time step (30-second counter) accepted for a person: a code works once. */
export interface TotpStepsTable {
  user_id: string;
  step: number;
}

export interface RateLimitsTable {
  /** The route (without locale prefix) and the client's key, e.g. its address. */
  key: string;
  hits: number;
  /** When the window ends, in milliseconds since the epoch (a string from PostgreSQL's bigint). */
  reset_at: ColumnType<number | string, number, number>;
}

/** queued: waiting for run_at; running: claimed until run_at (its lease); dead: gave up. */
export type JobState = "queued" | "running" | "dead";

/** A durable background job (src/jobs/). A job that succeeds is deleted, unless it recurs. */
export interface JobsTable {
  id: string;
  /** The handler's name, e.g. "mail.deliver". */
  name: string;
  /** JSON. */
  payload: string;
  /** Unique when set: "every:<name>" for a recurring job, or one the enqueuer chose. */
  key: string | null;
  state: JobState;
  /** Runs claimed so far (reset to 0 by a retry of a dead job and when a recurring job is rescheduled). */
  attempts: number;
  /** queued: not before this; running: when the claim's lease ends. */
  run_at: string;
  /** The last failure, at most 1000 characters, control characters replaced. */
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

// Campaigns (migration 0016).
export type CampaignStatus = "draft" | "published" | "closed" | "archived";
export type CampaignVisibility = "public" | "members";
export type ActionKind = "letter" | "event" | "social" | "comment";
export type TextStatus = "draft" | "ready";
export type RsvpStatus = "unconfirmed" | "going" | "waitlist" | "cancelled";
export type SocialPlatform =
  | "x"
  | "bluesky"
  | "threads"
  | "mastodon"
  | "facebook"
  | "instagram"
  | "linkedin";

export interface CampaignsTable {
  id: string;
  slug: string;
  /** As stored; what people see (scheduled, open, closed) also depends on the dates. */
  status: CampaignStatus;
  /** First and last day, YYYY-MM-DD, in `time_zone`. */
  starts_on: string;
  ends_on: string;
  /** IANA time zone, e.g. America/New_York. */
  time_zone: string;
  /** Comma-separated, in English. */
  topics: ColumnType<string, string | undefined, string>;
  /** Members the coalition aims to see take part, or null. */
  goal_members: number | null;
  visibility: CampaignVisibility;
  signatories_public: ColumnType<number, number | undefined, number>;
  is_demo: ColumnType<number, number | undefined, number>;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  published_at: string | null;
  closed_at: string | null;
  results_published_at: string | null;
}

export interface CampaignTextsTable {
  campaign_id: string;
  locale: string;
  title: string;
  summary: string;
  /** Markdown. */
  body: string;
  status: TextStatus;
  updated_at: string;
}

export interface CampaignActionsTable {
  id: string;
  campaign_id: string;
  kind: ActionKind;
  position: number;
  created_at: string;
  updated_at: string;
}

export interface ActionTextsTable {
  action_id: string;
  locale: string;
  title: string;
  /** Markdown: a letter's text, an event's description, a social push's brief. */
  body: string;
  updated_at: string;
}

export interface EventDetailsTable {
  action_id: string;
  /** Instants, ISO 8601 UTC. */
  starts_at: string;
  ends_at: string;
  time_zone: string;
  join_url: string | null;
  dial_in: string | null;
  capacity: number | null;
  public_rsvp: ColumnType<number, number | undefined, number>;
  sequence: ColumnType<number, number | undefined, number>;
  cancelled_at: string | null;
}

export interface EventRsvpsTable {
  id: string;
  action_id: string;
  jurisdiction_id: string | null;
  user_id: string | null;
  name: string;
  email: string;
  locale: string;
  status: RsvpStatus;
  token_hash: string | null;
  attended: number | null;
  reminded_day_at: string | null;
  reminded_hour_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SocialMessagesTable {
  id: string;
  action_id: string;
  platform: SocialPlatform;
  locale: string;
  body: string;
  updated_at: string;
}

export type GraphicMediaType = "image/png" | "image/jpeg" | "image/webp";

export interface SocialGraphicsTable {
  id: string;
  action_id: string;
  sha256: string;
  media_type: GraphicMediaType;
  bytes: number;
  width: number;
  height: number;
  created_at: string;
}

export interface SocialGraphicAltsTable {
  graphic_id: string;
  locale: string;
  alt: string;
}

export interface ParticipationsTable {
  id: string;
  action_id: string;
  jurisdiction_id: string;
  acted_by: string | null;
  signer_name: string | null;
  signer_title: string | null;
  is_demo: ColumnType<number, number | undefined, number>;
  created_at: string;
  updated_at: string;
  withdrawn_at: string | null;
}

export interface SocialPostsTable {
  id: string;
  action_id: string;
  jurisdiction_id: string;
  platform: SocialPlatform;
  url: string;
  reported_by: string | null;
  created_at: string;
}

/** A Federal Register document on the watch list (migration 0018; rules/). */
export interface FederalRulesTable {
  id: string;
  document_number: string;
  title: string;
  abstract: string | null;
  /** The Federal Register's type: "Proposed Rule", "Rule", "Notice", "Presidential Document". */
  type: string;
  action: string | null;
  citation: string | null;
  /** JSON array of { name, slug }. */
  agencies: ColumnType<string, string | undefined, string>;
  publication_date: string;
  /** YYYY-MM-DD; null when the document takes no comments. */
  comments_close_on: string | null;
  /** JSON array of strings. */
  docket_ids: ColumnType<string, string | undefined, string>;
  /** JSON array of strings (Regulation Identifier Numbers). */
  rins: ColumnType<string, string | undefined, string>;
  regulations_document_id: string | null;
  comments_count: number | null;
  html_url: string | null;
  pdf_url: string | null;
  comment_url: string | null;
  watched: ColumnType<number, number | undefined, number>;
  added_by: string | null;
  withdrawn_at: string | null;
  is_demo: ColumnType<number, number | undefined, number>;
  fetched_at: string;
  created_at: string;
  updated_at: string;
}

/** Which rule a campaign's comment action comments on (campaigns/comment). */
export interface CommentActionsTable {
  action_id: string;
  rule_id: string;
  updated_at: string;
}

export interface CommentTemplatesTable {
  action_id: string;
  locale: string;
  /** Plain text with merge fields such as {{member.name}}. */
  body: string;
  updated_at: string;
}

export type CommentFiling = "queued" | "sending" | "unclear" | "refused" | "filed";

/** A member's comment on a rule: one per member and action, with its approval and filing. */
export interface CommentDraftsTable {
  id: string;
  action_id: string;
  jurisdiction_id: string;
  locale: string;
  body: string;
  version: number;
  approver_id: string | null;
  approved_by: string | null;
  approved_at: string | null;
  approved_version: number | null;
  filing: CommentFiling | null;
  filed_via: "api" | "self" | null;
  tracking_number: string | null;
  filed_at: string | null;
  filed_by: string | null;
  filing_error: string | null;
  is_demo: ColumnType<number, number | undefined, number>;
  created_by: string | null;
  updated_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface CommentDraftVersionsTable {
  draft_id: string;
  version: number;
  body: string;
  saved_by: string | null;
  saved_at: string;
}

/** One comment sent to Regulations.gov: the posting limits, kept across processes. */
export interface RegulationsPostsTable {
  id: string;
  posted_at: string;
}

export type ResourceType =
  | "toolkit"
  | "report"
  | "case_study"
  | "video"
  | "graphic"
  | "social_set"
  | "fact_sheet"
  | "op_ed"
  | "news"
  | "statement";
export type ResourceTopic =
  | "public_charge"
  | "family_separation"
  | "tps"
  | "ded"
  | "daca_youth"
  | "immigration_reform"
  | "municipal_id"
  | "legal_services"
  | "language_access";
export type PublishStatus = "draft" | "published" | "unpublished";

/** An item of the resource library (migration 0020; resources/). */
export interface ResourcesTable {
  id: string;
  slug: string;
  type: ResourceType;
  status: PublishStatus;
  /** Shown from this instant (ISO); null: as soon as it is published. */
  publish_at: string | null;
  /** The item's own date, YYYY-MM-DD. */
  dated_on: string;
  partner: string | null;
  video_url: string | null;
  /** A case study's report. */
  parent_id: string | null;
  is_demo: ColumnType<number, number | undefined, number>;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  published_at: string | null;
}

/** One language's version of an item: its own status and editor. */
export interface ResourceVersionsTable {
  resource_id: string;
  locale: string;
  title: string;
  summary: ColumnType<string, string | undefined, string>;
  /** Markdown. */
  body: ColumnType<string, string | undefined, string>;
  status: TextStatus;
  editor_id: string | null;
  updated_at: string;
}

export interface ResourceTopicsTable {
  resource_id: string;
  topic: ResourceTopic;
}

export interface ResourceMembersTable {
  resource_id: string;
  jurisdiction_id: string;
}

export type ResourceFileRole = "document" | "image" | "captions" | "attachment";

export interface ResourceFilesTable {
  id: string;
  resource_id: string;
  /** null: the same file in every language. */
  locale: string | null;
  role: ResourceFileRole;
  /** The file store's key. */
  file_key: string;
  media_type: string;
  bytes: number;
  filename: string;
  width: number | null;
  height: number | null;
  position: ColumnType<number, number | undefined, number>;
  created_at: string;
}

export interface ResourceFileAltsTable {
  file_id: string;
  locale: string;
  alt: string;
}

export interface ResourceSectionsTable {
  id: string;
  resource_id: string;
  locale: string;
  title: string;
  first_page: number;
  last_page: number;
  position: ColumnType<number, number | undefined, number>;
}

export interface ResourceMessagesTable {
  id: string;
  resource_id: string;
  locale: string;
  platform: SocialPlatform;
  body: string;
  position: ColumnType<number, number | undefined, number>;
}

export interface LanguageFallbacksTable {
  locale: string;
  position: number;
  fallback: string;
}

export interface IssuePagesTable {
  id: string;
  slug: string;
  status: PublishStatus;
  is_demo: ColumnType<number, number | undefined, number>;
  created_at: string;
  updated_at: string;
}

export interface IssuePageVersionsTable {
  issue_id: string;
  locale: string;
  title: string;
  intro: ColumnType<string, string | undefined, string>;
  status: TextStatus;
  editor_id: string | null;
  updated_at: string;
}

export interface IssuePageItemsTable {
  issue_id: string;
  resource_id: string;
  position: number;
}

export interface ResourceDownloadsTable {
  resource_id: string;
  locale: string;
  day: string;
  count: number;
}

/** The search index (migration 0022); PostgreSQL's tsvector columns are only written by db/fulltext.ts. */
export interface SearchDocumentsTable {
  id: number;
  source: string;
  ref_id: string;
  locale: string | null;
  type: string;
  slug: string;
  path: string;
  title: string;
  summary: string;
  body: string;
  topics: string;
  dated: string;
  visible_from: string | null;
  is_demo: number;
}
export interface SearchStateTable {
  id: number;
  built_with: string;
  built_at: string;
}
export interface DB {
  jurisdictions: JurisdictionsTable;
  census_figures: CensusFiguresTable;
  content_blocks: ContentBlocksTable;
  users: UsersTable;
  sessions: SessionsTable;
  accounts: AccountsTable;
  verifications: VerificationsTable;
  two_factors: TwoFactorsTable;
  memberships: MembershipsTable;
  sign_in_failures: SignInFailuresTable;
  totp_steps: TotpStepsTable;
  rate_limits: RateLimitsTable;
  invitations: InvitationsTable;
  census_geographies: CensusGeographiesTable;
  place_county_parts: PlaceCountyPartsTable;
  census_loads: CensusLoadsTable;
  membership_applications: MembershipApplicationsTable;
  outbox: OutboxTable;
  jobs: JobsTable;
  audit_log: AuditLogTable;
  campaigns: CampaignsTable;
  campaign_texts: CampaignTextsTable;
  campaign_actions: CampaignActionsTable;
  action_texts: ActionTextsTable;
  event_details: EventDetailsTable;
  event_rsvps: EventRsvpsTable;
  social_messages: SocialMessagesTable;
  participations: ParticipationsTable;
  social_posts: SocialPostsTable;
  social_graphics: SocialGraphicsTable;
  social_graphic_alts: SocialGraphicAltsTable;
  federal_rules: FederalRulesTable;
  comment_actions: CommentActionsTable;
  comment_templates: CommentTemplatesTable;
  comment_drafts: CommentDraftsTable;
  comment_draft_versions: CommentDraftVersionsTable;
  regulations_posts: RegulationsPostsTable;
  resources: ResourcesTable;
  resource_versions: ResourceVersionsTable;
  resource_topics: ResourceTopicsTable;
  resource_members: ResourceMembersTable;
  resource_files: ResourceFilesTable;
  resource_file_alts: ResourceFileAltsTable;
  resource_sections: ResourceSectionsTable;
  resource_messages: ResourceMessagesTable;
  language_fallbacks: LanguageFallbacksTable;
  issue_pages: IssuePagesTable;
  issue_page_versions: IssuePageVersionsTable;
  issue_page_items: IssuePageItemsTable;
  resource_downloads: ResourceDownloadsTable;
  search_documents: SearchDocumentsTable;
  search_state: SearchStateTable;
}

export type Jurisdiction = Selectable<JurisdictionsTable>;
export type NewJurisdiction = Insertable<JurisdictionsTable>;
export type CensusFigure = Selectable<CensusFiguresTable>;
export type ContentBlock = Selectable<ContentBlocksTable>;
export type User = Selectable<UsersTable>;
export type Job = Selectable<JobsTable>;
