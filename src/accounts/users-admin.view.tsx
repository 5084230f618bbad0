// /admin/users: everyone with an account, pending invitations, and the invite form.

import type { UserRole } from "../db/index.js";
import { AdminBreadcrumb } from "../http/admin-home.view.js";
import { localizedPath } from "../i18n/index.js";
import type { Option } from "../views/form.js";
import { Layout } from "../views/layout.js";
import { Notice } from "../views/notice.js";
import type { PageContext } from "../views/page-context.js";
import { TableHead } from "../views/table.js";
import { describeInvitation, InviteForm, type InviteFormState } from "./invitation-form.view.js";
import type { Invitation } from "./invitations.service.js";
import type { Person } from "./people.service.js";
import { Invitations } from "./team.view.js";

export interface UsersPageProps {
  ctx: PageContext;
  people: Person[];
  invitations: Invitation[];
  jurisdictions: Option[];
  form: InviteFormState;
  csrfToken: string;
  notice?: { kind: "success" | "error"; text: string };
}

const ROLE_CHOICES: (UserRole | "none")[] = ["none", "coalition_editor", "coalition_admin"];

export function UsersPage(props: UsersPageProps) {
  const { ctx, people, invitations, jurisdictions, form, csrfToken, notice } = props;
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t("team.users.title")} noindex>
      <div class="grid-container usa-section">
        <AdminBreadcrumb ctx={ctx} current={t("team.users.title")} />
        <h1 safe>{t("team.users.title")}</h1>
        <p safe>{t("team.users.intro")}</p>
        {notice ? <Notice kind={notice.kind} text={notice.text} /> : ""}

        <h2 id="users-people-heading" safe>
          {t("team.users.people", { count: people.length })}
        </h2>
        <table
          class="usa-table usa-table--borderless usa-table--stacked"
          aria-labelledby="users-people-heading"
        >
          <TableHead
            labels={[
              t("team.column.name"),
              t("accounts.field.email"),
              t("team.column.coalition_role"),
              t("team.column.memberships"),
              t("team.column.two_factor"),
            ]}
          />
          <tbody>
            {people.map((p, row) => (
              <tr>
                <th scope="row" data-label={t("team.column.name")}>
                  <span safe>{p.name}</span>
                  {p.isDemo ? (
                    <>
                      {" "}
                      <strong class="usa-tag" safe>
                        {t("common.demo.label")}
                      </strong>
                    </>
                  ) : (
                    ""
                  )}
                </th>
                <td data-label={t("accounts.field.email")} safe>
                  {p.email}
                </td>
                <td data-label={t("team.column.coalition_role")}>
                  <form method="post" action={localizedPath(locale, "/admin/users/role")}>
                    <input type="hidden" name="_csrf" value={csrfToken} />
                    <input type="hidden" name="user" value={p.id} />
                    <label class="usa-sr-only" for={`role-${row}`} safe>
                      {t("team.users.role_label", { name: p.name })}
                    </label>
                    <select class="usa-select" id={`role-${row}`} name="role">
                      {ROLE_CHOICES.map((r) => (
                        <option value={r} selected={(p.coalitionRole ?? "none") === r} safe>
                          {t(`accounts.role.${r}`)}
                        </option>
                      ))}
                    </select>
                    <button class="usa-button usa-button--outline" type="submit" safe>
                      {t("team.users.role_submit")}
                    </button>
                  </form>
                </td>
                <td data-label={t("team.column.memberships")}>
                  {p.memberships.length === 0 ? (
                    <span safe>{t("team.users.no_memberships")}</span>
                  ) : (
                    <ul class="usa-list usa-list--unstyled">
                      {p.memberships.map((m) => (
                        <li>
                          <span safe>
                            {t("team.target.member", {
                              role: t(`team.role.${m.role}`),
                              jurisdiction: m.name,
                            })}
                          </span>{" "}
                          <form
                            method="post"
                            action={localizedPath(locale, "/admin/users/remove-membership")}
                          >
                            <input type="hidden" name="_csrf" value={csrfToken} />
                            <input type="hidden" name="user" value={p.id} />
                            <input type="hidden" name="jurisdiction" value={m.jurisdictionId} />
                            <button
                              class="usa-button usa-button--unstyled"
                              type="submit"
                              aria-label={t("team.remove.label", {
                                name: p.name,
                                jurisdiction: m.name,
                              })}
                              safe
                            >
                              {t("team.remove.submit")}
                            </button>
                          </form>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td data-label={t("team.column.two_factor")} safe>
                  {t(p.twoFactorEnabled ? "team.users.two_factor_on" : "team.users.two_factor_off")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>

        <h2 id="users-invitations-heading" safe>
          {t("team.invitations.heading")}
        </h2>
        <Invitations
          ctx={ctx}
          invitations={invitations}
          csrfToken={csrfToken}
          action={localizedPath(locale, "/admin/users/revoke")}
          labelledBy="users-invitations-heading"
          describe={(i) => describeInvitation(t, i)}
        />

        <h2 safe>{t("team.invite.heading")}</h2>
        <p safe>{t("team.invite.intro_admin")}</p>
        <InviteForm
          ctx={ctx}
          action={localizedPath(locale, "/admin/users/invite")}
          csrfToken={csrfToken}
          form={form}
          targets={["coalition_admin", "coalition_editor", "member_admin", "member_staff"]}
          jurisdictions={jurisdictions}
        />
      </div>
    </Layout>
  );
}
