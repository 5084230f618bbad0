// The invite form shared by /admin/users (any target) and /account/team (one jurisdiction's
// roles), and the short descriptions of roles and invitations both pages list.
import type { MembershipRole, UserRole } from "../db/index.js";
import { LOCALES } from "../i18n/index.js";
import { ErrorSummary, type Option, SelectField, TextField } from "../views/form.js";
import type { PageContext } from "../views/page-context.js";
import type { Invitation } from "./invitations.service.js";

export type InviteField = "email" | "name" | "locale" | "target" | "jurisdiction";
export type InviteTargetValue = UserRole | MembershipRole;

export interface InviteFormState {
  email: string;
  name: string;
  locale: string;
  target: string;
  jurisdiction: string;
  /** Each refused field and its message. */
  errors: Partial<Record<InviteField, string>>;
}

export function emptyInviteForm(locale: string, target = ""): InviteFormState {
  return { email: "", name: "", locale, target, jurisdiction: "", errors: {} };
}

/** "coalition administrator", or "member staff of Springfield, IL". */
export function describeTarget(
  t: PageContext["t"],
  target: {
    coalitionRole: UserRole | null;
    membershipRole: MembershipRole | null;
    jurisdictionName: string | null;
  },
): string {
  if (target.coalitionRole) return t(`accounts.role.${target.coalitionRole}`);
  return t(`team.target.${target.membershipRole ?? "member_staff"}`, {
    jurisdiction: target.jurisdictionName ?? "",
  });
}

export function describeInvitation(t: PageContext["t"], invitation: Invitation): string {
  return describeTarget(t, invitation);
}

/**
 * The invite form. `targets` are the roles offered (radio buttons); `jurisdictions`, when
 * given, is the member list to choose from; otherwise `fixedJurisdiction` is sent as is.
 */
export function InviteForm({
  ctx,
  action,
  csrfToken,
  form,
  targets,
  jurisdictions,
  fixedJurisdiction,
}: {
  ctx: PageContext;
  action: string;
  csrfToken: string;
  form: InviteFormState;
  targets: InviteTargetValue[];
  jurisdictions?: Option[];
  fixedJurisdiction?: string;
}) {
  const { t } = ctx;
  const error = (field: InviteField) => form.errors[field];
  const fields: InviteField[] = ["email", "name", "locale", "target", "jurisdiction"];
  const languages: Option[] = LOCALES.map((l) => ({ value: l.tag, label: l.name, lang: l.tag }));
  const targetError = error("target");
  return (
    <form class="usa-form usa-form--large" method="post" action={action} novalidate>
      <ErrorSummary
        heading={t("accounts.error.summary")}
        errors={fields.flatMap((f) => {
          const message = form.errors[f];
          return message
            ? [{ id: f === "target" ? "invite-target-0" : `invite-${f}`, message }]
            : [];
        })}
      />
      <input type="hidden" name="_csrf" value={csrfToken} />
      {fixedJurisdiction ? (
        <input type="hidden" name="jurisdiction" value={fixedJurisdiction} />
      ) : (
        ""
      )}
      <TextField
        id="invite-email"
        name="email"
        type="email"
        // The invited person's address and name, not the inviter's own for the browser to offer.
        autocomplete="off"
        label={t("accounts.field.email")}
        value={form.email}
        maxlength={254}
        error={error("email")}
      />
      <TextField
        id="invite-name"
        name="name"
        autocomplete="off"
        label={t("team.invite.name")}
        hint={t("team.invite.name_hint")}
        value={form.name}
        maxlength={120}
        error={error("name")}
      />
      <SelectField
        id="invite-locale"
        name="locale"
        label={t("team.invite.locale")}
        hint={t("team.invite.locale_hint")}
        value={form.locale}
        options={languages}
        error={error("locale")}
      />
      <fieldset
        class={targetError ? "usa-fieldset usa-form-group usa-form-group--error" : "usa-fieldset"}
        aria-describedby={targetError ? "invite-target-error" : undefined}
      >
        <legend class="usa-legend" safe>
          {t("team.invite.target")}
        </legend>
        {targetError ? (
          <span class="usa-error-message" id="invite-target-error" safe>
            {targetError}
          </span>
        ) : (
          ""
        )}
        {targets.map((value, i) => (
          <div class="usa-radio">
            <input
              class="usa-radio__input"
              id={`invite-target-${i}`}
              type="radio"
              name="target"
              value={value}
              checked={form.target === value}
            />
            <label class="usa-radio__label" for={`invite-target-${i}`} safe>
              {value === "coalition_admin" || value === "coalition_editor"
                ? t(`accounts.role.${value}`)
                : t(`team.role.${value}`)}
            </label>
          </div>
        ))}
      </fieldset>
      {jurisdictions ? (
        <SelectField
          id="invite-jurisdiction"
          name="jurisdiction"
          label={t("team.invite.jurisdiction")}
          hint={t("team.invite.jurisdiction_hint")}
          value={form.jurisdiction}
          options={jurisdictions}
          emptyLabel={t("team.invite.jurisdiction_none")}
          error={error("jurisdiction")}
        />
      ) : (
        ""
      )}
      <button class="usa-button" type="submit" safe>
        {t("team.invite.submit")}
      </button>
    </form>
  );
}
