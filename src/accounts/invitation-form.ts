// The forms of the people pages (/admin/users and /account/team): the invite form's schema and
// its checks beyond the schema (a language we speak, a role this page offers, a member
// jurisdiction), the small forms that name a person or an invitation by id, and the notices of
// what a form did.
import type { FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import type { FieldError } from "../http/errors.js";
import { Line } from "../http/validation.js";
import { findLocale, type Locale, localizedPath, type Translate } from "../i18n/index.js";
import { MAIL_ADDRESS_PATTERN } from "../mail/index.js";
import { fieldMessage, refusalOf } from "./forms.js";
import type { InviteField, InviteFormState, InviteTargetValue } from "./invitation-form.view.js";
import { INVITE_EMAIL_PATTERN } from "./invitations.service.js";
import { INVITATION_MAILS_PER_HOUR } from "./invite.service.js";

/** Ids in forms: better-auth's user ids and our UUIDs; anything else is refused unread (404). */
export const Id = Type.String({ pattern: "^[A-Za-z0-9_-]{1,100}$" });
/** The jurisdiction a team form is for (it must be the one acted for: accounts.policy.ts). */
export const FormJurisdiction = Type.String({ maxLength: 100 });

export const InviteBody = Type.Object({
  // Both the mailer's pattern and better-auth's: an address invited can always be mailed and
  // can always sign up.
  email: Type.Intersect([
    Line({ maxLength: 254, pattern: MAIL_ADDRESS_PATTERN }),
    Type.String({ pattern: INVITE_EMAIL_PATTERN }),
  ]),
  name: Line({ maxLength: 120, pattern: "^[^<>]*$" }),
  locale: Line({ maxLength: 20 }),
  target: Line({ maxLength: 40 }),
  jurisdiction: FormJurisdiction,
});

export interface InviteValues {
  email: string;
  name: string;
  locale: string;
  target: string;
  jurisdiction: string;
}

/** The invite form's values as a refused form echoes them. */
export function inviteValues(values: Record<string, string>): InviteValues {
  return {
    email: values.email ?? "",
    name: values.name ?? "",
    locale: values.locale ?? "",
    target: values.target ?? "",
    jurisdiction: values.jurisdiction ?? "",
  };
}

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

const FIELDS: InviteField[] = ["email", "name", "locale", "target", "jurisdiction"];

/**
 * Checks an invite form beyond its schema: `refused` are the schema's errors by field; `targets`
 * are the roles this page may invite to; `jurisdictions` the ids it may invite to (for
 * membership roles only). Each refused field gets its message: the reason, when it is specific,
 * else what the field takes (`team.invite.error.<field>`).
 */
export function checkInvite(
  t: Translate,
  values: InviteValues,
  refused: Record<string, FieldError | undefined>,
  targets: readonly InviteTargetValue[],
  jurisdictions: ReadonlySet<string>,
): CheckedInvite {
  const locale = findLocale(values.locale);
  const role = targets.find((target) => target === values.target);
  const wrong = new Set<InviteField>(FIELDS.filter((f) => refused[f]));
  if (!locale) wrong.add("locale");
  if (!role) wrong.add("target");
  if (role && isMembershipTarget(role) && !jurisdictions.has(values.jurisdiction)) {
    wrong.add("jurisdiction");
  }
  const errors: InviteFormState["errors"] = {};
  for (const field of FIELDS) {
    if (!wrong.has(field)) continue;
    const own = t(`team.invite.error.${field}`);
    const error = refused[field];
    errors[field] = error ? fieldMessage(t, error, own) : own;
  }
  const form: InviteFormState = { ...values, locale: locale?.tag ?? values.locale, errors };
  if (wrong.size || !locale || !role) return { ok: false, form };
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

function isMembershipTarget(role: InviteTargetValue): boolean {
  return role === "member_admin" || role === "member_staff";
}

/** The form again, saying the address already has this role (or a higher one). */
export function alreadyInvited(t: Translate, form: InviteFormState): InviteFormState {
  return { ...form, errors: { ...form.errors, email: t("team.invite.error.already") } };
}

/**
 * The form again, saying the address had its invitation mails for this hour
 * (`invitation_mail_limit`, 429): nothing was written.
 */
export function mailLimited(request: FastifyRequest, form: InviteFormState) {
  const { statusCode, message } = refusalOf(request, "invitation_mail_limit", {
    email: form.email,
    limit: INVITATION_MAILS_PER_HOUR,
  });
  return { form: { ...form, errors: { ...form.errors, email: message } }, statusCode };
}

/** The query of a people page: what its last form did. */
export const DoneQuery = Type.Object({ done: Type.Optional(Type.String()) });

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
export function doneNotice(t: Translate, done: string | undefined, allowed: readonly Done[]) {
  const which = allowed.find((d) => d === done);
  return which ? { kind: "success" as const, text: t(`team.done.${which}`) } : undefined;
}
