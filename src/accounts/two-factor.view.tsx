import { encode } from "uqr";
import type { Account } from "../http/account.js";
import { localizedPath } from "../i18n/index.js";
import { ErrorSummary, PasswordField, TextField } from "../views/form.js";
import { Layout } from "../views/layout.js";
import { Notice } from "../views/notice.js";
import type { PageContext } from "../views/page-context.js";
import { MAX_PASSWORD_LENGTH } from "./auth.js";

const MODULE = 8;

/**
 * A QR code as inline SVG: one path of squares on a white square, no style attributes (the CSP
 * forbids inline styles), with a text alternative.
 */
export function QrCode({ data, label }: { data: string; label: string }) {
  const qr = encode(data, { ecc: "M", border: 4 });
  const side = qr.size * MODULE;
  let d = "";
  qr.data.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) d += `M${x * MODULE},${y * MODULE}h${MODULE}v${MODULE}h-${MODULE}z`;
    });
  });
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${side} ${side}`}
      width="240"
      height="240"
      role="img"
      aria-label={label}
      class="cfa-qr"
    >
      <rect width={String(side)} height={String(side)} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}

function NextField({ next }: { next: string | undefined }) {
  return next ? <input type="hidden" name="next" value={next} /> : "";
}

/** /account/two-factor: whether it is on, and the form to turn it on or off. */
export function TwoFactorPage({
  ctx,
  account,
  next,
  csrfToken,
  notice,
  passwordError,
  required,
}: {
  ctx: PageContext;
  account: Account;
  /** Whether this person must use it (accounts.policy.ts `mustUseTwoFactor`). */
  required: boolean;
  next: string | undefined;
  csrfToken: string;
  notice?: string;
  passwordError?: string;
}) {
  const { t, locale } = ctx;
  const on = account.user.twoFactorEnabled;

  return (
    <Layout ctx={ctx} title={t("accounts.two_factor.title")} noindex>
      <div class="grid-container usa-section">
        <h1 safe>{t("accounts.two_factor.title")}</h1>
        {notice ? <Notice kind="success" text={notice} /> : ""}
        {!on && required ? <Notice kind="info" text={t("accounts.two_factor.required")} /> : ""}
        <ErrorSummary
          heading={t("accounts.error.summary")}
          errors={passwordError ? [{ id: "two-factor-password", message: passwordError }] : []}
        />
        <p safe>{t(on ? "accounts.two_factor.on" : "accounts.two_factor.off")}</p>
        {on ? (
          <section aria-labelledby="disable-heading">
            <h2 id="disable-heading" safe>
              {t("accounts.two_factor.disable.heading")}
            </h2>
            <p safe>{t("accounts.two_factor.disable.intro")}</p>
            {required ? <p safe>{t("accounts.two_factor.disable.admin")}</p> : ""}
            <form
              class="usa-form"
              method="post"
              action={localizedPath(locale, "/account/two-factor/disable")}
              novalidate
            >
              <input type="hidden" name="_csrf" value={csrfToken} />
              <PasswordField
                id="two-factor-password"
                name="password"
                label={t("accounts.field.password")}
                error={passwordError}
                autocomplete="current-password"
                maxlength={MAX_PASSWORD_LENGTH}
              />
              <button class="usa-button usa-button--secondary" type="submit" safe>
                {t("accounts.two_factor.disable.submit")}
              </button>
            </form>
          </section>
        ) : (
          <form
            class="usa-form"
            method="post"
            action={localizedPath(locale, "/account/two-factor/enable")}
            novalidate
          >
            <input type="hidden" name="_csrf" value={csrfToken} />
            <NextField next={next} />
            <p safe>{t("accounts.two_factor.start.intro")}</p>
            <PasswordField
              id="two-factor-password"
              name="password"
              label={t("accounts.field.password")}
              error={passwordError}
              autocomplete="current-password"
              maxlength={MAX_PASSWORD_LENGTH}
            />
            <button class="usa-button" type="submit" safe>
              {t("accounts.two_factor.start.submit")}
            </button>
          </form>
        )}
        <p class="margin-top-3">
          <a href={localizedPath(locale, "/account")} safe>
            {t("accounts.account.title")}
          </a>
        </p>
      </div>
    </Layout>
  );
}

/** Enrolment: the QR code and key, the backup codes, and the form for the first code. */
export function EnrolPage({
  ctx,
  uri,
  secret,
  backupCodes,
  next,
  csrfToken,
  codeError,
}: {
  ctx: PageContext;
  uri: string;
  secret: string;
  backupCodes: string[];
  next: string | undefined;
  csrfToken: string;
  codeError?: string;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("accounts.two_factor.title")} noindex>
      <div class="grid-container usa-section">
        <h1 safe>{t("accounts.two_factor.title")}</h1>
        <ErrorSummary
          heading={t("accounts.error.summary")}
          errors={codeError ? [{ id: "enrol-code", message: codeError }] : []}
        />
        <h2 safe>{t("accounts.two_factor.scan.heading")}</h2>
        <p safe>{t("accounts.two_factor.scan.intro")}</p>
        <QrCode data={uri} label={t("accounts.two_factor.scan.qr_label")} />
        <p>
          <span safe>{t("accounts.two_factor.scan.key")}</span>{" "}
          <code class="cfa-secret" safe>
            {secret.replace(/(.{4})(?=.)/g, "$1 ")}
          </code>
        </p>
        <h2 safe>{t("accounts.two_factor.codes.heading")}</h2>
        <p safe>{t("accounts.two_factor.codes.intro")}</p>
        <ul class="usa-list">
          {backupCodes.map((code) => (
            <li>
              <code safe>{code}</code>
            </li>
          ))}
        </ul>
        <h2 safe>{t("accounts.two_factor.confirm.heading")}</h2>
        <CodeForm
          ctx={ctx}
          action="/account/two-factor/verify"
          id="enrol-code"
          hint={t("accounts.field.code_hint")}
          submit={t("accounts.two_factor.confirm.submit")}
          error={codeError}
          next={next}
          csrfToken={csrfToken}
        />
      </div>
    </Layout>
  );
}

/** A form with one field for a code from the authenticator app (or a backup code). */
function CodeForm({
  ctx,
  action,
  id,
  hint,
  submit,
  error,
  next,
  csrfToken,
}: {
  ctx: PageContext;
  /** The unprefixed path the form posts to. */
  action: string;
  id: string;
  hint: string;
  submit: string;
  error: string | undefined;
  next: string | undefined;
  csrfToken: string;
}) {
  return (
    <form class="usa-form" method="post" action={localizedPath(ctx.locale, action)} novalidate>
      <input type="hidden" name="_csrf" value={csrfToken} />
      <NextField next={next} />
      <TextField
        id={id}
        name="code"
        value=""
        maxlength={20}
        autocomplete="one-time-code"
        verbatim
        label={ctx.t("accounts.field.code")}
        hint={hint}
        error={error}
      />
      <button class="usa-button" type="submit" safe>
        {submit}
      </button>
    </form>
  );
}

/** The second step of signing in: a code from the authenticator app, or a backup code. */
export function CodePage({
  ctx,
  next,
  csrfToken,
  error,
}: {
  ctx: PageContext;
  next: string | undefined;
  csrfToken: string;
  error?: string;
}) {
  const { t, locale } = ctx;
  const restart = localizedPath(locale, "/account/sign-in");
  return (
    <Layout ctx={ctx} title={t("accounts.code.title")} noindex>
      <div class="grid-container usa-section">
        <h1 safe>{t("accounts.code.title")}</h1>
        <p safe>{t("accounts.code.intro")}</p>
        <ErrorSummary
          heading={t("accounts.error.summary")}
          errors={error ? [{ id: "sign-in-code", message: error }] : []}
        />
        <CodeForm
          ctx={ctx}
          action="/account/sign-in/code"
          id="sign-in-code"
          hint={t("accounts.code.hint")}
          submit={t("accounts.code.submit")}
          error={error}
          next={next}
          csrfToken={csrfToken}
        />
        <p class="margin-top-3">
          <a href={next ? `${restart}?next=${encodeURIComponent(next)}` : restart} safe>
            {t("accounts.code.restart")}
          </a>
        </p>
      </div>
    </Layout>
  );
}
