import type { Account, Membership } from "../http/account.js";
import { localizedPath } from "../i18n/index.js";
import { DemoNotice } from "../views/demo-notice.js";
import { Layout } from "../views/layout.js";
import { Notice } from "../views/notice.js";
import type { PageContext } from "../views/page-context.js";
import { TableHead } from "../views/table.js";
import type { accountLinks } from "./accounts.policy.js";
import { deviceOf } from "./user-agent.js";

/** What the page offers (accounts.policy.ts `accountLinks`). */
export type AccountLinks = ReturnType<typeof accountLinks>;

export interface SessionRow {
  id: string;
  createdAt: Date;
  userAgent: string | null;
  current: boolean;
}

export function AccountPage({
  ctx,
  account,
  links,
  sessions,
  csrfToken,
}: {
  ctx: PageContext;
  account: Account;
  links: AccountLinks;
  sessions: SessionRow[];
  csrfToken: string;
}) {
  const { t, locale } = ctx;
  const role = account.user.coalitionRole;
  return (
    <Layout ctx={ctx} title={t("accounts.account.title")} noindex>
      <div class="grid-container usa-section">
        <h1 safe>{t("accounts.account.title")}</h1>
        {account.user.isDemo ? <DemoNotice ctx={ctx} text={t("accounts.account.demo")} /> : ""}
        <p safe>
          {t("accounts.account.signed_in_as", {
            name: account.user.name,
            email: account.user.email,
          })}
        </p>
        {/* Only a role the person has: "Coalition role: none" tells them nothing. */}
        {role ? <p safe>{t("accounts.account.role", { role: t(`accounts.role.${role}`) })}</p> : ""}
        {role ? (
          <p>
            <a href={localizedPath(locale, "/admin")} safe>
              {t("accounts.account.admin_link")}
            </a>
          </p>
        ) : (
          ""
        )}
        <p>
          <span safe>
            {t(
              account.user.twoFactorEnabled
                ? "accounts.account.two_factor_on"
                : "accounts.account.two_factor_off",
            )}
          </span>{" "}
          <a href={localizedPath(locale, "/account/two-factor")} safe>
            {t("accounts.account.two_factor_manage")}
          </a>
        </p>
        <JurisdictionSection ctx={ctx} account={account} links={links} />
        <form method="post" action={localizedPath(locale, "/account/sign-out")}>
          <input type="hidden" name="_csrf" value={csrfToken} />
          <button class="usa-button usa-button--outline" type="submit" safe>
            {t("accounts.sign_out")}
          </button>
        </form>

        <h2 id="sessions-heading" safe>
          {t("accounts.sessions.heading")}
        </h2>
        <p safe>{t("accounts.sessions.intro")}</p>
        <table class="usa-table usa-table--borderless" aria-labelledby="sessions-heading">
          <TableHead labels={[t("accounts.sessions.started"), t("accounts.sessions.device")]} />
          <tbody>
            {sessions.map((s) => (
              <tr>
                <td class="text-no-wrap" safe>
                  {t("accounts.sessions.when", { created: s.createdAt })}
                </td>
                <td class="cfa-break-anywhere">
                  <span safe>{deviceName(t, s.userAgent)}</span>
                  {s.current ? (
                    <>
                      {" "}
                      <strong safe>{t("accounts.sessions.current")}</strong>
                    </>
                  ) : (
                    ""
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <form method="post" action={localizedPath(locale, "/account/sign-out-everywhere")}>
          <input type="hidden" name="_csrf" value={csrfToken} />
          <p class="usa-hint" id="sign-out-everywhere-hint" safe>
            {t("accounts.sign_out_everywhere.hint")}
          </p>
          <button
            class="usa-button usa-button--secondary"
            type="submit"
            aria-describedby="sign-out-everywhere-hint"
            safe
          >
            {t("accounts.sign_out_everywhere")}
          </button>
        </form>
      </div>
    </Layout>
  );
}

/** "Firefox on Windows", or as much of it as the header tells; never the raw header. */
function deviceName(t: PageContext["t"], userAgent: string | null): string {
  const { browser, system } = deviceOf(userAgent);
  if (browser && system) return t("accounts.sessions.browser_on", { browser, system });
  return browser ?? system ?? t("accounts.sessions.unknown_device");
}

function roleName(t: PageContext["t"], m: Membership): string {
  return t(m.role === "member_admin" ? "team.role.member_admin" : "team.role.member_staff");
}

/** The jurisdictions someone works for, and which one they act for now. */
function JurisdictionSection({
  ctx,
  account,
  links,
}: {
  ctx: PageContext;
  account: Account;
  links: AccountLinks;
}) {
  const { t, locale } = ctx;
  if (account.memberships.length === 0) return "";
  return (
    <section aria-labelledby="jurisdictions-heading">
      <h2 id="jurisdictions-heading" safe>
        {t("team.account.heading")}
      </h2>
      <ul class="usa-list">
        {account.memberships.map((m) => (
          <li>
            <a href={localizedPath(locale, `/members/${m.slug}`)} safe>
              {m.name}
            </a>
            <span safe>{` (${roleName(t, m)})`}</span>
          </li>
        ))}
      </ul>
      <p safe>
        {account.jurisdiction
          ? t("team.account.acting_for", { name: account.jurisdiction.name })
          : t("team.account.acting_for_none")}
      </p>
      {links.chooseJurisdiction ? (
        <p>
          <a href={localizedPath(locale, "/account/jurisdiction")} safe>
            {t("team.account.change")}
          </a>
        </p>
      ) : (
        ""
      )}
      {links.manageTeam && account.jurisdiction ? (
        <p>
          <a href={localizedPath(locale, "/account/team")} safe>
            {t("team.account.team_link", { name: account.jurisdiction.name })}
          </a>
        </p>
      ) : (
        ""
      )}
      {links.editProfile && account.jurisdiction ? (
        <p>
          <a href={localizedPath(locale, "/account/profile")} safe>
            {t("members.edit.account_link", { name: account.jurisdiction.name })}
          </a>
        </p>
      ) : (
        ""
      )}
    </section>
  );
}

/** Picks the jurisdiction to act for, among those the person works for. */
export function ChooseJurisdictionPage({
  ctx,
  account,
  next,
  problem,
  csrfToken,
}: {
  ctx: PageContext;
  account: Account;
  next: string | undefined;
  problem?: string;
  csrfToken: string;
}) {
  const { t, locale } = ctx;
  const current = account.jurisdiction?.jurisdictionId;
  return (
    <Layout ctx={ctx} title={t("team.choose.title")} noindex>
      <div class="grid-container usa-section">
        <h1 safe>{t("team.choose.title")}</h1>
        {problem ? <Notice kind="error" text={problem} /> : ""}
        {account.memberships.length === 0 ? (
          <p safe>{t("team.choose.none")}</p>
        ) : (
          <form
            class="usa-form"
            method="post"
            action={localizedPath(locale, "/account/jurisdiction")}
          >
            <input type="hidden" name="_csrf" value={csrfToken} />
            {next ? <input type="hidden" name="next" value={next} /> : ""}
            <fieldset class="usa-fieldset">
              <legend class="usa-legend" safe>
                {t("team.choose.legend")}
              </legend>
              {account.memberships.map((m, i) => (
                <div class="usa-radio">
                  <input
                    class="usa-radio__input"
                    id={`jurisdiction-${i}`}
                    type="radio"
                    name="jurisdiction"
                    value={m.jurisdictionId}
                    checked={m.jurisdictionId === current}
                  />
                  <label class="usa-radio__label" for={`jurisdiction-${i}`}>
                    <span safe>{m.name}</span>
                    <span class="usa-checkbox__label-description" safe>
                      {roleName(t, m)}
                    </span>
                  </label>
                </div>
              ))}
            </fieldset>
            <button class="usa-button" type="submit" safe>
              {t("team.choose.submit")}
            </button>
          </form>
        )}
      </div>
    </Layout>
  );
}
