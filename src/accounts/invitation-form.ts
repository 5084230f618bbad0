// Reading the invite form (shared by /admin/users and /account/team) and the small forms that
// name a person or an invitation by id.
import type { FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import type { MembershipRole, UserRole } from "../db/index.js";
import { checkFields } from "../http/forms.js";
import { findLocale, type Locale, localizedPath } from "../i18n/index.js";
import { MAIL_ADDRESS_PATTERN } from "../mail/index.js";
import type { InviteField, InviteFormState, InviteTargetValue } from "./invitation-form.view.js";
import { INVITE_EMAIL_PATTERN } from "./invitations.service.js";

/** Ids in forms: better-auth's user ids and our UUIDs; anything else is refused unread. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;

/** A person's name: no markup characters, no control characters (checkFields). */
export const NAME_SCHEMA = Type.String({ minLength: 1, maxLength: 120, pattern: "^[^<>]*$" });

const INVITE_FIELDS = {
  // Both the mailer's pattern and better-auth's: an address invited can always be mailed and
  // can always sign up.
  email: Type.Intersect([
    Type.String({ maxLength: 254, pattern: MAIL_ADDRESS_PATTERN }),
    Type.String({ pattern: INVITE_EMAIL_PATTERN }),
  ]),
  name: Type.String({ maxLength: 120, pattern: "^[^<>]*$" }),
  locale: Type.String({ maxLength: 20 }),
  target: Type.String({ maxLength: 40 }),
  jurisdiction: Type.String({ maxLength: 100 }),
};

export type CheckedInvite =
  | {
      ok: true;
      email: string;
      name: string | null;
      locale: Locale;
      role: InviteTargetValue;
      jurisdiction: string;
      form: InviteFormState;
    }
  | { ok: false; form: InviteFormState };

export function isCoalitionRole(value: string): value is UserRole {
  return value === "coalition_admin" || value === "coalition_editor";
}

export function isMembershipRole(value: string): value is MembershipRole {
  return value === "member_admin" || value === "member_staff";
}

/**
 * Checks an invite form. `targets` are the roles this page may invite to; `jurisdictions` are
 * the ids it may invite to (checked for membership roles only).
 */
export function checkInvite(
  body: unknown,
  targets: readonly InviteTargetValue[],
  jurisdictions: ReadonlySet<string>,
): CheckedInvite {
  const { values, errors } = checkFields(INVITE_FIELDS, body);
  const fieldErrors: InviteField[] = [...errors];
  const locale = findLocale(values.locale);
  if (!locale && !fieldErrors.includes("locale")) fieldErrors.push("locale");
  const role = targets.find((t) => t === values.target);
  if (!role && !fieldErrors.includes("target")) fieldErrors.push("target");
  if (
    role &&
    isMembershipRole(role) &&
    !jurisdictions.has(values.jurisdiction) &&
    !fieldErrors.includes("jurisdiction")
  ) {
    fieldErrors.push("jurisdiction");
  }
  const order: InviteField[] = ["email", "name", "locale", "target", "jurisdiction"];
  fieldErrors.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  const form: InviteFormState = {
    email: values.email,
    name: values.name,
    locale: locale?.tag ?? values.locale,
    target: values.target,
    jurisdiction: values.jurisdiction,
    errors: fieldErrors,
  };
  if (fieldErrors.length || !locale || !role) return { ok: false, form };
  return {
    ok: true,
    email: values.email.toLowerCase(),
    name: values.name || null,
    locale,
    role,
    jurisdiction: values.jurisdiction,
    form,
  };
}

/** A form field that must be an id; undefined when missing or malformed. */
export function formId(body: unknown, name: string): string | undefined {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === "string" && ID_PATTERN.test(value) ? value : undefined;
}

/** What a people form did, said on the page it goes back to (`?done=…`, `team.done.*`). */
export type Done = "invited" | "removed" | "revoked" | "role" | "unchanged";

/** Back to the people page at `path` after a form did its work, saying what it did. */
export function redirectDone(
  request: FastifyRequest,
  reply: FastifyReply,
  path: string,
  what: Done,
) {
  return reply.redirect(`${localizedPath(request.locale, path)}?done=${what}`, 303);
}

/** The success notice for a page's `?done=`, when it is one of `allowed`. */
export function doneNotice(request: FastifyRequest, allowed: readonly Done[]) {
  const done = (request.query as Record<string, unknown>).done;
  const which = allowed.find((d) => d === done);
  return which ? { kind: "success" as const, text: request.t(`team.done.${which}`) } : undefined;
}
