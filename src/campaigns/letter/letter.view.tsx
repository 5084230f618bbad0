// The sign-on letter's part of the campaign page: its signatories (when the campaign shows them),
// and for a member: the form to sign for the jurisdiction they act for, or its signature with the
// button to withdraw it while the campaign is open.
import { placeName } from "../../members/index.js";
import { ErrorSummary, TextField } from "../../views/form.js";
import type { PageContext } from "../../views/page-context.js";
import { SIGNER_MAX } from "./letter.schema.js";
import type { Signatory } from "./letter.service.js";

const fieldId = (actionId: string, name: string) => `sign-${actionId.slice(0, 8)}-${name}`;

function SignatoryList({ ctx, signatories }: { ctx: PageContext; signatories: Signatory[] }) {
  if (signatories.length === 0) return <p safe>{ctx.t("campaigns.letter.no_signatories")}</p>;
  return (
    <ul class="usa-list cfa-signatories">
      {signatories.map((s) => (
        <li>
          <span safe>
            {ctx.t("campaigns.letter.signatory", { name: s.signerName, title: s.signerTitle })}
          </span>
          {" — "}
          <span lang={ctx.locale.tag === "en" ? undefined : "en"} safe>
            {placeName(s.jurisdiction, s.state)}
          </span>
          {s.isDemo ? (
            <span class="usa-tag cfa-demo-tag" safe>
              {ctx.t("campaigns.demo_tag")}
            </span>
          ) : (
            ""
          )}
        </li>
      ))}
    </ul>
  );
}

export interface LetterPanelProps {
  ctx: PageContext;
  actionId: string;
  /** The action's address in the page's language. */
  actionPath: string;
  csrfToken: string;
  signatories: Signatory[];
  /** Whether the list of signatories is shown (the campaign says so, or staff look). */
  showList: boolean;
  /** The jurisdiction the viewer acts for, if any. */
  acting: { id: string; name: string } | null;
  /** Its signature, if it signed. */
  signed?: { name: string; title: string };
  /** The sign form, when the viewer may sign now: its values and refusals. */
  signForm?: { values: Record<string, string>; errors: Record<string, string> };
  canWithdraw: boolean;
  /** The letter as a PDF with its signatories, in the page's language, when the list is shown. */
  pdfHref?: string;
  /** Why the viewer cannot sign (a member's staff, not its administrator), if so. */
  cannotSign?: string;
}

export function LetterPanel(props: LetterPanelProps) {
  const { ctx, acting, signed, signForm, actionPath, csrfToken, actionId } = props;
  const { t } = ctx;
  let part: JSX.Element = "";
  if (acting && signed) {
    part = (
      <div class="cfa-taken-part">
        <p safe>
          {t("campaigns.letter.signed", {
            jurisdiction: acting.name,
            name: signed.name,
            title: signed.title,
          })}
        </p>
        {props.canWithdraw ? (
          <form method="post" action={`${actionPath}/withdraw`}>
            <input type="hidden" name="_csrf" value={csrfToken} />
            <input type="hidden" name="jurisdiction" value={acting.id} />
            <button class="usa-button usa-button--outline" type="submit" safe>
              {t("campaigns.letter.withdraw")}
            </button>
          </form>
        ) : (
          ""
        )}
      </div>
    );
  } else if (acting && signForm) {
    const { values, errors } = signForm;
    part = (
      <>
        <ErrorSummary
          heading={t("campaigns.form.error.summary_heading")}
          errors={Object.entries(errors).map(([name, message]) => ({
            id: fieldId(actionId, name),
            message,
          }))}
        />
        <form class="usa-form" method="post" action={`${actionPath}/sign`}>
          <input type="hidden" name="_csrf" value={csrfToken} />
          <input type="hidden" name="jurisdiction" value={acting.id} />
          <TextField
            id={fieldId(actionId, "signer_name")}
            name="signer_name"
            label={t("campaigns.letter.signer_name")}
            hint={t("campaigns.letter.signer_hint")}
            value={values.signer_name ?? ""}
            maxlength={SIGNER_MAX}
            autocomplete="off"
            error={errors.signer_name}
          />
          <TextField
            id={fieldId(actionId, "signer_title")}
            name="signer_title"
            label={t("campaigns.letter.signer_title")}
            value={values.signer_title ?? ""}
            maxlength={SIGNER_MAX}
            autocomplete="off"
            error={errors.signer_title}
          />
          <button class="usa-button" type="submit" safe>
            {t("campaigns.letter.sign", { jurisdiction: acting.name })}
          </button>
        </form>
      </>
    );
  } else if (props.cannotSign) {
    part = <p safe>{props.cannotSign}</p>;
  }
  return (
    <div class="cfa-letter">
      <p class="cfa-count" safe>
        {t("campaigns.letter.count", { count: props.signatories.length })}
      </p>
      {part}
      {props.showList ? (
        <details class="cfa-signatories-block">
          <summary safe>{t("campaigns.letter.signatories")}</summary>
          <SignatoryList ctx={ctx} signatories={props.signatories} />
        </details>
      ) : (
        ""
      )}
      {props.showList && props.pdfHref ? (
        <p class="cfa-letter-pdf">
          <a href={props.pdfHref} safe>
            {t("campaign-results.pdf.link")}
          </a>
        </p>
      ) : (
        ""
      )}
    </div>
  );
}
