// /account/team: a member admin's view of their jurisdiction's people and pending invitations.

import type { Membership } from "../http/account.js";
import { localizedPath } from "../i18n/index.js";
import { Layout } from "../views/layout.js";
import { Notice } from "../views/notice.js";
import type { PageContext } from "../views/page-context.js";
import { TableHead } from "../views/table.js";
import { InviteForm, type InviteFormState } from "./invitation-form.view.js";
import type { Invitation } from "./invitations.service.js";
import type { TeamMember } from "./memberships.queries.js";

export interface TeamPageProps {
  ctx: PageContext;
  jurisdiction: Membership;
  selfId: string;
  /** Each with whether the page offers to remove them (accounts.policy.ts `canOfferRemoval`). */
  people: (TeamMember & { removable: boolean })[];
  invitations: Invitation[];
  form: InviteFormState;
  csrfToken: string;
  notice?: { kind: "success" | "error"; text: string };
}

export function TeamPage(props: TeamPageProps) {
  const { ctx, jurisdiction, selfId, people, invitations, form, csrfToken, notice } = props;
  const { t, locale } = ctx;
  const title = t("team.page.title", { name: jurisdiction.name });
  const date = (iso: string) => t("team.date", { at: new Date(iso) });
  const peopleColumns = [
    t("team.column.name"),
    t("accounts.field.email"),
    t("team.column.role"),
    t("team.column.since"),
    t("team.column.actions"),
  ];
  const [nameCol, emailCol, roleCol, sinceCol, actionsCol] = peopleColumns;
  return (
    <Layout ctx={ctx} title={title} noindex>
      <div class="grid-container usa-section">
        <h1 safe>{title}</h1>
        <p safe>{t("team.page.intro")}</p>
        {notice ? <Notice kind={notice.kind} text={notice.text} /> : ""}

        <h2 id="team-people-heading" safe>
          {t("team.page.people")}
        </h2>
        {/* Stacked on phones: each cell under its column's name (data-label), never sideways. */}
        <table
          class="usa-table usa-table--borderless usa-table--stacked cfa-team-table"
          aria-labelledby="team-people-heading"
        >
          <TableHead labels={peopleColumns} />
          <tbody>
            {people.map((p) => (
              <tr>
                <th scope="row" data-label={nameCol}>
                  <span safe>{p.name}</span>
                  {p.id === selfId ? (
                    <>
                      {" "}
                      <span safe>{t("team.page.you")}</span>
                    </>
                  ) : (
                    ""
                  )}
                </th>
                <td class="cfa-break-anywhere" data-label={emailCol} safe>
                  {p.email}
                </td>
                <td data-label={roleCol} safe>
                  {t(`team.role.${p.role}`)}
                </td>
                <td data-label={sinceCol} safe>
                  {date(p.since)}
                </td>
                <td data-label={actionsCol}>
                  {/* The last member admin cannot leave (the server says so too): no button. */}
                  {!p.removable ? (
                    ""
                  ) : (
                    <form method="post" action={localizedPath(locale, "/account/team/remove")}>
                      <input type="hidden" name="_csrf" value={csrfToken} />
                      <input
                        type="hidden"
                        name="jurisdiction"
                        value={jurisdiction.jurisdictionId}
                      />
                      <input type="hidden" name="user" value={p.id} />
                      <button
                        class="usa-button usa-button--unstyled"
                        type="submit"
                        aria-label={t("team.remove.label", {
                          name: p.name,
                          jurisdiction: jurisdiction.name,
                        })}
                        safe
                      >
                        {t("team.remove.submit")}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>

        <h2 id="team-invitations-heading" safe>
          {t("team.invitations.heading")}
        </h2>
        <Invitations
          ctx={ctx}
          invitations={invitations}
          csrfToken={csrfToken}
          action={localizedPath(locale, "/account/team/revoke")}
          jurisdictionId={jurisdiction.jurisdictionId}
          labelledBy="team-invitations-heading"
        />

        <h2 safe>{t("team.invite.heading")}</h2>
        <p safe>{t("team.invite.intro_team", { name: jurisdiction.name })}</p>
        <InviteForm
          ctx={ctx}
          action={localizedPath(locale, "/account/team/invite")}
          csrfToken={csrfToken}
          form={form}
          targets={["member_staff", "member_admin"]}
          fixedJurisdiction={jurisdiction.jurisdictionId}
        />
      </div>
    </Layout>
  );
}

/** Pending invitations with a revoke button each; shared with /admin/users. */
export function Invitations({
  ctx,
  invitations,
  csrfToken,
  action,
  jurisdictionId,
  labelledBy,
  describe,
}: {
  ctx: PageContext;
  invitations: Invitation[];
  csrfToken: string;
  action: string;
  jurisdictionId?: string;
  labelledBy: string;
  describe?: (invitation: Invitation) => string;
}) {
  const { t } = ctx;
  if (invitations.length === 0) return <p safe>{t("team.invitations.none")}</p>;
  const date = (iso: string) => t("team.date", { at: new Date(iso) });
  const columns = [
    t("accounts.field.email"),
    t("team.column.role"),
    t("team.column.invited_by"),
    t("team.column.expires"),
    t("team.column.actions"),
  ];
  const [emailCol, roleCol, byCol, expiresCol, actionsCol] = columns;
  return (
    <table
      class="usa-table usa-table--borderless usa-table--stacked cfa-team-table"
      aria-labelledby={labelledBy}
    >
      <TableHead labels={columns} />
      <tbody>
        {invitations.map((i) => (
          <tr>
            <th scope="row" class="cfa-break-anywhere" data-label={emailCol} safe>
              {i.email}
            </th>
            <td data-label={roleCol} safe>
              {describe ? describe(i) : t(`team.role.${i.membershipRole ?? "member_staff"}`)}
            </td>
            <td data-label={byCol} safe>
              {i.invitedByName ?? t("team.invitations.unknown_inviter")}
            </td>
            <td data-label={expiresCol} safe>
              {date(i.expiresAt)}
            </td>
            <td data-label={actionsCol}>
              <form method="post" action={action}>
                <input type="hidden" name="_csrf" value={csrfToken} />
                {jurisdictionId ? (
                  <input type="hidden" name="jurisdiction" value={jurisdictionId} />
                ) : (
                  ""
                )}
                <input type="hidden" name="invitation" value={i.id} />
                <button
                  class="usa-button usa-button--unstyled"
                  type="submit"
                  aria-label={t("team.revoke.label", { email: i.email })}
                  safe
                >
                  {t("team.revoke.submit")}
                </button>
              </form>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
