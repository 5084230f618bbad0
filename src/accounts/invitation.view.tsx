// The page an invitation link opens: who invited whom to what, and the one step left (make an
// account, sign in as the invited address, or accept), or why the link no longer works.
import { localizedPath } from "../i18n/index.js";
import { ErrorSummary, PasswordField, TextField } from "../views/form.js";
import { Layout } from "../views/layout.js";
import { Notice } from "../views/notice.js";
import type { PageContext } from "../views/page-context.js";
import { describeInvitation } from "./invitation-form.view.js";
import type { Invitation, InvitationState } from "./invitations.service.js";

export type SignUpField = "name" | "password" | "password_confirm";
/** Each refused field of the sign-up form and its message. */
export type SignUpErrors = Partial<Record<SignUpField, string>>;

export type LandingStep =
  /** No account for the address: make one. */
  | { kind: "sign_up"; name: string; errors: SignUpErrors }
  /** Signed in as the invited address. */
  | { kind: "accept" }
  /** An account exists; nobody is signed in. */
  | { kind: "sign_in"; href: string }
  /** Signed in as someone else (`message`: the catalogue's `wrong_account`). */
  | { kind: "other_account"; message: string };

function Invited({ ctx, invitation }: { ctx: PageContext; invitation: Invitation }) {
  const { t } = ctx;
  const values = {
    site: ctx.siteName,
    email: invitation.email,
    role: describeInvitation(t, invitation),
  };
  return (
    <>
      <p class="usa-intro" safe>
        {invitation.invitedByName
          ? t("team.landing.invited_by", {
              ...values,
              inviter: invitation.invitedByName,
              inviterEmail: invitation.invitedByEmail ?? "",
            })
          : t("team.landing.invited", values)}
      </p>
      <p safe>{t("team.landing.expires", { expires: new Date(invitation.expiresAt) })}</p>
    </>
  );
}

export function InvitationPage({
  ctx,
  invitation,
  step,
  token,
  csrfToken,
  minPassword,
  maxPassword,
}: {
  ctx: PageContext;
  invitation: Invitation;
  step: LandingStep;
  token: string;
  csrfToken: string;
  minPassword: number;
  maxPassword: number;
}) {
  const { t, locale } = ctx;
  const action = localizedPath(locale, "/account/invitation");
  return (
    <Layout ctx={ctx} title={t("team.landing.title")} noindex>
      <div class="grid-container usa-section">
        <h1 safe>{t("team.landing.title")}</h1>
        <Invited ctx={ctx} invitation={invitation} />
        {step.kind === "sign_up" ? (
          <SignUpForm
            ctx={ctx}
            action={action}
            token={token}
            csrfToken={csrfToken}
            email={invitation.email}
            name={step.name}
            errors={step.errors}
            minPassword={minPassword}
            maxPassword={maxPassword}
          />
        ) : step.kind === "accept" ? (
          <form method="post" action={action}>
            <input type="hidden" name="_csrf" value={csrfToken} />
            <input type="hidden" name="token" value={token} />
            <button class="usa-button" type="submit" safe>
              {t("team.landing.accept")}
            </button>
          </form>
        ) : step.kind === "sign_in" ? (
          <>
            <p safe>{t("team.landing.sign_in_first", { email: invitation.email })}</p>
            <p>
              <a class="usa-button" href={step.href} safe>
                {t("team.landing.sign_in")}
              </a>
            </p>
          </>
        ) : (
          <>
            <Notice kind="error" text={step.message} />
            <form method="post" action={localizedPath(locale, "/account/sign-out")}>
              <input type="hidden" name="_csrf" value={csrfToken} />
              <button class="usa-button usa-button--outline" type="submit" safe>
                {t("accounts.sign_out")}
              </button>
            </form>
          </>
        )}
      </div>
    </Layout>
  );
}

function SignUpForm({
  ctx,
  action,
  token,
  csrfToken,
  email,
  name,
  errors,
  minPassword,
  maxPassword,
}: {
  ctx: PageContext;
  action: string;
  token: string;
  csrfToken: string;
  email: string;
  name: string;
  errors: SignUpErrors;
  minPassword: number;
  maxPassword: number;
}) {
  const { t } = ctx;
  const lengths = { min: minPassword, max: maxPassword };
  const error = (field: SignUpField) => errors[field];
  const summary = (["name", "password", "password_confirm"] as const).flatMap((f) => {
    const message = errors[f];
    return message ? [{ id: `invitation-${f}`, message }] : [];
  });
  return (
    <>
      <h2 safe>{t("team.landing.sign_up_heading")}</h2>
      <ErrorSummary heading={t("accounts.error.summary")} errors={summary} />
      <form class="usa-form" method="post" action={action} novalidate>
        <input type="hidden" name="_csrf" value={csrfToken} />
        <input type="hidden" name="token" value={token} />
        <p safe>{t("team.landing.sign_up_email", { email })}</p>
        <TextField
          id="invitation-name"
          name="name"
          autocomplete="name"
          label={t("team.landing.name")}
          value={name}
          maxlength={120}
          error={error("name")}
        />
        <PasswordField
          id="invitation-password"
          name="password"
          label={t("accounts.field.password")}
          hint={t("team.landing.password_hint", lengths)}
          error={error("password")}
          maxlength={maxPassword}
          autocomplete="new-password"
        />
        <PasswordField
          id="invitation-password_confirm"
          name="password_confirm"
          label={t("team.landing.password_confirm")}
          error={error("password_confirm")}
          maxlength={maxPassword}
          autocomplete="new-password"
        />
        <button class="usa-button" type="submit" safe>
          {t("team.landing.create")}
        </button>
      </form>
    </>
  );
}

export type LandingProblem = "invalid" | Exclude<InvitationState, "pending">;

/** Why a link does not work (forged, expired, revoked, used, or its jurisdiction left). */
export function InvitationProblemPage({
  ctx,
  problem,
}: {
  ctx: PageContext;
  problem: LandingProblem;
}) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t("team.landing.problem_title")} noindex>
      <div class="grid-container usa-section">
        <h1 safe>{t("team.landing.problem_title")}</h1>
        <p class="usa-intro" safe>
          {t(`team.landing.problem.${problem}`)}
        </p>
        {problem === "accepted" ? (
          <p>
            <a href={localizedPath(locale, "/account")} safe>
              {t("team.landing.go_account")}
            </a>
          </p>
        ) : (
          ""
        )}
      </div>
    </Layout>
  );
}
