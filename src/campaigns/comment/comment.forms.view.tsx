// The sign-off and filing parts of a member's comment page (comment.view.tsx): approving a
// version, naming the approver, filing through the API or recording a comment filed by hand,
// and saying whether an unclear filing arrived.
import { commentPageUrl } from "../../rules/index.js";
import { SelectField, TextField } from "../../views/form.js";
import type { CommentPageProps } from "./comment.view.js";

export type Forms = CommentPageProps & { hidden: JSX.Element; path: (suffix: string) => string };

export function SignOff(props: Forms) {
  const { ctx, draft, member, hidden, path, refused } = props;
  const { t } = ctx;
  if (!draft || draft.filing === "filed") return "";
  return (
    <section aria-labelledby="signoff-heading">
      <h2 id="signoff-heading" safe>
        {t("campaign-comments.approve.heading")}
      </h2>
      <p safe>{t("campaign-comments.approve.hint", { member: member.name })}</p>
      {props.mayApprove &&
      !draft.approved &&
      draft.filing !== "queued" &&
      draft.filing !== "sending" ? (
        props.problems.length > 0 ? (
          <p safe>{t("campaign-comments.approve.not_ready")}</p>
        ) : (
          <form method="post" action={path("/approve")}>
            {hidden}
            <input type="hidden" name="version" value={String(draft.version)} />
            <button class="usa-button" type="submit" safe>
              {t("campaign-comments.approve.button", { version: draft.version })}
            </button>
          </form>
        )
      ) : (
        ""
      )}
      {props.mayNameApprover ? (
        <form class="usa-form" method="post" action={path("/approver")}>
          {hidden}
          <SelectField
            id="comment-approver"
            name="approver"
            label={t("campaign-comments.approver.label")}
            value={
              refused?.form === "approver"
                ? (refused.values.approver ?? "")
                : (draft.approverId ?? "")
            }
            emptyLabel={t("campaign-comments.approver.any", { member: member.name })}
            options={props.staff.map((s) => ({
              value: s.id,
              label: `${s.name} (${t(s.role === "member_admin" ? "campaign-comments.approver.admin" : "campaign-comments.approver.staff")})`,
            }))}
            error={refused?.form === "approver" ? refused.errors.approver : undefined}
          />
          <button class="usa-button usa-button--outline" type="submit" safe>
            {t("campaign-comments.approver.save")}
          </button>
        </form>
      ) : draft.approverId ? (
        <p safe>{t("campaign-comments.approver.named", { name: draft.approverName })}</p>
      ) : (
        ""
      )}
    </section>
  );
}

export function Filing(props: Forms) {
  const { ctx, draft, member, hidden, path, refused, rule, open } = props;
  const { t } = ctx;
  if (!draft || draft.filing === "filed" || !open) return "";
  const tracking = (form: "filed" | "checked") => (
    <TextField
      id={`comment-${form}-tracking_number`}
      name="tracking_number"
      label={t("campaign-comments.self.tracking")}
      hint={t("campaign-comments.self.tracking_hint")}
      value={refused?.form === form ? (refused.values.tracking_number ?? "") : ""}
      maxlength={40}
      autocomplete="off"
      error={refused?.form === form ? refused.errors.tracking_number : undefined}
    />
  );
  if (draft.filing === "unclear") {
    return (
      <section aria-labelledby="filing-heading">
        <h2 id="filing-heading" safe>
          {t("campaign-comments.checked.heading")}
        </h2>
        <form class="usa-form" method="post" action={path("/checked")}>
          {hidden}
          <fieldset class="usa-fieldset">
            <legend class="usa-legend" safe>
              {t("campaign-comments.checked.legend")}
            </legend>
            <div class="usa-radio">
              <input
                class="usa-radio__input"
                id="checked-arrived"
                type="radio"
                name="outcome"
                value="arrived"
                checked
              />
              <label class="usa-radio__label" for="checked-arrived" safe>
                {t("campaign-comments.checked.arrived")}
              </label>
            </div>
            <div class="usa-radio">
              <input
                class="usa-radio__input"
                id="checked-not"
                type="radio"
                name="outcome"
                value="not_received"
              />
              <label class="usa-radio__label" for="checked-not" safe>
                {t("campaign-comments.checked.not_received")}
              </label>
            </div>
          </fieldset>
          {tracking("checked")}
          <button class="usa-button" type="submit" safe>
            {t("campaign-comments.checked.button")}
          </button>
        </form>
      </section>
    );
  }
  const commentUrl = commentPageUrl(rule);
  return (
    <section aria-labelledby="filing-heading">
      <h2 id="filing-heading" safe>
        {t("campaign-comments.file.heading")}
      </h2>
      {!draft.approved ? <p safe>{t("campaign-comments.file.not_approved")}</p> : ""}
      {draft.approved &&
      props.canFileByApi &&
      draft.filing !== "queued" &&
      draft.filing !== "sending" ? (
        <form method="post" action={path("/file")}>
          {hidden}
          <input type="hidden" name="version" value={String(draft.version)} />
          <p safe>{t("campaign-comments.file.hint", { member: member.name })}</p>
          <button class="usa-button" type="submit" safe>
            {t("campaign-comments.file.button")}
          </button>
        </form>
      ) : (
        ""
      )}
      {draft.approved ? (
        <form class="usa-form" method="post" action={path("/filed")}>
          {hidden}
          <h3 safe>{t("campaign-comments.self.heading")}</h3>
          <p>
            <span safe>{t("campaign-comments.self.hint")}</span>{" "}
            {commentUrl ? (
              <a class="usa-link" href={commentUrl} safe>
                {t("campaign-comments.self.link")}
              </a>
            ) : (
              ""
            )}
          </p>
          {tracking("filed")}
          <button class="usa-button usa-button--outline" type="submit" safe>
            {t("campaign-comments.self.button")}
          </button>
        </form>
      ) : (
        ""
      )}
    </section>
  );
}
