// The letter's part of the campaign page: what the viewer may do with it, loaded and rendered.
import { allowed } from "../../http/policy.js";
import { localizedPath } from "../../i18n/index.js";
import { jurisdictionExecutive } from "../../members/index.js";
import { can } from "../campaigns.policy.js";
import { findParticipation } from "../participation.queries.js";
import type { Panel } from "../public/panel.js";
import { signatoriesOf } from "./letter.service.js";
import { LetterPanel } from "./letter.view.js";

/** The letter's part of the campaign page, for whoever looks. */
export const letterPanel: Panel = async (panel) => {
  const { ctx, action, campaign, viewer, shown } = panel;
  const acting = viewer?.jurisdiction ?? null;
  const own = acting
    ? await findParticipation(panel.db, action.id, acting.jurisdictionId)
    : undefined;
  const signed = own && own.withdrawn_at === null ? own : undefined;
  const mayAct = (kind: "letter") =>
    acting !== null &&
    allowed(
      can(viewer, "take_part", {
        status: shown,
        visibility: campaign.visibility,
        kind,
        jurisdictionId: acting.jurisdictionId,
      }),
    );
  const canSign = mayAct("letter");
  let signForm: { values: Record<string, string>; errors: Record<string, string> } | undefined;
  // A refused form is shown again, even over a signature it was changing.
  if (acting && canSign && (!signed || panel.sent)) {
    const executive = await jurisdictionExecutive(panel.db, acting.jurisdictionId);
    signForm = panel.sent ?? {
      values: { signer_name: executive?.name ?? "", signer_title: executive?.title ?? "" },
      errors: {},
    };
  }
  return (
    <LetterPanel
      ctx={ctx}
      actionId={action.id}
      actionPath={localizedPath(ctx.locale, panel.actionPath)}
      csrfToken={panel.csrfToken}
      signatories={await signatoriesOf(panel.db, action.id)}
      showList={campaign.signatories_public === 1 || panel.staff}
      pdfHref={localizedPath(ctx.locale, `${panel.actionPath}/letter.pdf`)}
      acting={acting ? { id: acting.jurisdictionId, name: acting.name } : null}
      signed={
        signed ? { name: signed.signer_name ?? "", title: signed.signer_title ?? "" } : undefined
      }
      signForm={signForm}
      canWithdraw={canSign}
      cannotSign={
        acting && shown === "open" && acting.role !== "member_admin"
          ? ctx.t("errors.letter_admins_only", { name: acting.name })
          : undefined
      }
    />
  );
};
