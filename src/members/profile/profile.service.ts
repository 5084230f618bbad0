// What a member keeps up to date on its public profile (its executive, website and office), checked
// field by field and saved with an audit entry in the same transaction. Member admins save their
// own jurisdiction's; coalition staff save anyone's (profile-edit.routes.tsx decides which).
import type { Kysely } from "kysely";
import { type Static, Type } from "typebox";
import { recordAudit } from "../../audit/index.js";
import { type DB, type JurisdictionStatus, lockRevision } from "../../db/index.js";
import { Line, Text } from "../../http/validation.js";
import {
  editableJurisdiction,
  PROFILE_COLUMNS,
  updateJurisdiction,
} from "../jurisdictions.queries.js";
import { reindexMembers } from "../search.source.js";
import { webAddressProblem } from "../web-address.js";

export const PROFILE_FIELDS = PROFILE_COLUMNS;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

/** Why a field was refused: each has its own message (members.edit.error.*). */
export type ProfileError = ProfileField | "executive_name_required";

export const PROFILE_MAX_LENGTH: Record<ProfileField, number> = {
  executive_name: 120,
  executive_title: 120,
  website: 300,
  office_name: 160,
  office_address: 300,
  office_phone: 40,
  office_email: 254,
  office_languages: 200,
  office_description: 600,
};

/**
 * The profile form: one line each (the address and description may have several), the
 * executive's title required. The office fields are optional: a member fills what it has.
 * Older forms without the office fields still post (they are optional, empty when absent).
 */
export const ProfileForm = Type.Object({
  executive_name: Line({ maxLength: PROFILE_MAX_LENGTH.executive_name }),
  executive_title: Line({ minLength: 1, maxLength: PROFILE_MAX_LENGTH.executive_title }),
  website: Line({ maxLength: PROFILE_MAX_LENGTH.website }),
  office_name: Type.Optional(Line({ maxLength: PROFILE_MAX_LENGTH.office_name })),
  office_address: Type.Optional(Text({ maxLength: PROFILE_MAX_LENGTH.office_address })),
  office_phone: Type.Optional(Line({ maxLength: PROFILE_MAX_LENGTH.office_phone })),
  office_email: Type.Optional(Line({ maxLength: PROFILE_MAX_LENGTH.office_email })),
  office_languages: Type.Optional(Line({ maxLength: PROFILE_MAX_LENGTH.office_languages })),
  office_description: Type.Optional(Text({ maxLength: PROFILE_MAX_LENGTH.office_description })),
});
export type ProfileForm = Static<typeof ProfileForm>;

/** The profile's fields as stored: an empty field is null. */
export type ProfileValues = Record<ProfileField, string | null>;

export interface EditableJurisdiction {
  id: string;
  slug: string;
  name: string;
  state: string;
  status: JurisdictionStatus;
  values: ProfileValues;
}

/** A telephone number as people write it: digits and + ( ) - . / spaces, "ext", 7 to 20 digits. */
export function isPhoneNumber(text: string): boolean {
  const digits = text.replace(/\D/g, "").length;
  return /^\+?[0-9 ()./-]+((ext\.?|x) ?[0-9]{1,6})?$/i.test(text) && digits >= 7 && digits <= 20;
}

/** An e-mail address of the usual shape (the one CONTACT_EMAIL is checked against). */
export function isEmailAddress(text: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text);
}

/** A web address people can follow (web-address.ts), and not ending in a dot. */
export function isWebAddress(text: string): boolean {
  return webAddressProblem(text) === null && !new URL(text).hostname.endsWith(".");
}

export interface CheckedProfile {
  /** The fields as typed (trimmed), to show again in the form. */
  form: Record<ProfileField, string>;
  values: ProfileValues;
  errors: ProfileError[];
}

/**
 * The rules of a profile beyond its form's schema: a member's executive must be named (as the
 * roster import requires) and a website must be one people can follow. `refused` are the fields
 * the schema refused already (reported as they are). Which jurisdiction is edited comes from the
 * route, never from the form.
 */
export function checkProfile(
  form: ProfileForm,
  status: JurisdictionStatus,
  refused: ReadonlySet<string> = new Set(),
): CheckedProfile {
  const typed = Object.fromEntries(PROFILE_FIELDS.map((f) => [f, form[f] ?? ""])) as Record<
    ProfileField,
    string
  >;
  const errors: ProfileError[] = [];
  for (const field of PROFILE_FIELDS) {
    const value = typed[field];
    if (refused.has(field)) errors.push(field);
    else if (field === "executive_name" && status === "member" && value === "")
      errors.push("executive_name_required");
    else if (field === "website" && value !== "" && !isWebAddress(value)) errors.push(field);
    else if (field === "office_phone" && value !== "" && !isPhoneNumber(value)) errors.push(field);
    else if (field === "office_email" && value !== "" && !isEmailAddress(value)) errors.push(field);
  }
  const values = Object.fromEntries(
    PROFILE_FIELDS.map((f) => [f, typed[f] === "" ? null : typed[f]]),
  ) as ProfileValues;
  return { form: typed, values, errors };
}

function same(a: ProfileValues, b: ProfileValues): boolean {
  return PROFILE_FIELDS.every((f) => (a[f] ?? null) === (b[f] ?? null));
}

async function find(
  db: Kysely<DB>,
  where: { id: string } | { slug: string },
): Promise<EditableJurisdiction | undefined> {
  const row = await editableJurisdiction(db, where);
  if (!row) return undefined;
  const { id, slug, name, state, status } = row;
  const values = Object.fromEntries(PROFILE_FIELDS.map((f) => [f, row[f]])) as ProfileValues;
  return { id, slug, name, state, status, values };
}

export const findEditableById = (db: Kysely<DB>, id: string) => find(db, { id });
export const findEditableBySlug = (db: Kysely<DB>, slug: string) => find(db, { slug });

export type SaveOutcome = "saved" | "unchanged" | "missing";

/**
 * Writes the profile and its audit entry (before and after) in one transaction; writes nothing,
 * not even an audit entry, when nothing changed.
 */
export async function saveProfile(
  db: Kysely<DB>,
  jurisdictionId: string,
  values: ProfileValues,
  actor: { id: string; email: string },
  now = new Date(),
): Promise<SaveOutcome> {
  const current = await findEditableById(db, jurisdictionId);
  if (!current) return "missing";
  if (same(current.values, values)) return "unchanged";
  return db.transaction().execute(async (trx) => {
    // Serialises with other writers, so that `before` is what this save replaces.
    await lockRevision(trx);
    const before = await findEditableById(trx, jurisdictionId);
    if (!before) return "missing";
    if (same(before.values, values)) return "unchanged";
    await updateJurisdiction(trx, jurisdictionId, { ...values, updated_at: now.toISOString() });
    await reindexMembers(trx, [jurisdictionId]);
    await recordAudit(
      trx,
      {
        actor,
        action: "jurisdiction.profile_update",
        entity: "jurisdiction",
        entityId: jurisdictionId,
        before: before.values,
        after: values,
      },
      now,
    );
    return "saved";
  });
}
